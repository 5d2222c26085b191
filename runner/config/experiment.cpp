#include "config/experiment.hpp"

#include <algorithm>
#include <cstdio>

#include "config/plugin_section.hpp"
#include "config/sections.hpp"
#include "config/setting_specs.hpp"
#include "config/values.hpp"

namespace nnsweep {
namespace {

const std::vector<std::string> kTopLevelKeys = {"name",  "description",    "plugins",   "dataset",
                                                "model", "loss",           "optimizer", "schedule",
                                                "train", "regularization", "sweep"};

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

// An experiment's name names its results file (results/NAME.h5) and the
// journal beside it, so it must be a short, plain file name: what the rules
// are, or an empty string when `name` follows them.
constexpr std::size_t kLongestName = 200;  // file systems allow 255 bytes, with room for suffixes

std::string name_problem(const std::string& name) {
  const bool safe = std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
  if (name.empty() || !safe || name.front() == '.') {
    return "must use only letters, digits, '_', '-' and '.', and not start with '.' (it names the "
           "results file)";
  }
  if (name.size() > kLongestName) {
    return "is " + std::to_string(name.size()) + " characters long; at most " +
           std::to_string(kLongestName) + " (it names the results file)";
  }
  return "";
}

// Without `name`, the config file's name without its extension, under the
// same rules.
std::string read_name(const ConfigView& root, const std::string& default_name) {
  auto view = root.child("name");
  if (!view) {
    const std::string problem = name_problem(default_name);
    if (!problem.empty()) {
      root.fail("the experiment has no 'name', and its file's name '" + default_name +
                "' cannot stand for one: a name " + problem + "; add a 'name:'");
    }
    return default_name;
  }
  if (!view->is_scalar() || view->scalar().empty()) view->fail("name must be a non-empty string");
  const std::string& name = view->scalar();
  const std::string problem = name_problem(name);
  if (!problem.empty()) {
    view->fail("name '" + (name.size() > 40 ? name.substr(0, 40) + "..." : name) + "' " + problem);
  }
  return name;
}

// One activation for every hidden layer, or a list with one per layer.
void read_activations(const std::optional<ConfigView>& view, const ConfigView& model_view,
                      const Registries& registries, ModelConfig& model) {
  if (!view || !view->is_sequence()) {
    model.activation = read_plugin(view, registries.activations, "tanh", model_view, "activation");
    return;
  }
  if (view->size() != model.hidden.size()) {
    view->fail("model.activation lists " + std::to_string(view->size()) +
               " activations but model.hidden has " + std::to_string(model.hidden.size()) +
               " hidden layers; give one per hidden layer, or one name for all");
  }
  for (std::size_t layer = 0; layer < view->size(); ++layer) {
    model.layer_activations.push_back(
        read_plugin(view->element(layer), registries.activations, "", model_view, "activation"));
  }
  if (!model.layer_activations.empty()) model.activation = model.layer_activations.front();
  // The same activation for every layer is the one-name form, identity included.
  const bool uniform = std::all_of(model.layer_activations.begin(), model.layer_activations.end(),
                                   [&](const PluginChoice& c) { return c == model.activation; });
  if (uniform) model.layer_activations.clear();
  if (model.hidden.empty()) {
    model.activation =
        read_plugin(std::nullopt, registries.activations, "tanh", model_view, "activation");
  }
}

ModelConfig read_model(const ConfigView& root, const Registries& registries) {
  auto view = root.child("model");
  if (!view) root.fail("missing 'model' section (model: {hidden: [4]})");
  if (!view->is_map() && !view->has_overrides_below()) view->fail("model must be a map");
  check_keys(*view, {"hidden", "activation", "output", "init"}, "model");
  ModelConfig model;
  auto hidden = view->child("hidden");
  if (!hidden) view->fail("missing 'hidden' in model: the hidden layer sizes, such as [4]");
  model.hidden = std::get<std::vector<std::int64_t>>(read_param(*hidden, hidden_spec(), "model"));
  read_activations(view->child("activation"), *view, registries, model);
  model.output =
      read_plugin(view->child("output"), registries.activations, "sigmoid", *view, "output");
  model.init = read_plugin(view->child("init"), registries.initializers, "normal", *view, "init");
  return model;
}

}  // namespace

const ParamSpec& hidden_spec() {
  static const ParamSpec spec{"hidden",
                              ParamType::int_list,
                              std::vector<std::int64_t>{},
                              1,
                              1000000,
                              false,
                              "hidden layer sizes, input side first; [] for none",
                              {},
                              false};
  return spec;
}

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
  config.optimizer =
      read_plugin(root.child("optimizer"), registries.optimizers, "gd", root, "optimizer");
  config.schedule =
      read_plugin(root.child("schedule"), registries.schedules, "constant", root, "schedule");
  config.train = read_train(root);
  config.regularization = read_regularization(root);
  check_combination(root, config, registries);
  return config;
}

namespace {

// `rest` is what follows the plugin section's key: "" or "name" for the
// plugin's name, "PARAM" for a parameter of the chosen plugin, or
// "PLUGIN.PARAM" for a parameter nested under a plugin's name, which applies
// only when that plugin is the one chosen.
std::optional<ParamValue> plugin_value(const PluginChoice& choice, const std::string& rest) {
  if (rest.empty() || rest == "name") return ParamValue(choice.name);
  std::string param = rest;
  if (const auto dot = rest.find('.'); dot != std::string::npos) {
    if (rest.substr(0, dot) != choice.name) return std::nullopt;
    param = rest.substr(dot + 1);
  }
  if (!choice.params.contains(param)) return std::nullopt;
  return choice.params.values().at(param);
}

// The plugin sections of a config with their dotted keys.
std::vector<std::pair<std::string, const PluginChoice*>> plugin_sections(
    const ExperimentConfig& config) {
  return {{"dataset", &config.dataset},
          {"model.activation", &config.model.activation},
          {"model.output", &config.model.output},
          {"model.init", &config.model.init},
          {"loss", &config.loss},
          {"optimizer", &config.optimizer},
          {"schedule", &config.schedule}};
}

std::optional<ParamValue> train_value(const TrainConfig& train, const std::string& key) {
  if (key == "train.iterations") return ParamValue(train.iterations);
  if (key == "train.epochs") return ParamValue(train.epochs);
  if (key == "train.batch_size") return ParamValue(train.batch_size);
  if (key == "train.shuffle_seed") return ParamValue(train.shuffle_seed);
  if (key == "train.log_every") return ParamValue(train.log_every);
  if (key == "train.record_every") return ParamValue(train.record_every);
  if (key == "train.dtype") return ParamValue(dtype_name(train.dtype));
  const EarlyStopping& stopping = train.early_stopping;
  if (key == "train.early_stopping") return ParamValue(stopping.enabled);
  if (!stopping.enabled) return std::nullopt;
  if (key == "train.early_stopping.patience") return ParamValue(stopping.patience);
  if (key == "train.early_stopping.min_delta") return ParamValue(stopping.min_delta);
  if (key == "train.early_stopping.restore_best") return ParamValue(stopping.restore_best);
  return std::nullopt;
}

}  // namespace

std::string dtype_name(DType dtype) {
  return dtype == DType::float32 ? "float32" : "float64";
}

std::optional<ParamValue> config_value(const ExperimentConfig& config, const std::string& key) {
  if (key == "name") return ParamValue(config.name);
  if (key == "model.hidden") return ParamValue(config.model.hidden);
  if (auto train = train_value(config.train, key)) return train;
  if (key == "regularization.l1") return ParamValue(config.regularization.l1);
  if (key == "regularization.l2") return ParamValue(config.regularization.l2);
  if (!config.model.layer_activations.empty() && key.starts_with("model.activation")) {
    if (key != "model.activation") return std::nullopt;  // no single value for every layer
    std::string names;
    for (const PluginChoice& layer : config.model.layer_activations) {
      names += (names.empty() ? "" : ", ") + layer.name;
    }
    return ParamValue("[" + names + "]");
  }
  for (const auto& [section, choice] : plugin_sections(config)) {
    if (key == section) return plugin_value(*choice, "");
    if (key.size() > section.size() && key.compare(0, section.size(), section) == 0 &&
        key[section.size()] == '.') {
      return plugin_value(*choice, key.substr(section.size() + 1));
    }
  }
  return std::nullopt;
}

std::vector<std::pair<std::string, std::int64_t>> config_seeds(const ExperimentConfig& config) {
  std::vector<std::pair<std::string, std::int64_t>> seeds;
  for (const auto& [section, choice] : plugin_sections(config)) {
    for (const auto& [param, value] : choice->params.values()) {
      const auto* seed = std::get_if<std::int64_t>(&value);
      if (seed && (param == "seed" || param.ends_with("_seed"))) {
        seeds.emplace_back(section + "." + param, *seed);
      }
    }
  }
  if (config.train.mini_batches())
    seeds.emplace_back("train.shuffle_seed", config.train.shuffle_seed);
  return seeds;
}

}  // namespace nnsweep
