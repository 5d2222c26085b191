#pragma once
// Joining the results files of one sweep's shares (`run --share K/N`).
#include <string>
#include <utility>
#include <vector>

#include "store/results.hpp"

namespace nnsweep {

struct MergedResults {
  // Runs in plan order; share "merged R of P" (R runs of the plan's P points)
  // when incomplete.
  Results results;
  // Points of the plan in no part: those of the shares K/N that no part is.
  std::int64_t missing = 0;
  std::vector<std::string> missing_shares;  // "K/N" of each, when the parts are shares
};

// Reads and joins the parts. A run that two shares both hold (a point of one
// repeating a run of another: session/session_rows.hpp) is kept once, at its
// first point, as a whole-plan session keeps it. Throws Refusal when they are
// not shares of one sweep (another experiment, another plan, a run index in
// two parts), and std::exception when a part cannot be read.
MergedResults merge_parts(const std::vector<std::string>& paths);

}  // namespace nnsweep
