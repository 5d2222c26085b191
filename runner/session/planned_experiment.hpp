#pragma once
// An experiment expanded into the distinct runs it asks for.
//
// Sweep points that resolve to the same run identity (a parameter swept beside
// a plugin name that the chosen plugin does not use, or two equal random
// draws) are one run: the first point trains it and later ones refer to it.
#include <cstdint>
#include <string>
#include <vector>

#include "config/loader.hpp"
#include "sweep/resolve.hpp"

namespace nnsweep {

struct PlannedExperiment {
  std::string name;             // the experiment's name: it owns its results file
  std::string experiment_yaml;  // the file as written, --set overrides noted
  std::string experiment_id;    // identity of the whole plan: a hash of its run ids
  std::int64_t points = 0;      // sweep points in the plan, duplicates included
  std::vector<std::string> summary_keys;
  std::vector<PlannedRun> runs;  // distinct runs, in plan order
  // Sweep points that repeat an earlier run: {point index, index of that run}.
  std::vector<std::pair<std::int64_t, std::int64_t>> duplicates;
};

// Resolves every point of the plan, on `threads` threads (0: every core; the
// result is the same for any count). Throws ConfigError for an invalid run:
// the first in plan order.
PlannedExperiment plan_experiment(const ConfigDocument& document, const Plan& plan,
                                  const PlanResolver& resolver, int threads = 0);

}  // namespace nnsweep
