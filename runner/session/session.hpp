#pragma once
// Running an experiment into its results file: the run layer between the CLI
// and the sweep, trainer and store.
//
// What it guarantees:
//  - A results file belongs to the experiment named in it. An output that holds
//    another experiment, or a file that is not an nnsweep results file, is
//    refused (Refusal, nothing touched) unless `overwrite` is set.
//  - Runs are identified by their resolved configs (run ids). Every run of the
//    plan whose id is already in the output file or in the journal is reused,
//    not trained; the published file holds exactly the plan's runs (of this
//    share), in plan order. `fresh` trains everything again.
//  - Each finished run is journalled beside the output (OUT.partial) before
//    anything else happens to it, so an interrupted session loses at most the
//    runs in flight; the same call later resumes.
//  - The file at `out` is only ever replaced whole: it is written while the
//    runs train under a temporary name (store/results_writer.hpp), each run
//    after its journal record, and renamed into place when complete
//    (publish_temporary); a session that does not publish removes it.
#include <atomic>
#include <functional>
#include <optional>

#include "registry/registry.hpp"
#include "session/planned_experiment.hpp"
#include "session/refusal.hpp"
#include "store/results.hpp"
#include "sweep/executor.hpp"
#include "sweep/share.hpp"
#include "train/train_run.hpp"

namespace nnsweep {

struct SessionOptions {
  std::string out;                                // the results file
  int threads = 0;                                // 0 = every core
  bool overwrite = false;                         // replace an output of another experiment
  bool fresh = false;                             // reuse nothing
  std::optional<Share> share;                     // only this share of the plan
  std::int64_t dataset_limit = 10000000;          // store training sets of at most this many values
  std::map<std::string, std::string> provenance;  // root attributes of the file
  const std::atomic<bool>* stop = nullptr;        // set by a signal: keep what is done, stop
  RunExecutor* executor = nullptr;                // where runs train; null: this process's threads
};

// How many of the session's runs come from where; passed to `started`.
struct SessionCounts {
  std::int64_t runs = 0;     // runs of this share of the plan
  std::int64_t reused = 0;   // taken from the existing results file
  std::int64_t resumed = 0;  // taken from the journal of an interrupted session
  std::int64_t to_train = 0;
  // Runs in the output file computed with another arithmetic, trained again.
  std::int64_t other_arithmetic = 0;
  // Earlier results (journal records or the file's runs) that do not fit
  // their run as planned (session/earlier_results.hpp), trained again; and
  // what was wrong with the first of them.
  std::int64_t dropped = 0;
  std::string dropped_reason;
  // Points of the share that repeat an earlier run of it (not rows), and rows
  // whose config does not resolve (failed, never trained: session/session_rows.hpp).
  std::int64_t duplicates = 0;
  std::int64_t invalid = 0;
};

struct SessionObserver {
  std::function<void(const SessionCounts&, const std::string& journal)> started;
  std::function<void(const RunRecord&)> finished;  // on the calling thread
  CostLogger log;  // per-iteration cost lines (for a single-run experiment)
};

enum class SessionOutcome { published, up_to_date, interrupted };

struct SessionReport {
  SessionOutcome outcome = SessionOutcome::published;
  SessionCounts counts;
  // What the file at `out` now holds (unless interrupted); after a session of
  // more than kSurveyWindow rows, without the runs' configs, seeds, layer
  // sizes and parameters (read the file for those).
  Results results;
  std::string journal;    // OUT.partial
  std::int64_t kept = 0;  // interrupted: finished runs safe in the journal
};

// Throws Refusal for the refusals above and DataError for a dataset that
// cannot be made (both exit code 2: generate_datasets in sweep/executor.hpp),
// and std::exception for I/O failures (exit code 1); in every case the
// existing output is untouched.
SessionReport run_session(const PlannedExperiment& experiment, const SessionOptions& options,
                          const SessionObserver& observer, const Registries& registries);

}  // namespace nnsweep
