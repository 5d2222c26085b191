#pragma once
// The /runs group of format version 4: one dataset per quantity along the
// dimension `run`, instead of version 3's group per run (tens of thousands of
// HDF5 objects that made files large, slow to write and slow to open).
//
//   run                 int64 (run), the plan index; dimension scale `run`
//   run_id, config, dataset_id   string (run)
//   record_every, cost_points    int64 (run); test_cost_points with a test part
//   SEED KEY            int64 (run), one per seed key of any run; -1: no such seed
//   layer_sizes         int64 (run, layer): [n_0, ..., n_L], 0 beyond the depth
//   Wl, bl              float64 (run, Wl_out, Wl_in), (run, bl_out); NaN padding
//   Wl_out, Wl_in, bl_out, layer   int64 index scales 0..k-1
// The cost curves are only in /summary/cost and /summary/test_cost;
// cost_points says how many of a run's entries there are its own.
// docs/results-format.md is the full description.
#include <cstdint>
#include <string>
#include <vector>

#include "store/h5.hpp"
#include "store/results.hpp"
#include "store/runs_layout.hpp"

namespace nnsweep {

class RunsTableWriter {
 public:
  // Creates /runs in `file` with every dataset at its full size.
  RunsTableWriter(hid_t file, RunsLayout layout);
  // Blocks of this many rows (starting at multiples of it; the last may be
  // shorter) fill whole compressed chunks, so each chunk is written once.
  hsize_t rows_per_block() const { return rows_per_block_; }
  std::size_t rows() const { return layout_.indices.size(); }
  // Writes rows [first, first + records.size()) in one call per dataset.
  void write_block(hsize_t first, const std::vector<const RunRecord*>& records);

 private:
  struct Layer {
    h5::Handle weight, bias;
  };
  RunsLayout layout_;
  hsize_t rows_per_block_ = 1;
  h5::Handle group_, run_scale_;
  h5::Handle run_id_, config_, dataset_id_, record_every_, cost_points_, test_cost_points_;
  h5::Handle layer_sizes_;
  std::vector<h5::Handle> seeds_;
  std::vector<Layer> layers_;
};

// Fills the fields of `runs` (already indexed, in /summary's row order) that a
// version 4 file keeps in /runs, with their cost curves from /summary.
void read_runs_table(hid_t file, std::vector<RunRecord>& runs);

}  // namespace nnsweep
