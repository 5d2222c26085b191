// Checks across sections: settings each valid alone that do not belong together.
#include "config/sections.hpp"

namespace nnsweep {
namespace {

std::string range_words(OutputRange range) {
  switch (range) {
    case OutputRange::any:
      return "any real values";
    case OutputRange::unit_interval:
      return "values between 0 and 1 (sigmoid)";
    case OutputRange::simplex:
      return "values that sum to 1 over the units (softmax)";
  }
  return "";
}

// Where a plugin section is set, to point errors at it (the section's own
// line, or the parent's when it was left to its default).
ConfigView section_view(const ConfigView& parent, const std::string& key) {
  auto view = parent.child(key);
  return view ? *view : parent;
}

void check_output_and_loss(const ConfigView& root, const ExperimentConfig& config,
                           const Registries& registries) {
  const ConfigView model = *root.child("model");
  const std::string& output = config.model.output.name;
  const std::string& loss = config.loss.name;
  const PluginTraits& output_traits = registries.activations.describe(output)->traits;
  const PluginTraits& loss_traits = registries.losses.describe(loss)->traits;
  for (std::size_t layer = 0; layer < config.model.hidden.size(); ++layer) {
    const std::string& name = config.model.hidden_activation(layer).name;
    if (registries.activations.describe(name)->traits.range == OutputRange::simplex) {
      section_view(model, "activation")
          .fail("activation '" + name + "' normalises across a layer's units and can only be " +
                "the output layer's (model.output: " + name + "); choose another for hidden " +
                "layer " + std::to_string(layer + 1));
    }
  }
  const OutputRange needs = loss_traits.requires_output;
  if (needs != OutputRange::any && output_traits.range != needs) {
    std::string message = "loss '" + loss + "' needs an output activation with " +
                          range_words(needs) + ", but model.output is '" + output + "'";
    if (!loss_traits.fused_output.empty()) {
      message += ": use model.output: " + loss_traits.fused_output;
    }
    if (output_traits.range == OutputRange::simplex) {
      message += "; with a " + output + " output use loss: categorical_cross_entropy";
    } else if (output_traits.range == OutputRange::any) {
      message += "; for real-valued outputs use loss: mse";
    }
    section_view(model, "output").fail(message);
  }
}

void check_loss_and_task(const ConfigView& root, const ExperimentConfig& config,
                         const Registries& registries) {
  const Task task = dataset_task(config.dataset, registries);
  const PluginTraits& loss = registries.losses.describe(config.loss.name)->traits;
  if (task == Task::regression && loss.targets != LossTargets::real) {
    section_view(root, "loss")
        .fail("loss '" + config.loss.name + "' compares outputs with class labels, but dataset '" +
              config.dataset.name +
              "' is a regression set; use loss: mse with model.output: " + "identity");
  }
  const ConfigView dataset = section_view(root, "dataset");
  if (task == Task::regression && config.dataset.params.boolean("stratify")) {
    section_view(dataset, "stratify")
        .fail("stratify keeps class proportions, but dataset '" + config.dataset.name +
              "' is a regression set with no classes");
  }
}

void check_early_stopping(const ConfigView& root, const ExperimentConfig& config) {
  if (!config.train.early_stopping.enabled) return;
  if (config.dataset.params.real("test_fraction") > 0.0) return;
  const ConfigView train = section_view(root, "train");
  section_view(train, "early_stopping")
      .fail("early_stopping watches the cost on the test part, but the dataset has none: set " +
            std::string("dataset.test_fraction (0.2 holds out a fifth)"));
}

}  // namespace

Task dataset_task(const PluginChoice& dataset, const Registries& registries) {
  const PluginTraits& traits = registries.datasets.describe(dataset.name)->traits;
  if (traits.task) return *traits.task;
  return dataset.params.string("task") == "regression" ? Task::regression : Task::classification;
}

void check_combination(const ConfigView& root, const ExperimentConfig& config,
                       const Registries& registries) {
  check_output_and_loss(root, config, registries);
  check_loss_and_task(root, config, registries);
  check_early_stopping(root, config);
}

}  // namespace nnsweep
