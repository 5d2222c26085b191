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

// A string as a YAML scalar: plain when it is a plain name, else double-quoted.
std::string yaml_scalar(const std::string& text) {
  const bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
  if (plain) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

std::string yaml_value(const ParamValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return yaml_scalar(*text);
  return value_text(value);
}

}  // namespace

// Written by hand rather than with YAML::Emitter: resolving a sweep emits this
// for every run, and the values are only names, numbers, booleans and int lists.
std::string plugin_yaml(const PluginChoice& choice) {
  std::string text = "{name: " + yaml_scalar(choice.name);
  for (const auto& [param, value] : choice.params.values()) {
    text += ", " + param + ": " + yaml_value(value);
  }
  return text + "}";
}

std::string to_yaml(const ExperimentConfig& config) {
  std::string text = "name: " + yaml_scalar(config.name) + "\n";
  text += "dataset: " + plugin_yaml(config.dataset) + "\n";
  text += "model:\n";
  text += "  hidden: " + value_text(config.model.hidden) + "\n";
  text += "  activation: " + plugin_yaml(config.model.activation) + "\n";
  text += "  output: " + plugin_yaml(config.model.output) + "\n";
  text += "  init: " + plugin_yaml(config.model.init) + "\n";
  text += "loss: " + plugin_yaml(config.loss) + "\n";
  text += "optimizer: " + plugin_yaml(config.optimizer) + "\n";
  text += "train: {iterations: " + std::to_string(config.train.iterations) +
          ", log_every: " + std::to_string(config.train.log_every) +
          ", record_every: " + std::to_string(config.train.record_every) + "}\n";
  return text;
}

namespace {

std::optional<std::string> plugin_value(const PluginChoice& choice, const std::string& rest) {
  if (rest.empty() || rest == "name") return choice.name;
  if (!choice.params.contains(rest)) return std::nullopt;
  return value_text(choice.params.values().at(rest));
}

}  // namespace

std::optional<std::string> config_value_text(const ExperimentConfig& config,
                                             const std::string& key) {
  const auto dot = key.find('.');
  const std::string section = key.substr(0, dot);
  const std::string rest = dot == std::string::npos ? "" : key.substr(dot + 1);
  if (section == "name" && rest.empty()) return config.name;
  if (section == "dataset") return plugin_value(config.dataset, rest);
  if (section == "loss") return plugin_value(config.loss, rest);
  if (section == "optimizer") return plugin_value(config.optimizer, rest);
  if (section == "model") {
    if (rest == "hidden") return value_text(config.model.hidden);
    const auto inner = rest.find('.');
    const std::string part = rest.substr(0, inner);
    const std::string tail = inner == std::string::npos ? "" : rest.substr(inner + 1);
    if (part == "activation") return plugin_value(config.model.activation, tail);
    if (part == "output") return plugin_value(config.model.output, tail);
    if (part == "init") return plugin_value(config.model.init, tail);
  }
  if (section == "train") {
    if (rest == "iterations") return std::to_string(config.train.iterations);
    if (rest == "log_every") return std::to_string(config.train.log_every);
    if (rest == "record_every") return std::to_string(config.train.record_every);
  }
  return std::nullopt;
}

std::string run_identity(const ExperimentConfig& config) {
  ExperimentConfig essential = config;
  essential.name.clear();
  essential.train.log_every = 0;
  return stable_hash(to_yaml(essential));
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
