// The parts of the experiment schema that are not plugins: model's own
// keys, train (with early_stopping) and regularization, from the
// declarations the loader reads them by (config/setting_specs.hpp).
#include "registry/json_schema.hpp"

#include <stdexcept>

#include "config/setting_specs.hpp"

namespace nnsweep {
namespace {

using Json = nlohmann::ordered_json;

Json ref(const std::string& definition) {
  return {{"$ref", "#/definitions/" + definition}};
}

// A parameter's type and range alone, without its description and default.
Json bare(const ParamSpec& spec) {
  Json schema = param_schema(spec);
  schema.erase("description");
  schema.erase("default");
  return schema;
}

// A map of settings, each a declared parameter.
Json settings(const std::vector<ParamSpec>& specs, const std::string& description) {
  Json properties = Json::object();
  for (const ParamSpec& spec : specs) properties[spec.name] = param_schema(spec);
  return {{"description", description},
          {"type", Json::array({"object", "null"})},
          {"properties", properties},
          {"additionalProperties", false}};
}

const ParamSpec& batch_size_spec() {
  for (const ParamSpec& spec : train_specs()) {
    if (spec.name == "batch_size") return spec;
  }
  throw std::logic_error("train declares no batch_size");
}

Json train_schema(Json& keys) {
  Json train = settings(train_specs(), "how long and how to train");
  train["properties"]["batch_size"] = {
      {"description", batch_size_spec().description},
      {"anyOf", Json::array({{{"const", "full"}}, bare(batch_size_spec())})}};
  Json stopping = settings(early_stopping_specs(), "");
  stopping.erase("description");
  train["properties"]["early_stopping"] = {
      {"description",
       "stop when the test cost stops improving (Keras' EarlyStopping); true for the defaults"},
      {"anyOf", Json::array({{{"type", "boolean"}}, stopping})}};
  train["not"] = {{"required", {"iterations", "epochs"}}};
  keys["train"] = ref("train");
  for (const auto& [key, value] : train["properties"].items()) keys["train." + key] = value;
  for (const ParamSpec& spec : early_stopping_specs()) {
    keys["train.early_stopping." + spec.name] = param_schema(spec);
  }
  return train;
}

}  // namespace

void add_settings_schemas(nlohmann::ordered_json& definitions, nlohmann::ordered_json& keys) {
  definitions["model"] = {{"description", "the network"},
                          {"type", "object"},
                          {"required", {"hidden"}},
                          {"properties",
                           {{"hidden", param_schema(hidden_spec())},
                            {"activation", ref("activations")},
                            {"output", ref("model.output")},
                            {"init", ref("model.init")}}},
                          {"additionalProperties", false}};
  keys["model"] = ref("model");
  keys["model.hidden"] = param_schema(hidden_spec());
  definitions["train"] = train_schema(keys);
  definitions["regularization"] = settings(regularization_specs(), "weight penalties");
  keys["regularization"] = ref("regularization");
  for (const ParamSpec& spec : regularization_specs())
    keys["regularization." + spec.name] = param_schema(spec);
}

}  // namespace nnsweep
