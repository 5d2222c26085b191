#pragma once
// The rows of a session's results file, found before anything is written.
//
// A session (session/session.hpp) runs one share of a plan (or all of it).
// Its rows are the share's distinct runs in plan order: a point whose run
// repeats an earlier point of the share is not a row (`nnsweep merge` removes
// the repeats between shares). Surveying the share resolves its runs in
// windows of kSurveyWindow, keeping of each only what the file's layout and
// the matching of earlier results need (about 100 bytes), so that a share of
// millions of runs is surveyed in bounded memory; the runs are resolved again,
// window by window, when they train.
//
// A run that does not resolve (a value that validation's sample missed:
// sweep/validation.hpp) is a row of its own with status `failed` and the
// config error as its message; it is never trained.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "session/planned_experiment.hpp"
#include "store/runs_layout.hpp"
#include "sweep/executor.hpp"
#include "sweep/parallel_resolver.hpp"
#include "sweep/share.hpp"

namespace nnsweep {

constexpr std::size_t kSurveyWindow = 4096;
// Runs are trained in windows of this many rows: each window's resolved runs
// are held while it trains (some 2 KB each), and each window's end waits for
// its last run and its last records, so windows are as large as memory
// allows. A plan that validation resolved whole trains in one window.
constexpr std::size_t kTrainWindow = 16384;

struct SessionRow {
  std::int64_t index = 0;             // in the plan
  std::uint64_t key = 0;              // id_key of its run id
  std::vector<Eigen::Index> network;  // [n_0, ..., n_L] on its training set; empty if invalid
  std::size_t most_curve_points = 0;  // session/earlier_results.hpp
  std::int64_t invalid = -1;          // its record in SessionRows::invalid, or -1
};

struct SessionRows {
  std::vector<SessionRow> rows;
  std::vector<RunRecord> invalid;                   // the records of the runs that do not resolve
  std::int64_t points = 0;                          // points of the share, repeats included
  std::int64_t duplicates = 0;                      // points repeating an earlier run of the share
  RunsLayout layout;                                // of the file's /runs
  DatasetCache datasets;                            // every dataset the rows train on, generated
  std::map<std::string, std::string> dataset_yaml;  // each dataset's config, by id
};

// A window of runs resolved: each run, or why it does not resolve, by position.
class ResolvedWindow {
 public:
  std::size_t size() const { return indices_.size(); }
  std::int64_t index(std::size_t k) const { return indices_[k]; }
  const PlannedRun* run(std::size_t k) const;     // null when the run is invalid
  const ConfigError* error(std::size_t k) const;  // null when it resolves

 private:
  friend class RunSource;
  std::vector<std::int64_t> indices_;
  std::vector<ResolvedPoint> owned_;         // resolved now
  std::vector<const PlannedRun*> borrowed_;  // or those validation kept
};

// Resolves runs of the experiment: those validation resolved when it resolved
// them all (not copied), else by `parallel`.
class RunSource {
 public:
  RunSource(const PlannedExperiment& experiment, const ParallelResolver& parallel)
      : experiment_(experiment), parallel_(parallel) {}
  // Valid while the experiment is.
  ResolvedWindow resolve(const std::vector<std::int64_t>& indices) const;

 private:
  const PlannedExperiment& experiment_;
  const ParallelResolver& parallel_;
};

// Throws DataError (sweep/executor.hpp: generate_datasets) for a dataset that
// cannot be made or a run that cannot train on its dataset.
SessionRows survey_rows(const PlannedExperiment& experiment, const std::optional<Share>& share,
                        const RunSource& source, const Registries& registries);

// The record of a run that does not resolve.
RunRecord invalid_run_record(std::int64_t index, const ConfigError& error, std::size_t keys);

}  // namespace nnsweep
