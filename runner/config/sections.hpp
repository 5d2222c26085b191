#pragma once
// The sections of an experiment file that are not plugins, and the checks
// across sections, used by parse_experiment (config/experiment.cpp).
#include "config/config_view.hpp"
#include "config/experiment.hpp"

namespace nnsweep {

// `train:` (iterations or epochs, batch_size, early_stopping, ...); defaults
// when absent. Giving both iterations and epochs is an error.
TrainConfig read_train(const ConfigView& root);

// `regularization: {l1, l2}`; zeros when absent.
Regularization read_regularization(const ConfigView& root);

// Checks that the plugins and settings, each valid alone, belong together:
// the output activation and the loss, the loss and the dataset's task,
// softmax only as an output, stratify only for classes, early stopping only
// with a test part. Fails at the setting to change, naming both sides.
void check_combination(const ConfigView& root, const ExperimentConfig& config,
                       const Registries& registries);

// The dataset's task: its plugin's declaration, or its `task` parameter.
Task dataset_task(const PluginChoice& dataset, const Registries& registries);

}  // namespace nnsweep
