#pragma once
// Writing a results file while its runs finish, so that publishing does not
// wait for one large write at the end: /runs is created at full size when the
// file is opened, each block of rows is written as soon as all its runs are at
// hand (so every compressed chunk is written once), and finish() writes the
// rest of the file (store/results_body.hpp), flushes and closes it.
//
// Only one thread may use a writer (HDF5 is not thread-safe: store/h5.hpp).
// The file is complete only after finish(); publish it with publish_temporary.
#include <memory>
#include <string>
#include <vector>

#include "store/results.hpp"
#include "store/runs_layout.hpp"

namespace nnsweep {

// What the shape of /runs depends on, known before any run trains.
struct RunsPlan {
  std::vector<std::int64_t> indices;  // plan index of each row, in row order
  // Each row's network [n_0, ..., n_L] (empty when unknown, as for a failed run).
  std::vector<std::vector<Eigen::Index>> networks;
  std::vector<std::vector<std::pair<std::string, std::int64_t>>> seeds;  // each row's
  bool test_parts = false;                                               // some run has a test part
};
// The plan of a file holding exactly `runs`, in row order.
RunsPlan runs_plan(const std::vector<RunRecord>& runs);

class ResultsWriter {
 public:
  // Creates the file at `path`, which must not exist.
  ResultsWriter(const std::string& path, const RunsPlan& plan);
  // The same, from the layout of /runs itself (runs_table.hpp).
  ResultsWriter(const std::string& path, RunsLayout layout);
  ~ResultsWriter();  // closes the file, complete or not (the caller removes it)
  ResultsWriter(const ResultsWriter&) = delete;
  ResultsWriter& operator=(const ResultsWriter&) = delete;

  // Row `row`'s run is done. `run` must stay valid and unchanged until
  // finish(), which writes the blocks still incomplete.
  void add(std::size_t row, const RunRecord& run);
  // Rows are written in blocks of this many (the last may be shorter): once
  // every row of a block is added, the block is written and its records'
  // configs and weights are not needed again (only their summary is).
  std::size_t rows_per_block() const;
  // Writes the rows not yet written from `results.runs` (one per plan row, in
  // row order) and everything else from `results`; flushes and closes.
  void finish(const Results& results);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace nnsweep
