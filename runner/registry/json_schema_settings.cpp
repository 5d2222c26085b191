// The parts of the experiment schema that are not plugins: model's own
// keys, train (with early_stopping) and regularization, as config/ reads them.
#include "registry/json_schema.hpp"

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

// What config/train_section.cpp and config/experiment.cpp declare (their
// declarations are private to them): train, train.early_stopping,
// regularization and model.hidden. tests/registry/test_json_schema.py checks
// that the names and ranges are still the loader's.
const std::vector<ParamSpec> kTrain = {
    int_param("iterations", 10000, 0, 1000000000,
              "optimizer updates (one per mini-batch); or give epochs"),
    int_param("epochs", 0, 1, 1000000000, "passes over the training part, instead of iterations"),
    int_param("shuffle_seed", 0, 0, 4294967295LL,
              "mini-batch order: np.random.RandomState(seed).permutation(m) every epoch"),
    int_param("log_every", 0, 0, 1000000000,
              "print 'Cost after iteration N' every N iterations (epochs with mini-batches); "
              "0 = never"),
    int_param("record_every", 1, 1, 1000000000,
              "store the cost every N iterations (epochs with mini-batches)"),
    choice_param("dtype", "float64", {"float64", "float32"},
                 "float64 (numpy's results) or float32: faster, not numpy-exact")};
const ParamSpec kBatchSize = int_param("batch_size", 0, 1, 1000000000, "");
const std::vector<ParamSpec> kEarlyStopping = {
    int_param("patience", 10, 1, 1000000000,
              "epochs without improvement of the test cost before training stops"),
    real_param("min_delta", 0.0, 0.0, 1e12,
               "an epoch improves only if its test cost is below the best by more than this"),
    bool_param("restore_best", true, "end with the parameters of the epoch of lowest test cost")};
const std::vector<ParamSpec> kRegularization = {
    real_param("l1", 0.0, 0.0, 1e6, "weight of the L1 penalty l1 * sum|w| (weights only)"),
    real_param("l2", 0.0, 0.0, 1e6, "weight of the L2 penalty l2 * sum(w^2) / 2 (weights only)")};
const ParamSpec kHidden = {"hidden",
                           ParamType::int_list,
                           std::vector<std::int64_t>{},
                           1,
                           1000000,
                           false,
                           "hidden layer sizes, input side first; [] for none",
                           {},
                           false};

Json train_schema(Json& keys) {
  Json train = settings(kTrain, "how long and how to train");
  train["properties"]["batch_size"] = {
      {"description", "examples per update, or full (the default): the whole training part"},
      {"anyOf", Json::array({{{"const", "full"}}, bare(kBatchSize)})}};
  Json stopping = settings(kEarlyStopping, "");
  stopping.erase("description");
  train["properties"]["early_stopping"] = {
      {"description",
       "stop when the test cost stops improving (Keras' EarlyStopping); true for the defaults"},
      {"anyOf", Json::array({{{"type", "boolean"}}, stopping})}};
  train["not"] = {{"required", {"iterations", "epochs"}}};
  keys["train"] = ref("train");
  for (const auto& [key, value] : train["properties"].items()) keys["train." + key] = value;
  for (const ParamSpec& spec : kEarlyStopping) {
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
                           {{"hidden", param_schema(kHidden)},
                            {"activation", ref("activations")},
                            {"output", ref("model.output")},
                            {"init", ref("model.init")}}},
                          {"additionalProperties", false}};
  keys["model"] = ref("model");
  keys["model.hidden"] = param_schema(kHidden);
  definitions["train"] = train_schema(keys);
  definitions["regularization"] = settings(kRegularization, "weight penalties");
  keys["regularization"] = ref("regularization");
  for (const ParamSpec& spec : kRegularization)
    keys["regularization." + spec.name] = param_schema(spec);
}

}  // namespace nnsweep
