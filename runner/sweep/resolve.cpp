#include "sweep/resolve.hpp"

#include <algorithm>

#include "util/sha256.hpp"

namespace nnsweep {

std::string flow_text(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  YAML::Emitter out;
  out << YAML::Flow << node;
  return out.c_str();
}

std::string InputDigests::of(const std::string& path) {
  const std::lock_guard<std::mutex> lock(mutex_);
  auto found = digests_.find(path);
  if (found == digests_.end()) found = digests_.emplace(path, file_sha256(path)).first;
  return found->second;
}

PlanResolver::PlanResolver(const ConfigDocument& document, const Plan& plan,
                           const Registries& registries, std::shared_ptr<InputDigests> digests)
    : document_(document),
      plan_(plan),
      registries_(registries),
      index_(document.root),
      summary_keys_(plan.swept_keys()),
      digests_(digests ? std::move(digests) : std::make_shared<InputDigests>()) {
  for (const auto& [key, value] : document.overrides) {
    if (key == "sweep" || key.rfind("sweep.", 0) == 0) continue;  // not a run setting
    if (std::find(summary_keys_.begin(), summary_keys_.end(), key) == summary_keys_.end()) {
      summary_keys_.push_back(key);
    }
  }
}

namespace {

// The dataset's file parameters, each followed by its file's digest.
void add_input_digests(PluginChoice& choice, const RegistryBase& registry, const ConfigView& root,
                       const std::string& section, InputDigests& digests) {
  const PluginDescription* plugin = registry.describe(choice.name);
  for (const ParamSpec& spec : plugin->params) {
    if (!spec.is_path) continue;
    std::string digest;
    try {
      digest = digests.of(choice.params.string(spec.name));
    } catch (const std::runtime_error& error) {
      const auto view = root.child(section);
      (view ? *view : root).fail(section + "." + spec.name + ": " + error.what());
    }
    choice.params.set(spec.name + "_sha256", std::move(digest));
  }
}

// Each plugin from a shared library carries its library's digest, so that a
// run on a changed library is never taken for a finished one.
void add_library_digest(PluginChoice& choice, const RegistryBase& registry) {
  const PluginDescription* plugin = registry.describe(choice.name);
  if (plugin && !plugin->library_sha256.empty()) {
    choice.params.set("library_sha256", plugin->library_sha256);
  }
}

void add_library_digests(ExperimentConfig& config, const Registries& registries) {
  add_library_digest(config.dataset, registries.datasets);
  add_library_digest(config.model.activation, registries.activations);
  for (PluginChoice& layer : config.model.layer_activations) {
    add_library_digest(layer, registries.activations);
  }
  add_library_digest(config.model.output, registries.activations);
  add_library_digest(config.model.init, registries.initializers);
  add_library_digest(config.loss, registries.losses);
  add_library_digest(config.optimizer, registries.optimizers);
}

}  // namespace

PlannedRun PlanResolver::resolve(std::int64_t index) const {
  const OverrideMap overrides = plan_.overrides(index);
  const ConfigView root = ConfigView::root(document_.root, document_.path, &overrides, &index_);
  PlannedRun run;
  run.index = index;
  run.config = parse_experiment(root, registries_, document_.stem());
  add_input_digests(run.config.dataset, registries_.datasets, root, "dataset", *digests_);
  add_library_digests(run.config, registries_);
  ConfigTexts texts = config_texts(run.config);
  run.config_yaml = std::move(texts.yaml);
  run.id = std::move(texts.run_id);
  run.dataset_id = std::move(texts.dataset_id);
  // What the run uses, not what the sweep wrote: a key that does not apply to
  // the chosen plugin has no value.
  for (const std::string& key : summary_keys_) run.columns.push_back(config_value(run.config, key));
  run.seeds = config_seeds(run.config);
  return run;
}

void PlanResolver::validate_all() const {
  for (std::int64_t index = 0; index < plan_.size(); ++index) {
    const OverrideMap overrides = plan_.overrides(index);
    (void)parse_experiment(ConfigView::root(document_.root, document_.path, &overrides, &index_),
                           registries_, document_.stem());
  }
}

}  // namespace nnsweep
