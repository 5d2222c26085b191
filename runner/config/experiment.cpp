#include "config/experiment.hpp"

#include <algorithm>
#include <cstdio>

#include "config/plugin_section.hpp"
#include "config/values.hpp"

namespace nnsweep {
namespace {

const std::vector<std::string> kTopLevelKeys = {"name",      "description", "dataset", "model",
                                                "loss",      "optimizer",   "train",   "sweep"};

const std::vector<ParamSpec>& hidden_specs() {
  static const std::vector<ParamSpec> specs = {
      ParamSpec{"hidden", ParamType::int_list, std::vector<std::int64_t>{}, 1, 1000000, false,
                "hidden layer sizes, input side first"}};
  return specs;
}

const std::vector<ParamSpec>& train_specs() {
  static const std::vector<ParamSpec> specs = {
      int_param("iterations", 10000, 0, 1000000000, "full-batch iterations"),
      int_param("log_every", 0, 0, 1000000000,
                "print 'Cost after iteration N' every N iterations; 0 = never"),
      int_param("record_every", 1, 1, 1000000000, "store the cost every N iterations")};
  return specs;
}

void check_keys(const ConfigView& view, const std::vector<std::string>& allowed,
                const std::string& owner) {
  for (const std::string& key : view.keys()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string message = "unknown key '" + key + "' in " + owner;
    const std::string hint = did_you_mean(key, allowed);
    message += hint.empty() ? " (allowed: " + join_choices(allowed) + ")" : "; " + hint;
    view.fail_key(key, message);
  }
}

std::string read_name(const ConfigView& root, const std::string& default_name) {
  auto view = root.child("name");
  if (!view) return default_name;
  if (!view->is_scalar() || view->scalar().empty()) view->fail("name must be a non-empty string");
  const std::string& name = view->scalar();
  const bool safe = std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
  if (!safe || name.front() == '.') {
    view->fail("name '" + name + "' must use only letters, digits, '_', '-' and '.' (it names " +
               "the results file)");
  }
  return name;
}

ModelConfig read_model(const ConfigView& root, const Registries& registries) {
  auto view = root.child("model");
  if (!view) root.fail("missing 'model' section (model: {hidden: [4]})");
  if (!view->is_map() && !view->has_overrides_below()) view->fail("model must be a map");
  check_keys(*view, {"hidden", "activation", "output", "init"}, "model");
  ModelConfig model;
  auto hidden = view->child("hidden");
  if (!hidden) view->fail("missing 'hidden' in model: the hidden layer sizes, such as [4]");
  model.hidden = std::get<std::vector<std::int64_t>>(read_param(*hidden, hidden_specs()[0], "model"));
  model.activation = read_plugin(view->child("activation"), registries.activations, "tanh", *view,
                                 "activation");
  model.output =
      read_plugin(view->child("output"), registries.activations, "sigmoid", *view, "output");
  model.init = read_plugin(view->child("init"), registries.initializers, "normal", *view, "init");
  return model;
}

TrainConfig read_train(const ConfigView& root) {
  TrainConfig train;
  auto view = root.child("train");
  if (!view) return train;
  const Params params = read_section(*view, train_specs(), "train");
  train.iterations = params.integer("iterations");
  train.log_every = params.integer("log_every");
  train.record_every = params.integer("record_every");
  return train;
}

}  // namespace

ExperimentConfig parse_experiment(const ConfigView& root, const Registries& registries,
                                  const std::string& default_name) {
  if (!root.is_map()) root.fail("an experiment file must be a YAML map (name:, dataset:, ...)");
  check_keys(root, kTopLevelKeys, "the experiment");
  ExperimentConfig config;
  config.name = read_name(root, default_name);
  config.dataset = read_plugin(root.child("dataset"), registries.datasets, "", root, "dataset");
  config.model = read_model(root, registries);
  config.loss =
      read_plugin(root.child("loss"), registries.losses, "binary_cross_entropy", root, "loss");
  config.optimizer = read_plugin(root.child("optimizer"), registries.optimizers, "gd", root,
                                 "optimizer");
  config.train = read_train(root);
  return config;
}

namespace {

void emit_value(YAML::Emitter& out, const ParamValue& value) {
  if (const auto* list = std::get_if<std::vector<std::int64_t>>(&value)) {
    out << YAML::Flow << YAML::BeginSeq;
    for (std::int64_t item : *list) out << item;
    out << YAML::EndSeq;
  } else {
    out << value_text(value);
  }
}

void emit_plugin(YAML::Emitter& out, const std::string& key, const PluginChoice& choice) {
  out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << choice.name;
  for (const auto& [param, value] : choice.params.values()) {
    out << YAML::Key << param << YAML::Value;
    emit_value(out, value);
  }
  out << YAML::EndMap;
}

}  // namespace

std::string to_yaml(const ExperimentConfig& config) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << config.name;
  emit_plugin(out, "dataset", config.dataset);
  out << YAML::Key << "model" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "hidden" << YAML::Value;
  emit_value(out, config.model.hidden);
  emit_plugin(out, "activation", config.model.activation);
  emit_plugin(out, "output", config.model.output);
  emit_plugin(out, "init", config.model.init);
  out << YAML::EndMap;
  emit_plugin(out, "loss", config.loss);
  emit_plugin(out, "optimizer", config.optimizer);
  out << YAML::Key << "train" << YAML::Value << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "iterations" << YAML::Value << config.train.iterations;
  out << YAML::Key << "log_every" << YAML::Value << config.train.log_every;
  out << YAML::Key << "record_every" << YAML::Value << config.train.record_every;
  out << YAML::EndMap;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

std::string plugin_yaml(const PluginChoice& choice) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  emit_plugin(out, "section", choice);
  out << YAML::EndMap;
  const std::string text = out.c_str();
  return text.substr(text.find('{'));
}

std::string stable_hash(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

}  // namespace nnsweep
