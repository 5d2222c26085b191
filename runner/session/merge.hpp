#pragma once
// Joining the results files of one sweep's shares (`run --share K/N`).
#include <string>
#include <utility>
#include <vector>

#include "store/results.hpp"

namespace nnsweep {

struct MergedResults {
  Results results;           // runs in plan order; share "merged K of N" when incomplete
  std::int64_t missing = 0;  // runs of the plan found in no part
};

// Reads and joins the parts. Throws Refusal when they are not shares of one
// sweep (another experiment, another plan, a run in two parts), and
// std::exception when a part cannot be read.
MergedResults merge_parts(const std::vector<std::string>& paths);

}  // namespace nnsweep
