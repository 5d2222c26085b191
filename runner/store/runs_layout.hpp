#pragma once
// The shape of a results file's /runs (store/runs_table.hpp), gathered run by
// run before any is written. Free of HDF5, so that the session can gather it.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "store/results.hpp"

namespace nnsweep {

// What the datasets' shapes depend on, known before any run is written.
struct RunsLayout {
  std::vector<std::int64_t> indices;  // plan index of each row, in row order
  // The widest n_l of any run at each position l = 0..L (L: the deepest run's layers).
  std::vector<std::uint64_t> widest;
  std::vector<std::string> seed_keys;  // sorted
  bool test_costs = false;             // some run has a test part
};
// The layout of a file holding `runs` (in row order).
RunsLayout runs_layout(const std::vector<RunRecord>& runs);
// Adds a run's network [n_0, ..., n_L] and seeds to a layout's widths and keys.
void widen_layout(RunsLayout& layout, const std::vector<Eigen::Index>& sizes,
                  const std::vector<std::pair<std::string, std::int64_t>>& seeds);

}  // namespace nnsweep
