#include "sweep/resolve.hpp"

#include <algorithm>

namespace nnsweep {

std::string flow_text(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  YAML::Emitter out;
  out << YAML::Flow << node;
  return out.c_str();
}

PlanResolver::PlanResolver(const ConfigDocument& document, const Plan& plan,
                           const Registries& registries)
    : document_(document), plan_(plan), registries_(registries), summary_keys_(plan.swept_keys()) {
  for (const auto& [key, value] : document.overrides) {
    if (key == "sweep" || key.rfind("sweep.", 0) == 0) continue;  // not a run setting
    if (std::find(summary_keys_.begin(), summary_keys_.end(), key) == summary_keys_.end()) {
      summary_keys_.push_back(key);
    }
  }
}

PlannedRun PlanResolver::resolve(std::int64_t index) const {
  const OverrideMap overrides = plan_.overrides(index);
  const ConfigView root = ConfigView::root(document_.root, document_.path, &overrides);
  PlannedRun run;
  run.index = index;
  run.config = parse_experiment(root, registries_, document_.stem());
  run.config_yaml = to_yaml(run.config);
  run.id = run_identity(run.config);
  run.dataset_id = stable_hash(dataset_yaml(run.config.dataset));
  // What the run uses, not what the sweep wrote: a key that does not apply to
  // the chosen plugin has no value.
  for (const std::string& key : summary_keys_) run.columns.push_back(config_value(run.config, key));
  run.seeds = config_seeds(run.config);
  return run;
}

void PlanResolver::validate_all() const {
  for (std::int64_t index = 0; index < plan_.size(); ++index) {
    const OverrideMap overrides = plan_.overrides(index);
    (void)parse_experiment(ConfigView::root(document_.root, document_.path, &overrides),
                           registries_, document_.stem());
  }
}

}  // namespace nnsweep
