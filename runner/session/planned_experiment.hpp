#pragma once
// An experiment checked and identified, its runs still to be resolved.
//
// A plan is addressed by run index: nothing here holds its runs, so a plan of
// ten million points costs what its axes cost. Runs are resolved when they
// are needed, in bounded windows (session/session_rows.hpp, ParallelResolver).
//
// Sweep points that resolve to the same run identity (a parameter swept beside
// a plugin name that the chosen plugin does not use, or two equal random
// draws) are one run: the first point trains it and later ones refer to it.
// Which points repeat is found as the runs are resolved (distinct_runs here,
// or a session's rows).
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "config/loader.hpp"
#include "sweep/resolve.hpp"

namespace nnsweep {

struct PlannedExperiment {
  std::string name;             // the experiment's name: it owns its results file
  std::string experiment_yaml;  // the file as written, --set overrides noted
  // Identity of the whole plan: a hash of its size and the run ids of the
  // runs validation checked (sweep/validation.hpp), which take every axis value.
  std::string experiment_id;
  std::int64_t points = 0;  // sweep points in the plan, duplicates included
  std::vector<std::string> summary_keys;
  std::int64_t checked = 0;  // points validation resolved (all of a small plan)
  // Every run, in plan order, when validation resolved the whole plan
  // (sweep/validation.hpp: kWholeValidationPoints); else empty. Sessions use
  // them rather than resolving a small plan again.
  std::vector<PlannedRun> resolved;
  // What resolves its runs; they must outlive the experiment.
  const ConfigDocument* document = nullptr;
  const Plan* plan = nullptr;
  const PlanResolver* resolver = nullptr;
};

// Checks the plan (sweep/validation.hpp) on `threads` threads (0: every core;
// the result is the same for any count) and identifies it. Throws ConfigError
// for an invalid run: the first in plan order of those checked. With
// `checked_runs`, the runs checked of a plan too large to keep whole are
// moved there (for `validate`, which makes their datasets).
PlannedExperiment plan_experiment(const ConfigDocument& document, const Plan& plan,
                                  const PlanResolver& resolver, int threads = 0,
                                  std::vector<PlannedRun>* checked_runs = nullptr);

// A run identity as a number (run ids are 64-bit hashes in hex), for sets of
// millions of runs.
std::uint64_t id_key(const std::string& run_id);

// Every distinct run of the plan, resolved, in plan order, and the points that
// repeat one: {point index, index of that run}. Holds the whole plan: for
// tests and small plans. Throws ConfigError for the first invalid run.
struct DistinctRuns {
  std::vector<PlannedRun> runs;
  std::vector<std::pair<std::int64_t, std::int64_t>> duplicates;
};
DistinctRuns distinct_runs(const PlannedExperiment& experiment, int threads = 0);

}  // namespace nnsweep
