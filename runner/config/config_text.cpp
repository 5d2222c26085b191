// The resolved config as text, and the identities hashed from it
// (declared in config/experiment.hpp).
#include <algorithm>
#include <cstdio>

#include "config/experiment.hpp"
#include "registry/initializer.hpp"

namespace nnsweep {
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

// The train section; settings at their defaults that older runs did not have
// (epochs, mini-batches, early stopping, dtype float64) are left out, so those runs keep
// their identities.
std::string train_yaml(const TrainConfig& train, std::int64_t log_every) {
  std::string text = "train: {";
  text += train.epochs > 0 ? "epochs: " + std::to_string(train.epochs)
                           : "iterations: " + std::to_string(train.iterations);
  text += ", log_every: " + std::to_string(log_every) +
          ", record_every: " + std::to_string(train.record_every);
  if (train.mini_batches()) {
    text += ", batch_size: " + std::to_string(train.batch_size) +
            ", shuffle_seed: " + std::to_string(train.shuffle_seed);
  }
  if (train.dtype != DType::float64) {
    text += ", dtype: " + dtype_name(train.dtype);
  }
  if (train.early_stopping.enabled) {
    text += ", early_stopping: {patience: " + std::to_string(train.early_stopping.patience) +
            ", min_delta: " + value_text(train.early_stopping.min_delta) +
            ", restore_best: " + value_text(train.early_stopping.restore_best) + "}";
  }
  return text + "}";
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

namespace {

// The choice without the parameters every plugin of its kind takes where they
// are at that shared default: runs from before such a parameter existed keep
// their identities.
PluginChoice without_shared_defaults(const PluginChoice& choice,
                                     const std::vector<ParamSpec>& shared) {
  PluginChoice written{choice.name, {}};
  for (const auto& [param, value] : choice.params.values()) {
    // Named again: clang before 16 cannot capture a structured binding.
    const std::string& name = param;
    const auto spec = std::find_if(shared.begin(), shared.end(),
                                   [&name](const ParamSpec& s) { return s.name == name; });
    if (spec == shared.end() || !(spec->default_value == value)) written.params.set(param, value);
  }
  return written;
}

}  // namespace

std::string dataset_yaml(const PluginChoice& dataset) {
  // Resolving a plan calls this for every run: build the declarations once.
  static const std::vector<ParamSpec> split = dataset_split_params();
  return plugin_yaml(without_shared_defaults(dataset, split));
}

namespace {

// The lines of to_yaml from `model:` to `optimizer:`, which the identity text
// shares with it.
std::string model_to_optimizer_yaml(const ExperimentConfig& config) {
  std::string text = "model:\n";
  text += "  hidden: " + value_text(config.model.hidden) + "\n";
  if (config.model.layer_activations.empty()) {
    text += "  activation: " + plugin_yaml(config.model.activation) + "\n";
  } else {
    text += "  activation: [";
    for (std::size_t l = 0; l < config.model.layer_activations.size(); ++l) {
      text += (l ? ", " : "") + plugin_yaml(config.model.layer_activations[l]);
    }
    text += "]\n";
  }
  text += "  output: " + plugin_yaml(config.model.output) + "\n";
  static const std::vector<ParamSpec> initializer_shared = initializer_shared_params();
  text += "  init: " + plugin_yaml(without_shared_defaults(config.model.init, initializer_shared)) +
          "\n";
  text += "loss: " + plugin_yaml(config.loss) + "\n";
  static const std::vector<ParamSpec> optimizer_shared = optimizer_shared_params();
  text += "optimizer: " + plugin_yaml(without_shared_defaults(config.optimizer, optimizer_shared)) +
          "\n";
  // Only when not constant, so runs from before schedules keep their identities.
  if (config.schedule.name != "constant") {
    text += "schedule: " + plugin_yaml(config.schedule) + "\n";
  }
  return text;
}

std::string regularization_yaml(const Regularization& regularization) {
  // Only when used, so unregularised runs keep the identity they had before.
  if (regularization == Regularization{}) return "";
  return "regularization: {l1: " + value_text(regularization.l1) +
         ", l2: " + value_text(regularization.l2) + "}\n";
}

// The whole text from its parts, in to_yaml's order.
std::string config_yaml(const std::string& name, const std::string& dataset,
                        const std::string& model_to_optimizer, const std::string& train,
                        const std::string& regularization) {
  return "name: " + yaml_scalar(name) + "\n" + "dataset: " + dataset + "\n" + model_to_optimizer +
         train + "\n" + regularization;
}

}  // namespace

std::string to_yaml(const ExperimentConfig& config) {
  return config_yaml(config.name, dataset_yaml(config.dataset), model_to_optimizer_yaml(config),
                     train_yaml(config.train, config.train.log_every),
                     regularization_yaml(config.regularization));
}

namespace {

// The dataset with every file path that has a digest blanked: the digest
// stands for the file.
PluginChoice by_contents(const PluginChoice& dataset) {
  PluginChoice located = dataset;
  for (const auto& [param, value] : dataset.params.values()) {
    if (dataset.params.contains(param + "_sha256")) located.params.set(param, std::string());
  }
  return located;
}

bool has_digests(const PluginChoice& dataset) {
  for (const auto& [param, value] : dataset.params.values()) {
    if (dataset.params.contains(param + "_sha256")) return true;
  }
  return false;
}

std::string identity_text(const std::string& essential_yaml) {
  return essential_yaml + "arithmetic: " + std::to_string(kArithmetic) + "\n";
}

}  // namespace

std::string run_identity(const ExperimentConfig& config) {
  ExperimentConfig essential = config;
  essential.name.clear();
  essential.train.log_every = 0;
  essential.dataset = by_contents(config.dataset);
  return stable_hash(identity_text(to_yaml(essential)));
}

std::string dataset_identity(const PluginChoice& dataset) {
  return stable_hash(dataset_yaml(by_contents(dataset)));
}

ConfigTexts config_texts(const ExperimentConfig& config) {
  const std::string dataset = dataset_yaml(config.dataset);
  const std::string by_contents_dataset =
      has_digests(config.dataset) ? dataset_yaml(by_contents(config.dataset)) : dataset;
  const std::string middle = model_to_optimizer_yaml(config);
  const std::string regularization = regularization_yaml(config.regularization);
  ConfigTexts texts;
  texts.yaml = config_yaml(config.name, dataset, middle,
                           train_yaml(config.train, config.train.log_every), regularization);
  // As run_identity: no name, no logging, input files by contents.
  texts.run_id = stable_hash(identity_text(
      config_yaml("", by_contents_dataset, middle, train_yaml(config.train, 0), regularization)));
  texts.dataset_id = stable_hash(by_contents_dataset);
  return texts;
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
