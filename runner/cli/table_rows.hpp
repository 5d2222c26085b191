#pragma once
// The tables `nnsweep show` prints, before sorting and printing: one row per
// run, or per group of runs (cli/table.cpp sorts and prints them).
#include <string>
#include <vector>

#include "store/results.hpp"

namespace nnsweep {

// A table before printing: what each cell shows, and what it sorts by.
struct Table {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> shown;
  std::vector<std::vector<ColumnValue>> sort_by;
};

// One row per run: index, swept keys, the metrics named, epochs when some
// run used mini-batches, best_epoch with early stopping, iterations, status, time.
Table run_table(const Results& results, const std::vector<std::string>& metrics);
// One row per distinct value of `keys`: the run count, mean, std and min of
// each metric over the group's runs that finished ok, and how many did not.
// Throws std::invalid_argument for a key that is neither swept nor status.
Table group_table(const Results& results, const std::vector<std::string>& keys,
                  const std::vector<std::string>& metrics);

// Whether a header is a score (higher is better: accuracy, f1, r2, ...).
bool is_score(const std::string& header);
ColumnValue number_cell(double value);
// Six decimals, or "nan".
std::string fixed(double value, int digits);

}  // namespace nnsweep
