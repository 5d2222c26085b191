#pragma once
#include <cstdint>
#include <vector>

#include "../train/run_config.hpp"
#include "store/results.hpp"

namespace nnsweep::testing {

// A run trained from `spec`, recorded under plan index `index`.
RunRecord make_record(std::int64_t index, const RunSpec& spec, std::vector<ColumnValue> columns);
// Three small runs, swept over learning rate, hidden sizes and shuffle (a float,
// a list and a boolean column, the last missing in one run), with different
// cost resolutions, a test part in one and a failed run.
Results sample_results();
// The same bits (NaN payloads and signed zeros included).
bool same_bits(double a, double b);
// Every field of every run equal, as Boost.Test checks.
void check_equal(const Results& got, const Results& expected);

}  // namespace nnsweep::testing
