#pragma once
// Building an ExperimentConfig in code, without YAML: every plugin gets its
// declared defaults, then the few values a test cares about. Shared by the train
// and store tests (header-only, so each test executable compiles its own copy).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "builtin_registries.hpp"
#include "config/experiment.hpp"

namespace nnsweep::testing {

// The run a test wants; defaults are the seed post's moons setup.
struct RunSpec {
  std::vector<std::int64_t> hidden{4};
  std::string activation = "tanh";
  std::string output = "sigmoid";
  std::string optimizer = "gd";
  double learning_rate = 0.01;
  std::int64_t iterations = 100;
  std::int64_t record_every = 1;
  std::int64_t data_seed = 0;
  std::int64_t n_samples = 200;
  double noise = 0.2;
  std::int64_t init_seed = 2;
  double init_scale = 0.01;
  // Another dataset than moons, with these parameters (n_samples, noise and
  // data_seed above then do not apply), and the loss to go with it.
  std::string dataset = "moons";
  std::map<std::string, ParamValue> dataset_params = {};
  std::string loss = "binary_cross_entropy";
  std::int64_t batch_size = 0;  // 0 = full batch
  std::int64_t shuffle_seed = 0;
  DType dtype = DType::float64;
};

// `name` from `registry` with its defaults overridden by `values` (each of which
// must be declared, so a misspelt key fails instead of silently using a default).
inline PluginChoice plugin_choice(const RegistryBase& registry, const std::string& name,
                                  const std::map<std::string, ParamValue>& values = {}) {
  const PluginDescription* description = registry.describe(name);
  BOOST_TEST_REQUIRE(description != nullptr, "no " << registry.kind() << " plugin " << name);
  PluginChoice choice{name, default_params(description->params)};
  for (const auto& [key, value] : values) {
    BOOST_TEST_REQUIRE(choice.params.contains(key), name << " has no parameter " << key);
    choice.params.set(key, value);
  }
  return choice;
}

inline ExperimentConfig make_config(const RunSpec& spec,
                                    const Registries& registries = builtin_registries()) {
  ExperimentConfig config;
  config.name = "test";
  config.dataset = spec.dataset == "moons"
                       ? plugin_choice(registries.datasets, "moons",
                                       {{"n_samples", spec.n_samples},
                                        {"noise", spec.noise},
                                        {"seed", spec.data_seed},
                                        {"shuffle", true}})
                       : plugin_choice(registries.datasets, spec.dataset, spec.dataset_params);
  config.model.hidden = spec.hidden;
  config.model.activation = plugin_choice(registries.activations, spec.activation);
  config.model.output = plugin_choice(registries.activations, spec.output);
  config.model.init = plugin_choice(registries.initializers, "normal",
                                    {{"seed", spec.init_seed}, {"scale", spec.init_scale}});
  config.loss = plugin_choice(registries.losses, spec.loss);
  config.optimizer =
      plugin_choice(registries.optimizers, spec.optimizer, {{"learning_rate", spec.learning_rate}});
  config.train.iterations = spec.iterations;
  config.train.log_every = 0;
  config.train.record_every = spec.record_every;
  config.train.batch_size = spec.batch_size;
  config.train.shuffle_seed = spec.shuffle_seed;
  config.train.dtype = spec.dtype;
  return config;
}

inline Dataset make_dataset(const ExperimentConfig& config,
                            const Registries& registries = builtin_registries()) {
  return registries.datasets.create(config.dataset.name, config.dataset.params)->generate();
}

}  // namespace nnsweep::testing
