#pragma once
// The comparison tables printed after a sweep and by `nnsweep show`.
//
// One row per run, or with group_by one row per distinct value of the group
// keys, holding the mean, std and min of the metrics over the group's runs
// that finished ok. Rows sort by any printed column or swept key: costs, times
// and keys ascending, accuracies highest first; `descending` (or a key written
// "-KEY") sorts highest first, and "+KEY" lowest first. Values sort as what
// they are: numbers numerically, lists of numbers element by element, missing
// values last. `rows` limits the rows printed, grouped or not.
#include <ostream>
#include <string>
#include <vector>

#include "store/results.hpp"

namespace nnsweep {

struct TableOptions {
  std::string sort;                   // "" = final_cost, or the group keys when grouped
  bool descending = false;            // highest first, whatever the key
  std::vector<std::string> group_by;  // swept keys or status; empty = one row per run
  std::size_t rows = 20;              // 0 = all
};

// Throws std::invalid_argument for a sort or group key that is not a column of
// the table to print; the message lists the ones that are.
void print_table(std::ostream& out, const Results& results, const TableOptions& options);

}  // namespace nnsweep
