#pragma once
// Which runs of a plan to resolve before anything trains.
//
// A plan of up to kWholeValidationPoints points is checked whole: every run
// is resolved, so that no bad value waits for the run that uses it. A larger
// plan is checked by
//  - every value of every axis once: the run that takes that value and the
//    first value of every other axis (an axis of more than kAxisChecks points,
//    such as a large random sample, in kAxisChecks points spread evenly over it
//    from its first to its last);
//  - kCrossingChecks runs drawn uniformly from the whole plan, for the values
//    that are only wrong together.
// The draws come from a fixed seed, so that a plan always checks the same runs.
// A run that these miss and that is invalid fails alone when it is resolved
// to train (session/session.hpp), with its message in the results file.
#include <cstdint>
#include <vector>

#include "sweep/plan.hpp"

namespace nnsweep {

constexpr std::int64_t kWholeValidationPoints = 20000;
constexpr std::int64_t kAxisChecks = 10000;
constexpr std::int64_t kCrossingChecks = 1000;

// The indices to check, ascending and without repeats; run 0 is always one.
std::vector<std::int64_t> validation_indices(const Plan& plan);

}  // namespace nnsweep
