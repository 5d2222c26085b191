#pragma once
// Resolving many runs of a plan at once, on several threads.
#include <memory>
#include <optional>
#include <vector>

#include "config/config_error.hpp"
#include "sweep/resolve.hpp"

namespace nnsweep {

// A run of the plan as resolved, or why it cannot be.
struct ResolvedPoint {
  std::int64_t index = 0;
  std::optional<PlannedRun> run;     // set unless the run is invalid
  std::optional<ConfigError> error;  // set when it is
};

// Resolves batches of plan indices with `threads` threads (0: every core).
// Each thread but the calling one resolves from its own copy of the document
// (config/loader.hpp: independent_copy), made once and kept for every batch,
// so that a plan streamed in windows pays for the copies once.
//
// The result never depends on the thread count: each index is resolved by
// `shared.resolve(index)` or an exact copy of it. `document`, `plan` and
// `shared` must outlive the resolver.
class ParallelResolver {
 public:
  ParallelResolver(const ConfigDocument& document, const PlanResolver& shared, int threads);
  ~ParallelResolver();
  ParallelResolver(const ParallelResolver&) = delete;
  ParallelResolver& operator=(const ParallelResolver&) = delete;

  // One entry per index, in the order given. An invalid run is reported in
  // its entry (a ConfigError); any other failure (memory) is thrown.
  std::vector<ResolvedPoint> resolve(const std::vector<std::int64_t>& indices) const;

 private:
  struct ThreadCopy;
  const PlanResolver& shared_;
  std::vector<std::unique_ptr<ThreadCopy>> copies_;
};

// The number of threads worth resolving `runs` runs with: `requested` (0:
// every core), but fewer for few runs, whose copies of the document would cost
// more than they save.
int planning_threads(int requested, std::int64_t runs);

}  // namespace nnsweep
