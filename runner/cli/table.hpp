#pragma once
// The comparison tables printed after a sweep and by `nnsweep show`.
//
// One row per run, or with group_by one row per distinct value of the group
// keys, holding the mean, std and min of the metrics over the group's runs
// that finished ok. The metrics shown are the task's headline ones: cost and
// accuracy (classification) or rmse and r2 (regression), of the training part
// and, when there is one, of the test part; `metrics` picks others, and a sort
// by a metric not shown shows it too.
//
// Rows sort by any column of the table, or any metric of the file: costs,
// errors, times and keys ascending, and scores where higher is better
// (accuracy, precision, recall, f1, r2) highest first; `descending` (or a key
// written "-KEY") sorts highest first, and "+KEY" lowest first. The default is
// the test cost when there is a test part, else the training cost. Values sort
// as what they are: numbers numerically, lists of numbers element by element,
// missing values last. `rows` limits the rows printed, grouped or not.
//
// Names of format version 2 still work: final_cost (train.cost),
// train_accuracy, test_cost and test_final_cost (test.cost), test_accuracy.
#include <ostream>
#include <string>
#include <vector>

#include "cli/table_rows.hpp"
#include "store/results.hpp"

namespace nnsweep {

struct TableOptions {
  std::string sort;                   // "" = the default order
  bool descending = false;            // highest first, whatever the key
  std::vector<std::string> group_by;  // swept keys or status; empty = one row per run
  std::size_t rows = 20;              // 0 = all
  std::vector<std::string> metrics;   // "train.f1", ...; empty = the headline metrics
};

// The table's rows in the order printed, at most `rows` of them, and the line
// that ends the text table ("12 runs (sorted by ...)").
struct SortedTable {
  Table table;
  std::vector<std::size_t> rows;  // indices into table.shown, in printed order
  std::string footer;
};

// Both throw std::invalid_argument for a sort, group or metric key that the
// table cannot have; the message lists the ones it can.
SortedTable sorted_table(const Results& results, const TableOptions& options);
// The aligned text table, columns as wide as their widest cell (in terminal
// columns: cli/text_width.hpp), then the footer.
void print_table(std::ostream& out, const Results& results, const TableOptions& options);

}  // namespace nnsweep
