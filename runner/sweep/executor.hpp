#pragma once
// Training the runs of a plan in parallel.
//
// Runs are spread over OpenMP threads with dynamic scheduling, the most
// expensive first. Nothing a run computes depends on the thread that runs it or
// on the order runs finish: a run's randomness comes only from its config.
// Finished runs are handed to the calling thread, which alone calls
// `on_finished` (the only place results are stored, so only one thread ever
// touches the results file).
#include <atomic>
#include <functional>
#include <map>
#include <memory>

#include "data/prepare.hpp"
#include "store/results.hpp"
#include "sweep/resolve.hpp"
#include "train/train_run.hpp"

namespace nnsweep {

struct ExecutionOptions {
  int threads = 0;  // 0 = every core; never more than there are runs
  // Given only when the plan is a single run: prints its cost lines.
  CostLogger log;
  // Called on the calling thread, once per finished run, in finishing order.
  std::function<void(RunRecord&&)> on_finished;
  // When set and it becomes true, no further run starts and runs in flight stop
  // at their next iteration; unfinished runs are not handed to on_finished.
  const std::atomic<bool>* stop = nullptr;
};

// A dataset as generated, and the parts runs train and test on.
struct RunData {
  Dataset generated;
  PreparedData prepared;
};
// Datasets keyed by their resolved dataset config, each generated (and split)
// once and shared read-only by every run that uses it. Throws DataError when a
// dataset cannot be made (a malformed file, parameters that do not fit
// together), its split is impossible (SplitError), or a run's loss cannot
// train on it (binary cross-entropy on three classes): all before any run
// trains.
using DatasetCache = std::map<std::string, std::shared_ptr<const RunData>>;
DatasetCache generate_datasets(const std::vector<const PlannedRun*>& runs,
                               const Registries& registries);
// The same, adding to `cache` the datasets it lacks (for runs met in
// windows); returns each run's network [n_0, ..., n_L] on its training set
// (trainer.hpp: layer_sizes), which the check computes anyway.
std::vector<std::vector<Eigen::Index>> add_datasets(DatasetCache& cache,
                                                    const std::vector<const PlannedRun*>& runs,
                                                    const Registries& registries);

// A run's record from its plan entry and its result (trained now or reused).
RunRecord make_record(const PlannedRun& run, RunResult result);

// Estimated work of a run (multiply-adds), used to start the largest runs first.
double estimated_cost(const PlannedRun& run, const Dataset& data, const Registries& registries);

// The threads to train `runs` runs with: `requested` (0 = every core), but
// never more than there are runs, and at least one.
int training_threads(int requested, std::size_t runs);

// `runs` must outlive the call; they are not copied.
void execute_runs(const std::vector<const PlannedRun*>& runs, const DatasetCache& datasets,
                  const Registries& registries, const ExecutionOptions& options);

// Where a session's runs train: this process's threads (execute_runs), or
// other processes (cluster/mpi_executor.hpp).
//
// execute() may be called several times in one session, each time with a
// batch of runs (a window of the plan). Its contract is execute_runs': every
// run of `runs` that finishes is handed once to options.on_finished, on the
// calling thread; a run's record must not depend on where or in which order it
// trained; when *options.stop becomes true no further run starts, and
// unfinished runs are not handed over. Throws what training throws.
class RunExecutor {
 public:
  virtual ~RunExecutor() = default;
  virtual void execute(const std::vector<const PlannedRun*>& runs, const DatasetCache& datasets,
                       const Registries& registries, const ExecutionOptions& options) = 0;
};

}  // namespace nnsweep
