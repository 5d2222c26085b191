// Writing a results file in steps (store/results_writer.hpp), and in one go.
#include "store/results_writer.hpp"

#include <algorithm>

#include "store/h5.hpp"
#include "store/results_body.hpp"
#include "store/runs_table.hpp"

namespace nnsweep {

RunsPlan runs_plan(const std::vector<RunRecord>& runs) {
  RunsPlan plan;
  for (const RunRecord& run : runs) {
    plan.indices.push_back(run.index);
    plan.networks.push_back(run.result.sizes);
    plan.seeds.push_back(run.seeds);
    plan.test_parts = plan.test_parts || !run.result.test_costs.empty();
  }
  return plan;
}

struct ResultsWriter::State {
  h5::Handle file;
  std::unique_ptr<RunsTableWriter> table;
  std::vector<const RunRecord*> rows;  // as add() gave them; null until then
  std::vector<hsize_t> done;           // rows added, per block
  std::vector<bool> written;           // per block

  std::size_t blocks() const { return done.size(); }
  hsize_t first(std::size_t block) const { return block * table->rows_per_block(); }
  hsize_t size(std::size_t block) const {
    return std::min<hsize_t>(table->rows_per_block(), rows.size() - first(block));
  }
  void write(std::size_t block, const std::vector<const RunRecord*>& all) {
    const auto begin = all.begin() + static_cast<std::ptrdiff_t>(first(block));
    table->write_block(first(block), {begin, begin + static_cast<std::ptrdiff_t>(size(block))});
    written[block] = true;
  }
};

namespace {

RunsLayout layout_of(const RunsPlan& plan) {
  RunsLayout layout;
  layout.indices = plan.indices;
  layout.test_costs = plan.test_parts;
  for (std::size_t row = 0; row < plan.indices.size(); ++row) {
    widen_layout(layout, plan.networks.at(row), plan.seeds.at(row));
  }
  return layout;
}

}  // namespace

ResultsWriter::ResultsWriter(const std::string& path, const RunsPlan& plan)
    : ResultsWriter(path, layout_of(plan)) {}

ResultsWriter::ResultsWriter(const std::string& path, RunsLayout layout)
    : state_(std::make_unique<State>()) {
  h5::quiet_errors();
  state_->file = h5::create_file(path);
  state_->table = std::make_unique<RunsTableWriter>(state_->file, std::move(layout));
  const std::size_t n = state_->table->rows();
  const hsize_t block = state_->table->rows_per_block();
  state_->rows.assign(n, nullptr);
  state_->done.assign((n + block - 1) / block, 0);
  state_->written.assign(state_->done.size(), false);
}

ResultsWriter::~ResultsWriter() = default;

std::size_t ResultsWriter::rows_per_block() const {
  return state_->table->rows_per_block();
}

void ResultsWriter::add(std::size_t row, const RunRecord& run) {
  State& state = *state_;
  if (row >= state.rows.size() || state.rows[row]) throw h5::H5Error("a results row twice");
  state.rows[row] = &run;
  const std::size_t block = row / state.table->rows_per_block();
  if (++state.done[block] == state.size(block)) state.write(block, state.rows);
}

void ResultsWriter::finish(const Results& results) {
  State& state = *state_;
  if (results.runs.size() != state.rows.size()) {
    throw h5::H5Error("the results hold another number of runs than the file was opened for");
  }
  std::vector<const RunRecord*> all;
  for (const RunRecord& run : results.runs) all.push_back(&run);
  for (std::size_t block = 0; block < state.blocks(); ++block) {
    if (!state.written[block]) state.write(block, all);
  }
  write_results_body(state.file, results);
  state.table.reset();
  h5::flush(state.file);
  state.file.reset();
}

void write_results_file(const std::string& path, const Results& results) {
  ResultsWriter writer(path, runs_plan(results.runs));
  writer.finish(results);
}

}  // namespace nnsweep
