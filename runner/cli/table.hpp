#pragma once
// The comparison tables printed after a sweep and by `nnsweep show`.
#include <ostream>
#include <string>
#include <vector>

#include "store/results.hpp"

namespace nnsweep {

struct TableOptions {
  std::string sort = "final_cost";    // a metric or a swept key
  std::vector<std::string> group_by;  // swept keys; empty = one row per run
  std::size_t rows = 20;              // 0 = all
};

// Throws std::invalid_argument for a sort or group key that is not a column.
void print_table(std::ostream& out, const Results& results, const TableOptions& options);

}  // namespace nnsweep
