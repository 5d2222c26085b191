#pragma once
// Resolving every run of a plan on several threads.
#include <vector>

#include "sweep/resolve.hpp"

namespace nnsweep {

// Every run of `plan` (resolver.resolve(i) for each i), in plan order, and the
// same whatever `threads` is (0 = every core). Each thread but the calling one
// resolves from its own copy of the document (config/loader.hpp:
// independent_copy). When runs are invalid, throws exactly what
// resolver.resolve throws for the first of them in plan order.
// `resolver` must resolve `document` and `plan`.
std::vector<PlannedRun> resolve_all(const ConfigDocument& document, const Plan& plan,
                                    const PlanResolver& resolver, int threads = 0);

}  // namespace nnsweep
