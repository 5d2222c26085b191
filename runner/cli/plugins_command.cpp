// nnsweep plugins [KIND]: every plugin with its declared parameters, as text,
// CSV, JSON or Markdown.
#include <algorithm>
#include <cmath>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output_format.hpp"
#include "cli/prepare.hpp"
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

void print_text(const std::vector<const RegistryBase*>& registries) {
  bool first = true;
  for (const RegistryBase* registry : registries) {
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
}

// A bound as JSON: null when there is none (infinite).
nlohmann::ordered_json bound(double value) {
  return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json param_json(const ParamSpec& spec) {
  nlohmann::ordered_json param = {{"name", spec.name},
                                  {"type", spec.is_path ? "path" : type_name(spec.type)}};
  param["default"] =
      spec.is_path ? nlohmann::ordered_json(nullptr) : json_value(spec.default_value);
  param["required"] = spec.is_path;
  param["min"] = bound(spec.min);
  param["min_exclusive"] = spec.min_exclusive;
  param["max"] = bound(spec.max);
  param["choices"] = spec.choices;
  param["description"] = spec.description;
  return param;
}

// {"plugins": [{"kind", "name", "summary", "traits", "params": [{"name", "type",
// "default", "required", "min", "min_exclusive", "max", "choices", "description"}]}]}
void print_json(const std::vector<const RegistryBase*>& registries) {
  nlohmann::ordered_json plugins = nlohmann::ordered_json::array();
  for (const RegistryBase* registry : registries) {
    for (const std::string& name : registry->names()) {
      const PluginDescription& plugin = *registry->describe(name);
      nlohmann::ordered_json entry = {{"kind", registry->kind()},
                                      {"name", name},
                                      {"summary", plugin.summary},
                                      {"traits", traits_text(registry->kind(), plugin.traits)}};
      entry["params"] = nlohmann::ordered_json::array();
      for (const ParamSpec& spec : plugin.params) entry["params"].push_back(param_json(spec));
      plugins.push_back(std::move(entry));
    }
  }
  std::cout << nlohmann::ordered_json{{"plugins", plugins}}.dump(2) << "\n";
}

// One row per parameter (a plugin without parameters has one with them empty).
void print_rows(const std::vector<const RegistryBase*>& registries, OutputFormat format) {
  RowWriter writer(
      std::cout, format,
      {"kind", "name", "summary", "traits", "param", "type", "default", "range", "description"});
  const auto write = [&](const std::vector<ColumnValue>& values) {
    std::vector<std::string> shown;
    for (const ColumnValue& value : values) shown.push_back(column_text(value));
    writer.row(shown, values);
  };
  for (const RegistryBase* registry : registries) {
    for (const std::string& name : registry->names()) {
      const PluginDescription& plugin = *registry->describe(name);
      const std::vector<ColumnValue> head = {
          ParamValue(registry->kind()), ParamValue(name), ParamValue(plugin.summary),
          ParamValue(traits_text(registry->kind(), plugin.traits))};
      if (plugin.params.empty()) {
        std::vector<ColumnValue> values = head;
        values.resize(9);
        write(values);
      }
      for (const ParamSpec& spec : plugin.params) {
        std::vector<ColumnValue> values = head;
        values.emplace_back(ParamValue(spec.name));
        values.emplace_back(ParamValue(spec.is_path ? "path" : type_name(spec.type)));
        values.push_back(spec.is_path ? ColumnValue{} : ColumnValue{spec.default_value});
        const std::string range =
            spec.choices.empty() ? range_text(spec) : "one of " + join_choices(spec.choices);
        values.emplace_back(ParamValue(range));
        values.emplace_back(ParamValue(spec.description));
        write(values);
      }
    }
  }
  writer.finish();
}

}  // namespace

int plugins_command(const std::string& kind, const std::vector<std::string>& libraries,
                    const std::string& format, const Registries& builtin) {
  Registries registries = builtin;
  if (!add_plugin_libraries(libraries, registries)) return kExitConfigError;
  std::vector<std::string> kinds;
  for (const RegistryBase* registry : registries.all()) kinds.push_back(registry->kind());
  if (!kind.empty() && std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
    std::string hint = did_you_mean(kind, kinds);
    std::cerr << "nnsweep: unknown plugin kind '" << kind << "'"
              << (hint.empty() ? "" : "; " + hint) << " (kinds: " << join_choices(kinds) << ")\n";
    return kExitConfigError;
  }
  std::vector<const RegistryBase*> chosen;
  for (const RegistryBase* registry : registries.all()) {
    if (kind.empty() || registry->kind() == kind) chosen.push_back(registry);
  }
  const OutputFormat output = parse_format(format);
  if (output == OutputFormat::table) print_text(chosen);
  if (output == OutputFormat::json) print_json(chosen);
  if (output == OutputFormat::csv || output == OutputFormat::markdown) print_rows(chosen, output);
  return kExitOk;
}

}  // namespace nnsweep
