#pragma once
// Building experiments from YAML text and comparing results, for the run-layer tests.
#include <atomic>
#include <filesystem>
#include <string>

#include "cli.hpp"
#include "session/session.hpp"

namespace nnsweep::testing {

// A small moons sweep named `name` over `hidden` (YAML list text, such as
// "[1, 2, 3]") and two init seeds: quick enough to run many times.
// optimizer.name: [gd, momentum] x optimizer.momentum.momentum: [0.5, 0.9]:
// point 1 (gd, 0.9) repeats point 0, since gd uses no momentum.
std::string repeating_sweep_yaml(const std::string& name);
std::string sweep_yaml(const std::string& name, const std::string& hidden,
                       const std::string& extra = "");

// The experiment the YAML text describes, as `nnsweep run` plans it.
PlannedExperiment plan_of(const ScratchDir& scratch, const std::string& yaml);

// Runs the experiment into `out`; `configure` may adjust the options.
SessionReport run_into(const PlannedExperiment& experiment, const std::filesystem::path& out,
                       SessionOptions options = {});

// Every value of two results equal bit for bit, wall times and provenance aside.
void check_same_results(const Results& got, const Results& expected);

}  // namespace nnsweep::testing
