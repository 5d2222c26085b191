// nnsweep plugins [KIND]: every plugin with its declared parameters.
#include <algorithm>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "config/plugin_libraries.hpp"
#include "registry/registry.hpp"

namespace nnsweep {
namespace {

// What a plugin declares besides its parameters, as one line (or none).
std::string traits_text(const std::string& kind, const PluginTraits& traits) {
  if (kind == "activation" && traits.range == OutputRange::unit_interval) {
    return "values in (0, 1)";
  }
  if (kind == "activation" && traits.range == OutputRange::simplex) {
    return "each example's values sum to 1; output layer only";
  }
  if (kind == "loss") {
    std::string text = traits.targets == LossTargets::two_classes ? "targets: two classes as 0/1"
                       : traits.targets == LossTargets::one_hot
                           ? "targets: one-hot classes, one output unit per class"
                           : "targets: regression values, or classes as 0/1 or one-hot";
    if (!traits.fused_output.empty()) text += "; needs model.output: " + traits.fused_output;
    return text;
  }
  if (kind == "dataset" && traits.task) return "task: " + task_name(*traits.task);
  if (kind == "optimizer" && traits.weight_decay == WeightDecayForm::decoupled) {
    return "weight decay decoupled: the weights shrink by learning_rate * weight_decay, "
           "outside the gradient";
  }
  return "";
}

std::string param_line(const ParamSpec& spec) {
  std::string details;
  if (spec.is_path) {
    details = "path, required";
  } else {
    details = type_name(spec.type) + ", default " + value_text(spec.default_value);
    if (!spec.choices.empty()) details += ", one of " + join_choices(spec.choices);
    if (const std::string range = range_text(spec); !range.empty()) details += ", in " + range;
  }
  return spec.name + " (" + details + "): " + spec.description;
}

}  // namespace

int plugins_command(const std::string& kind, const std::vector<std::string>& libraries,
                    const Registries& builtin) {
  Registries registries = builtin;
  try {
    (void)load_plugin_libraries(libraries, nullptr, registries);
  } catch (const ConfigError& error) {
    std::cerr << error.what() << "\n";
    return kExitConfigError;
  }
  std::vector<std::string> kinds;
  for (const RegistryBase* registry : registries.all()) kinds.push_back(registry->kind());
  if (!kind.empty() && std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
    std::string hint = did_you_mean(kind, kinds);
    std::cerr << "nnsweep: unknown plugin kind '" << kind << "'"
              << (hint.empty() ? "" : "; " + hint) << " (kinds: " << join_choices(kinds) << ")\n";
    return kExitConfigError;
  }
  bool first = true;
  for (const RegistryBase* registry : registries.all()) {
    if (!kind.empty() && registry->kind() != kind) continue;
    if (!first) std::cout << "\n";
    first = false;
    const std::string& kind_name = registry->kind();
    std::cout << kind_name << (kind_name.back() == 's' ? "es" : "s") << ":\n";
    for (const std::string& name : registry->names()) {
      const PluginDescription& plugin = *registry->describe(name);
      std::cout << "  " << name << "  " << plugin.summary << "\n";
      if (const std::string traits = traits_text(kind_name, plugin.traits); !traits.empty()) {
        std::cout << "      [" << traits << "]\n";
      }
      for (const ParamSpec& spec : plugin.params) std::cout << "      " << param_line(spec) << "\n";
    }
  }
  return kExitOk;
}

}  // namespace nnsweep
