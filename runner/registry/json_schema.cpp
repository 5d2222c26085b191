#include "registry/json_schema.hpp"

#include <cmath>

#include "version.hpp"

namespace nnsweep {
namespace {

using Json = nlohmann::ordered_json;

// A bound or default as JSON: an integer when it is one, so that the schema
// reads "minimum": 0 rather than 0.0.
Json number(double value) {
  if (value == std::floor(value) && std::abs(value) <= 9007199254740992.0) {
    return static_cast<std::int64_t>(value);
  }
  return value;
}

Json value_json(const ParamValue& value) {
  return std::visit([](const auto& v) { return Json(v); }, value);
}

// The type, default and range as `nnsweep plugins` prints them.
std::string details(const ParamSpec& spec) {
  if (spec.is_path) return "path, required";
  std::string text = type_name(spec.type) + ", default " + value_text(spec.default_value);
  if (const std::string range = range_text(spec); !range.empty()) text += ", in " + range;
  return text;
}

Json integer_schema(const ParamSpec& spec) {
  Json schema = {{"type", "integer"}};
  if (std::isfinite(spec.min)) schema["minimum"] = number(spec.min);
  if (std::isfinite(spec.max)) schema["maximum"] = number(spec.max);
  return schema;
}

Json string_schema(const ParamSpec& spec) {
  Json schema = {{"type", "string"}};
  if (!spec.choices.empty()) schema["enum"] = spec.choices;
  if (spec.is_path) schema["minLength"] = 1;
  return schema;
}

// The schema of each type, without description and default.
Json bare_param_schema(const ParamSpec& spec) {
  switch (spec.type) {
    case ParamType::boolean:
      return {{"type", "boolean"}};
    case ParamType::integer:
      return integer_schema(spec);
    case ParamType::real: {
      Json schema = {{"type", "number"}};
      if (std::isfinite(spec.min)) {
        schema[spec.min_exclusive ? "exclusiveMinimum" : "minimum"] = number(spec.min);
      }
      if (std::isfinite(spec.max)) schema["maximum"] = number(spec.max);
      return schema;
    }
    case ParamType::string:
      return string_schema(spec);
    // A single value stands for a one-element list (config/values.cpp).
    case ParamType::int_list:
      return {{"anyOf", Json::array({integer_schema(spec),
                                     {{"type", "array"}, {"items", integer_schema(spec)}}})}};
    case ParamType::string_list:
      return {{"anyOf", Json::array({string_schema(spec),
                                     {{"type", "array"}, {"items", string_schema(spec)}}})}};
  }
  return Json::object();
}

Json definition_ref(const std::string& definition) {
  return {{"$ref", "#/definitions/" + definition}};
}

// One value of a plugin section: the plugin's name, or a map with its name
// (optional when the section has a default), its parameters, and blocks under
// other plugins' names. `parent` is the section's dotted key, for the
// sweepable keys below it.
class PluginSections {
 public:
  PluginSections(Json& definitions, Json& keys) : definitions_(definitions), keys_(keys) {}

  // Adds the definition `name` of a section of `registry` whose default plugin
  // is `default_name` ("" for none), and its sweepable keys under `parent`
  // (none when `parent` is empty).
  void add(const std::string& name, const RegistryBase& registry, const std::string& default_name,
           const std::string& description, const std::string& parent) {
    add_blocks(registry);
    Json any = Json::array();
    Json names = registry.names();
    any.push_back({{"type", "string"}, {"enum", names}});
    for (const std::string& plugin : registry.names()) {
      any.push_back(branch(registry, plugin, plugin == default_name));
    }
    if (!default_name.empty()) any.push_back({{"type", "null"}});
    std::string text = description;
    if (!default_name.empty()) text += " (default " + default_name + ")";
    definitions_[name] = {{"description", text}, {"anyOf", any}};
    if (!parent.empty()) add_keys(parent, registry, name);
  }

 private:
  std::string block_name(const RegistryBase& registry, const std::string& plugin) const {
    return "block." + registry.kind() + "." + plugin;
  }

  // Each parameter's schema once, referred to by its block, its plugin's
  // branch in every section of the kind, and its sweep keys.
  Json param_ref(const RegistryBase& registry, const std::string& plugin, const ParamSpec& spec) {
    const std::string name = "param." + registry.kind() + "." + plugin + "." + spec.name;
    if (!definitions_.contains(name)) definitions_[name] = param_schema(spec);
    return definition_ref(name);
  }

  void add_blocks(const RegistryBase& registry) {
    for (const std::string& plugin : registry.names()) {
      const PluginDescription& description = *registry.describe(plugin);
      Json properties = Json::object();
      for (const ParamSpec& spec : description.params) {
        properties[spec.name] = param_ref(registry, plugin, spec);
      }
      definitions_[block_name(registry, plugin)] = {
          {"description", "parameters of " + plugin + ", used when it is the " + registry.kind() +
                              " chosen: " + description.summary},
          {"type", "object"},
          {"properties", properties},
          {"additionalProperties", false}};
    }
  }

  Json branch(const RegistryBase& registry, const std::string& plugin, bool is_default) {
    const PluginDescription& description = *registry.describe(plugin);
    Json properties = {{"name", {{"const", plugin}, {"description", description.summary}}}};
    for (const ParamSpec& spec : description.params) {
      properties[spec.name] = param_ref(registry, plugin, spec);
    }
    // Another plugin's name with a map: its parameters, for when it is chosen.
    // A name that is also a parameter (momentum) may be either.
    for (const std::string& other : registry.names()) {
      const Json block = definition_ref(block_name(registry, other));
      properties[other] = properties.contains(other)
                              ? Json{{"anyOf", Json::array({properties[other], block})}}
                              : block;
    }
    Json schema = {{"type", "object"}, {"properties", properties}, {"additionalProperties", false}};
    if (!is_default) schema["required"] = {"name"};
    return schema;
  }

  // parent, parent.name, parent.PARAM (any plugin's), parent.PLUGIN and parent.PLUGIN.PARAM.
  void add_keys(const std::string& parent, const RegistryBase& registry, const std::string& name) {
    keys_[parent] = definition_ref(name);
    keys_[parent + ".name"] = {{"enum", registry.names()}};
    std::map<std::string, Json> alternatives;
    for (const std::string& plugin : registry.names()) {
      for (const ParamSpec& spec : registry.describe(plugin)->params) {
        // PARAM takes what any plugin declaring it takes; equal declarations once.
        Json& any = alternatives[spec.name];
        const Json schema = param_ref(registry, plugin, spec);
        const auto equal = [&](const Json& other) {
          return definitions_[other["$ref"].get<std::string>().substr(14)] == param_schema(spec);
        };
        if (std::none_of(any.begin(), any.end(), equal)) any.push_back(schema);
        keys_[parent + "." + plugin + "." + spec.name] = schema;
      }
      alternatives[plugin].push_back(definition_ref(block_name(registry, plugin)));
    }
    for (auto& [key, any] : alternatives) {
      keys_[parent + "." + key] = any.size() == 1 ? any.front() : Json{{"anyOf", any}};
    }
  }

  Json& definitions_;
  Json& keys_;
};

}  // namespace

nlohmann::ordered_json param_schema(const ParamSpec& spec) {
  Json schema = bare_param_schema(spec);
  schema["description"] = spec.description + " (" + details(spec) + ")";
  if (!spec.is_path) schema["default"] = value_json(spec.default_value);
  return schema;
}

nlohmann::ordered_json experiment_schema(const Registries& registries) {
  Json definitions = Json::object(), keys = Json::object();
  PluginSections sections(definitions, keys);
  sections.add("dataset", registries.datasets, "", "the data: a dataset plugin", "dataset");
  sections.add("model.activation", registries.activations, "tanh",
               "the activation of every hidden layer", "model.activation");
  sections.add("layer.activation", registries.activations, "", "one hidden layer's activation", "");
  sections.add("model.output", registries.activations, "sigmoid", "the output layer's activation",
               "model.output");
  sections.add("model.init", registries.initializers, "normal", "the initial weights",
               "model.init");
  sections.add("loss", registries.losses, "binary_cross_entropy", "the cost", "loss");
  sections.add("optimizer", registries.optimizers, "gd", "the update rule", "optimizer");
  sections.add("schedule", registries.schedules, "constant",
               "the learning rate's factor, epoch by epoch", "schedule");
  // model.activation: one activation for all hidden layers, or a list with one per layer.
  definitions["activations"] = {
      {"description", "the hidden layers' activation: one for all, or a list with one per layer"},
      {"anyOf", Json::array({definition_ref("model.activation"),
                             {{"type", "array"}, {"items", definition_ref("layer.activation")}}})}};
  keys["model.activation"] = definition_ref("activations");
  add_settings_schemas(definitions, keys);
  keys["description"] = {{"type", "string"}};
  // Each key's values once, referred to by every kind of axis.
  Json key_refs = Json::object();
  for (const auto& [key, value] : keys.items()) {
    definitions["key." + key] = value;
    key_refs[key] = definition_ref("key." + key);
  }
  const Json sweep = sweep_schema(key_refs, definitions);

  Json properties = {
      {"name",
       {{"description",
         "the experiment's name, which names its results file (results/NAME.h5): letters, "
         "digits, _, - and ., not starting with ., at most 200 characters; default: the "
         "config file's name"},
        {"type", "string"},
        {"pattern", "^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,199}$"}}},
      {"description", {{"description", "free text about the experiment"}, {"type", "string"}}},
      {"plugins",
       {{"description", "shared libraries of plugins to load (nnsweep/plugin.h)"},
        {"type", "array"},
        {"items", {{"type", "string"}, {"minLength", 1}}}}},
      {"dataset", definition_ref("dataset")},
      {"model", definition_ref("model")},
      {"loss", definition_ref("loss")},
      {"optimizer", definition_ref("optimizer")},
      {"schedule", definition_ref("schedule")},
      {"train", definition_ref("train")},
      {"regularization", definition_ref("regularization")},
      {"sweep", sweep}};
  return {{"$schema", "http://json-schema.org/draft-07/schema#"},
          {"$comment", std::string("generated by nnsweep ") + kVersion +
                           " (nnsweep schema) from its plugins' declarations"},
          {"title", "nnsweep experiment"},
          {"type", "object"},
          {"required", {"dataset", "model"}},
          {"properties", properties},
          {"additionalProperties", false},
          {"definitions", definitions}};
}

}  // namespace nnsweep
