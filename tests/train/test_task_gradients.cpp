// The backward pass of every loss with an output that fits it, of multi-class
// (softmax with categorical cross-entropy, and mse on one-hot targets),
// regression (identity with mse) and mini-batch training, against central
// finite differences of the cost it minimises.
#include <boost/test/unit_test.hpp>

#include "gradient_check.hpp"

using namespace nnsweep::testing;

namespace {

// gradient_spec's network on another dataset, with an output and a loss for it.
RunSpec task_spec(const std::vector<std::int64_t>& hidden, const std::string& dataset,
                  const std::map<std::string, nnsweep::ParamValue>& params,
                  const std::string& output, const std::string& loss) {
  RunSpec spec = gradient_spec(hidden, "tanh");
  spec.dataset = dataset;
  spec.dataset_params = params;
  spec.output = output;
  spec.loss = loss;
  return spec;
}

const std::map<std::string, nnsweep::ParamValue> kSpiral = {
    {"n_samples", std::int64_t{45}}, {"n_classes", std::int64_t{3}}, {"noise", 0.3}};
const std::map<std::string, nnsweep::ParamValue> kFriedman = {
    {"n_samples", std::int64_t{40}}, {"n_features", std::int64_t{6}}, {"noise", 0.5}};

double error_of(const RunSpec& spec, std::int64_t batch = -1) {
  const nnsweep::ExperimentConfig config = make_config(spec);
  const nnsweep::Dataset data = make_dataset(config);
  nnsweep::Trainer trainer(data, config, nnsweep::builtin_registries());
  set_nonzero_biases(trainer.network());
  if (batch >= 0) {
    trainer.begin_epoch();
    trainer.select_batch(batch);
  }
  return gradient_error(trainer, spec.learning_rate);
}

// A network for the loss as a config would pair them, read from its traits:
// data of the targets it declares, and its fused output, or else the first
// activation of the output range it requires.
RunSpec spec_for_loss(const std::string& loss, const nnsweep::PluginTraits& traits) {
  std::string output = traits.fused_output;
  const auto& activations = nnsweep::builtin_registries().activations;
  for (const std::string& name : activations.names()) {
    if (output.empty() && activations.describe(name)->traits.range == traits.requires_output) {
      output = name;
    }
  }
  switch (traits.targets) {
    case nnsweep::LossTargets::two_classes:
      return task_spec({3}, "moons", {}, output, loss);
    case nnsweep::LossTargets::one_hot:
      return task_spec({3}, "spiral", kSpiral, output, loss);
    case nnsweep::LossTargets::real:
      break;
  }
  return task_spec({3}, "friedman1", kFriedman, output, loss);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(task_gradients)

BOOST_AUTO_TEST_CASE(every_loss_with_an_output_that_fits_it) {
  // Every loss there is, so that a new one is checked the moment it is registered.
  const auto& losses = nnsweep::builtin_registries().losses;
  for (const std::string& loss : losses.names()) {
    const RunSpec spec = spec_for_loss(loss, losses.describe(loss)->traits);
    BOOST_TEST_CONTEXT(loss << " with " << spec.output << " on " << spec.dataset) {
      BOOST_TEST(error_of(spec) < 1e-6);
    }
  }
}

BOOST_AUTO_TEST_CASE(softmax_with_categorical_cross_entropy) {
  for (const auto& hidden : kHiddenSizes) {
    BOOST_TEST_CONTEXT(describe(hidden)) {
      BOOST_TEST(error_of(task_spec(hidden, "spiral", kSpiral, "softmax",
                                    "categorical_cross_entropy")) < 1e-6);
    }
  }
}

BOOST_AUTO_TEST_CASE(identity_with_mse_on_a_regression_set) {
  for (const auto& hidden : kHiddenSizes) {
    BOOST_TEST_CONTEXT(describe(hidden)) {
      // Friedman targets are ~10: a small learning rate keeps the step check exact.
      RunSpec spec = task_spec(hidden, "friedman1", kFriedman, "identity", "mse");
      BOOST_TEST(error_of(spec) < 1e-6);
    }
  }
}

BOOST_AUTO_TEST_CASE(mse_on_one_hot_classes_goes_through_the_output_backward) {
  // Neither softmax nor sigmoid is fused with mse: loss.gradient() and each
  // output's backward(), softmax's Jacobian-vector product included.
  for (const std::string output : {"softmax", "sigmoid", "tanh"}) {
    BOOST_TEST_CONTEXT(output) {
      BOOST_TEST(error_of(task_spec({4}, "spiral", kSpiral, output, "mse")) < 1e-6);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_mini_batch_gradient_is_the_gradient_of_the_batch_cost) {
  // 45 examples in batches of 7: batch 2 is a full one, batch 6 the short last one.
  for (const std::int64_t batch : {std::int64_t{2}, std::int64_t{6}}) {
    RunSpec spec = task_spec({5, 3}, "spiral", kSpiral, "softmax", "categorical_cross_entropy");
    spec.batch_size = 7;
    spec.shuffle_seed = 9;
    BOOST_TEST_CONTEXT("batch " << batch) {
      BOOST_TEST(error_of(spec, batch) < 1e-6);
    }
  }
  RunSpec moons = gradient_spec({3}, "tanh");
  moons.batch_size = 16;
  BOOST_TEST(error_of(moons, 1) < 1e-6);
}

BOOST_AUTO_TEST_SUITE_END()
