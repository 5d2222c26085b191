#include "session/earlier_results.hpp"

#include <algorithm>

namespace nnsweep {

std::size_t most_curve_points(const TrainConfig& train) {
  // Every epoch takes at least one update, so N iterations are at most N epochs.
  const std::int64_t epochs = train.epochs > 0 ? train.epochs : train.iterations;
  const std::int64_t every = std::max<std::int64_t>(train.record_every, 1);
  return static_cast<std::size_t>((std::max<std::int64_t>(epochs, 0) + every - 1) / every);
}

std::string misfit(const RunResult& result, const PlannedShape& planned) {
  const auto status = static_cast<int>(result.status);
  if (status < static_cast<int>(RunStatus::ok) || status > static_cast<int>(RunStatus::failed)) {
    return "an unknown status " + std::to_string(status);
  }
  if (result.costs.size() > planned.most_curve_points) {
    return "a cost curve of " + std::to_string(result.costs.size()) + " points, more than the " +
           std::to_string(planned.most_curve_points) + " its training records";
  }
  if (!result.test_costs.empty() && result.test_costs.size() != result.costs.size()) {
    return "a test cost curve of " + std::to_string(result.test_costs.size()) +
           " points beside a training curve of " + std::to_string(result.costs.size());
  }
  const std::vector<Eigen::Index>& network = planned.network;
  if (result.parameters.size() == 0 && result.sizes.empty()) return "";
  if (result.sizes != network) {
    std::string sizes;
    for (Eigen::Index size : result.sizes)
      sizes += (sizes.empty() ? "" : ", ") + std::to_string(size);
    return "layer sizes [" + sizes + "], not the plan's";
  }
  Eigen::Index count = 0;
  for (std::size_t l = 0; l + 1 < network.size(); ++l) count += (network[l] + 1) * network[l + 1];
  if (result.parameters.size() != count) {
    return std::to_string(result.parameters.size()) + " parameters, not the " +
           std::to_string(count) + " its layers hold";
  }
  return "";
}

}  // namespace nnsweep
