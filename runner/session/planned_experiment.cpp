#include "session/planned_experiment.hpp"

#include <unordered_map>

#include "sweep/resolve_all.hpp"

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

PlannedExperiment plan_experiment(const ConfigDocument& document, const Plan& plan,
                                  const PlanResolver& resolver, int threads) {
  PlannedExperiment experiment;
  experiment.experiment_yaml = experiment_yaml(document);
  experiment.points = plan.size();
  experiment.summary_keys = resolver.summary_keys();
  std::unordered_map<std::string, std::int64_t> first_of;
  std::string ids;
  std::vector<PlannedRun> resolved = resolve_all(document, plan, resolver, threads);
  experiment.runs.reserve(resolved.size());
  for (PlannedRun& run : resolved) {
    const std::int64_t index = run.index;
    const auto [found, inserted] = first_of.emplace(run.id, index);
    if (!inserted) {
      experiment.duplicates.emplace_back(index, found->second);
      continue;
    }
    ids += run.id + "\n";
    experiment.runs.push_back(std::move(run));
  }
  experiment.name = experiment.runs.front().config.name;
  experiment.experiment_id = stable_hash(ids);
  return experiment;
}

}  // namespace nnsweep
