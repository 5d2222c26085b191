#include "session/planned_experiment.hpp"

#include <charconv>

#include "config/experiment.hpp"
#include "sweep/parallel_resolver.hpp"
#include "sweep/resolve_all.hpp"
#include "sweep/validation.hpp"

namespace nnsweep {
namespace {

// The file as written, with the --set overrides noted, so that the results
// file alone says how to reproduce the experiment.
std::string experiment_yaml(const ConfigDocument& document) {
  std::string yaml = document.text;
  if (!document.overrides.empty()) {
    yaml += "\n# command-line overrides:\n";
    for (const auto& [key, value] : document.overrides) {
      yaml += "#   --set " + key + "=" + flow_text(value.value) + "\n";
    }
  }
  return yaml;
}

}  // namespace

std::uint64_t id_key(const std::string& run_id) {
  std::uint64_t key = 0;
  const auto [end, error] = std::from_chars(run_id.data(), run_id.data() + run_id.size(), key, 16);
  if (error == std::errc() && end == run_id.data() + run_id.size() && run_id.size() == 16) {
    return key;
  }
  // Not one of today's ids (a file of another version): hash the text.
  std::from_chars(stable_hash(run_id).data(), stable_hash(run_id).data() + 16, key, 16);
  return key;
}

PlannedExperiment plan_experiment(const ConfigDocument& document, const Plan& plan,
                                  const PlanResolver& resolver, int threads,
                                  std::vector<PlannedRun>* checked_runs) {
  PlannedExperiment experiment;
  experiment.experiment_yaml = experiment_yaml(document);
  experiment.points = plan.size();
  experiment.summary_keys = resolver.summary_keys();
  experiment.document = &document;
  experiment.plan = &plan;
  experiment.resolver = &resolver;
  const std::vector<std::int64_t> indices = validation_indices(plan);
  experiment.checked = static_cast<std::int64_t>(indices.size());
  const ParallelResolver parallel(
      document, resolver, planning_threads(threads, static_cast<std::int64_t>(indices.size())));
  const bool whole = experiment.checked == plan.size();
  std::string identity = "plan of " + std::to_string(plan.size()) + " points\n";
  for (ResolvedPoint& point : parallel.resolve(indices)) {
    if (point.error) throw *point.error;
    if (point.index == 0) experiment.name = point.run->config.name;
    identity += std::to_string(point.index) + " " + point.run->id + "\n";
    if (whole) {
      experiment.resolved.push_back(std::move(*point.run));
    } else if (checked_runs) {
      checked_runs->push_back(std::move(*point.run));
    }
  }
  experiment.experiment_id = stable_hash(identity);
  return experiment;
}

DistinctRuns distinct_runs(const PlannedExperiment& experiment, int threads) {
  DistinctRuns distinct;
  std::unordered_map<std::uint64_t, std::int64_t> first_of;
  for (PlannedRun& run :
       resolve_all(*experiment.document, *experiment.plan, *experiment.resolver, threads)) {
    const auto [found, inserted] = first_of.emplace(id_key(run.id), run.index);
    if (!inserted) {
      distinct.duplicates.emplace_back(run.index, found->second);
      continue;
    }
    distinct.runs.push_back(std::move(run));
  }
  return distinct;
}

}  // namespace nnsweep
