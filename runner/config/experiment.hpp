#pragma once
// The resolved configuration of one training run: every plugin chosen by name
// with every parameter filled in (defaults included), fully validated.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/config_view.hpp"
#include "registry/registry.hpp"

namespace nnsweep {

struct PluginChoice {
  std::string name;
  Params params;
  bool operator==(const PluginChoice&) const = default;
};

struct ModelConfig {
  std::vector<std::int64_t> hidden;  // hidden layer sizes; empty = logistic regression
  // `model.activation: tanh` sets `activation` for every hidden layer;
  // `model.activation: [tanh, relu]` sets one per hidden layer in
  // `layer_activations` (as long as `hidden`), and `activation` is its first.
  PluginChoice activation;
  std::vector<PluginChoice> layer_activations;
  PluginChoice output;  // the output layer
  PluginChoice init;
  // The activation of hidden layer `layer` (0-based).
  const PluginChoice& hidden_activation(std::size_t layer) const {
    return layer_activations.empty() ? activation : layer_activations.at(layer);
  }
  bool operator==(const ModelConfig&) const = default;
};

// train.early_stopping: stop when the test cost has not improved by more than
// min_delta for `patience` epochs in a row, as Keras' EarlyStopping does with
// monitor="val_loss"; restore_best puts back the parameters of the best epoch.
struct EarlyStopping {
  bool enabled = false;
  std::int64_t patience = 10;
  double min_delta = 0.0;
  bool restore_best = true;
  bool operator==(const EarlyStopping&) const = default;
};

// The floating-point type training computes in (`train.dtype`): float64,
// numpy's, or float32, faster but not numpy-exact (docs/training.md). Not
// named `precision`: train.precision is already the precision metric's
// results column (train/metrics.hpp).
enum class DType { float64, float32 };
// "float64" or "float32", as the config writes it.
std::string dtype_name(DType dtype);

struct TrainConfig {
  // Optimizer updates (one per mini-batch), unless `epochs` is set.
  std::int64_t iterations = 10000;
  std::int64_t epochs = 0;        // > 0: train this many passes over the training part instead
  std::int64_t batch_size = 0;    // examples per update; 0 = full batch (`batch_size: full`)
  std::int64_t shuffle_seed = 0;  // mini-batch order: RandomState(seed).permutation(m) per epoch
  // Full batch: every N iterations; mini-batches: every N epochs.
  std::int64_t log_every = 0;     // print "Cost after iteration N" (or epoch); 0 = never
  std::int64_t record_every = 1;  // cost curve resolution in the results file
  EarlyStopping early_stopping;
  DType dtype = DType::float64;
  bool mini_batches() const { return batch_size > 0; }
  bool operator==(const TrainConfig&) const = default;
};

// Weight penalties added to the cost and its gradient, as TensorFlow
// Playground defines them: l1 * sum|w| + l2 * sum(w^2) / 2 over every weight
// matrix (biases are not penalised).
struct Regularization {
  double l1 = 0.0;
  double l2 = 0.0;
  bool operator==(const Regularization&) const = default;
};

struct ExperimentConfig {
  std::string name;
  PluginChoice dataset;
  ModelConfig model;
  PluginChoice loss;
  PluginChoice optimizer;
  // The learning-rate schedule (`schedule:`), constant unless given.
  PluginChoice schedule{"constant", {}};
  TrainConfig train;
  Regularization regularization;
  bool operator==(const ExperimentConfig&) const = default;
};

// Validates the effective config at `root` (the sweep section, if any, is not
// read here) and resolves it. Throws ConfigError naming FILE:LINE:COL.
// `default_name` is used when the config has no `name:` (the file's stem).
ExperimentConfig parse_experiment(const ConfigView& root, const Registries& registries,
                                  const std::string& default_name);

// The resolved config as YAML, every default written out: what each run's
// `config` attribute in the results file holds. Settings added after runs had
// identities are left out at their defaults, so those runs keep them: the
// dataset split, regularization, weight_decay 0 and the constant schedule.
std::string to_yaml(const ExperimentConfig& config);

// The arithmetic a run's numbers come from. It is part of every run's
// identity, so that one results file never mixes runs computed by different
// arithmetic: after a change that alters results beyond the last bits of a
// chaotic run, earlier runs are trained again rather than reused. 1: libm's
// tanh, exp and log1p and Eigen's products throughout (files before it have
// no such attribute); 2: SLEEF's deterministic vector functions
// (runner/kernels/vector_math.hpp) and the dense products' own summation
// order for narrow layers (runner/train/dense.hpp); 3: nnsweep's own tanh
// with fused multiply-adds (runner/kernels/tanh_lanes.hpp), the rest as 2;
// 4: that tanh reduced by a table of 2^(j/16) (kernels/tanh_table.hpp); 5:
// one-unit layers with many inputs sum their products in eight lanes
// (kernels::column_dots) instead of Eigen's order. Any later change to either
// that alters results must raise it.
constexpr std::int64_t kArithmetic = 5;

// A run's identity: a hash of everything in its resolved config that affects
// what it computes and stores. The experiment's name and train.log_every are
// left out, so renaming an experiment or changing its logging keeps finished
// runs valid for resume. An input file counts by its contents (its digest
// P_sha256), not by where it is: a project moved to another folder, or a
// cluster that mounts it elsewhere, keeps its finished runs.
std::string run_identity(const ExperimentConfig& config);

// A dataset's identity (its /datasets group name): the hash of its section,
// its input files counted by contents as in run_identity.
std::string dataset_identity(const PluginChoice& dataset);

// to_yaml, run_identity and dataset_identity of one config at once, the same
// texts as those three give. Why: resolving a plan needs all three for every
// run, and the identity text shares all but its name and train lines with
// to_yaml (a third of planning a sweep of 10,000 tiny runs went to computing
// them separately).
struct ConfigTexts {
  std::string yaml;
  std::string run_id;
  std::string dataset_id;
};
ConfigTexts config_texts(const ExperimentConfig& config);

// The value a run uses at a dotted key, typed as declared; a plugin section
// gives its name. A parameter nested under a plugin's name
// ("optimizer.momentum.momentum") has a value only in runs that chose that
// plugin, and a plain parameter only when the chosen plugin declares it:
// nullopt otherwise, and for keys the config does not have.
std::optional<ParamValue> config_value(const ExperimentConfig& config, const std::string& key);

// Every integer parameter named `seed` (or ending in `_seed`) of the config's
// plugins, by dotted key: {"dataset.seed", 0}, {"model.init.seed", 2}.
std::vector<std::pair<std::string, std::int64_t>> config_seeds(const ExperimentConfig& config);

// One plugin section as a YAML flow map: {name: moons, n_samples: 200, ...}.
std::string plugin_yaml(const PluginChoice& choice);
// The dataset section the same way, but with the split parameters every dataset
// takes written only when they differ from their defaults: runs without a test
// part keep the identity (and dataset id) they had before splits existed.
std::string dataset_yaml(const PluginChoice& dataset);

// A stable 64-bit hash (FNV-1a) of the text, as 16 hex digits.
std::string stable_hash(const std::string& text);

}  // namespace nnsweep
