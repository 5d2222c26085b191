#include "sweep/resolve_all.hpp"

#include <numeric>

#include "sweep/parallel_resolver.hpp"

namespace nnsweep {

std::vector<PlannedRun> resolve_all(const ConfigDocument& document, const Plan& plan,
                                    const PlanResolver& resolver, int threads) {
  std::vector<std::int64_t> indices(static_cast<std::size_t>(plan.size()));
  std::iota(indices.begin(), indices.end(), std::int64_t{0});
  const ParallelResolver parallel(document, resolver, planning_threads(threads, plan.size()));
  std::vector<PlannedRun> runs;
  runs.reserve(indices.size());
  for (ResolvedPoint& point : parallel.resolve(indices)) {
    if (point.error) throw *point.error;
    runs.push_back(std::move(*point.run));
  }
  return runs;
}

}  // namespace nnsweep
