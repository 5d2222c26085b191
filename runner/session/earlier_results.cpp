#include "session/earlier_results.hpp"

namespace nnsweep {

std::string misfit(const RunResult& result, const std::vector<Eigen::Index>& network) {
  const auto status = static_cast<int>(result.status);
  if (status < static_cast<int>(RunStatus::ok) || status > static_cast<int>(RunStatus::failed)) {
    return "an unknown status " + std::to_string(status);
  }
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
