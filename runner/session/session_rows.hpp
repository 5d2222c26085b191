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

// Resolves runs of the experiment: copies of those validation resolved when it
// resolved them all, else by `parallel`.
class RunSource {
 public:
  RunSource(const PlannedExperiment& experiment, const ParallelResolver& parallel)
      : experiment_(experiment), parallel_(parallel) {}
  std::vector<ResolvedPoint> resolve(const std::vector<std::int64_t>& indices) const;

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
