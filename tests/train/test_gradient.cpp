// Trainer's backward pass against central finite differences of its own forward
// pass (evaluate()), for several depths and every hidden activation.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "gradient_check.hpp"

using namespace nnsweep::testing;

BOOST_AUTO_TEST_SUITE(gradient)

BOOST_AUTO_TEST_CASE(backward_matches_finite_differences) {
  // Every hidden activation there is: a new one is checked the moment it is registered.
  const auto& activations = nnsweep::builtin_registries().activations;
  for (const std::string& activation : activations.names()) {
    if (activations.describe(activation)->traits.range == nnsweep::OutputRange::simplex) continue;
    for (const auto& hidden : kHiddenSizes) {
      const RunSpec spec = gradient_spec(hidden, activation);
      const nnsweep::ExperimentConfig config = nnsweep::testing::make_config(spec);
      const nnsweep::Dataset data = nnsweep::testing::make_dataset(config);
      nnsweep::Trainer trainer(data, config, nnsweep::builtin_registries());
      set_nonzero_biases(trainer.network());
      BOOST_TEST_CONTEXT(activation << " " << describe(hidden)) {
        BOOST_TEST(gradient_error(trainer, spec.learning_rate) < 1e-6);
        // Again after a few steps: a gradient right only at the initial point
        // (stale buffers, say) would pass the first check.
        for (int i = 0; i < 5; ++i) trainer.iterate();
        BOOST_TEST(gradient_error(trainer, spec.learning_rate) < 1e-6);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(weight_penalties_match_finite_differences) {
  for (const auto& [l1, l2] : {std::pair{0.05, 0.0}, {0.0, 0.3}, {0.02, 0.1}}) {
    for (const auto& hidden : kHiddenSizes) {
      const RunSpec spec = gradient_spec(hidden, "tanh");
      nnsweep::ExperimentConfig config = nnsweep::testing::make_config(spec);
      config.regularization = {l1, l2};
      const nnsweep::Dataset data = nnsweep::testing::make_dataset(config);
      nnsweep::Trainer trainer(data, config, nnsweep::builtin_registries());
      set_nonzero_biases(trainer.network());
      BOOST_TEST_CONTEXT("l1 " << l1 << ", l2 " << l2 << ", " << describe(hidden)) {
        BOOST_TEST(gradient_error(trainer, spec.learning_rate) < 1e-6);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(one_activation_per_layer_matches_finite_differences) {
  RunSpec spec = gradient_spec({3, 4, 2}, "tanh");
  nnsweep::ExperimentConfig config = nnsweep::testing::make_config(spec);
  const auto& activations = nnsweep::builtin_registries().activations;
  for (const char* name : {"relu", "tanh", "sigmoid"}) {
    config.model.layer_activations.push_back(nnsweep::testing::plugin_choice(activations, name));
  }
  config.model.activation = config.model.layer_activations.front();
  const nnsweep::Dataset data = nnsweep::testing::make_dataset(config);
  nnsweep::Trainer trainer(data, config, nnsweep::builtin_registries());
  set_nonzero_biases(trainer.network());
  BOOST_TEST(gradient_error(trainer, spec.learning_rate) < 1e-6);
  // The layers really differ: all-relu gives another cost from the same weights.
  nnsweep::ExperimentConfig all_relu = config;
  all_relu.model.layer_activations.clear();
  nnsweep::Trainer other(data, all_relu, nnsweep::builtin_registries());
  other.network().parameters() = trainer.network().parameters();
  BOOST_TEST(other.evaluate() != trainer.evaluate());
}

BOOST_AUTO_TEST_CASE(biases_are_not_penalised) {
  const RunSpec spec = gradient_spec({3, 2}, "tanh");
  nnsweep::ExperimentConfig plain = nnsweep::testing::make_config(spec);
  nnsweep::ExperimentConfig penalised = plain;
  penalised.regularization = {0.0, 0.5};
  const nnsweep::Dataset data = nnsweep::testing::make_dataset(plain);
  nnsweep::Trainer a(data, plain, nnsweep::builtin_registries());
  nnsweep::Trainer b(data, penalised, nnsweep::builtin_registries());
  const double cost_a = a.evaluate(), cost_b = b.evaluate();
  double squares = 0.0;
  for (std::size_t l = 0; l < a.network().layer_count(); ++l) {
    squares += a.network().weight(l).squaredNorm();
  }
  BOOST_TEST(cost_b - cost_a == 0.25 * squares, boost::test_tools::tolerance(1e-12));
  const Eigen::VectorXd weights_before = a.network().parameters();
  a.learn();
  b.learn();
  a.network().parameters() = weights_before;  // the weights the gradients were taken at
  for (std::size_t l = 0; l < a.network().layer_count(); ++l) {
    BOOST_TEST((a.network().bias_gradient(l).array() == b.network().bias_gradient(l).array()).all(),
               "layer " << l << " bias gradient changed");
    BOOST_TEST((b.network().weight_gradient(l) - a.network().weight_gradient(l))
                   .isApprox(0.5 * a.network().weight(l), 1e-12));
  }
}

BOOST_AUTO_TEST_CASE(unfused_output_gradient_matches_finite_differences) {
  // With an output activation other than the loss's fused_output(), the trainer
  // goes through loss.gradient() and output.backward() instead of dZ = A - Y.
  // "logistic" is the built-in sigmoid under another name, so only the path changes.
  nnsweep::Registries registries;
  nnsweep::register_builtin_plugins(registries);
  registries.activations.add(
      {"logistic", "sigmoid under another name", {}}, [](const nnsweep::Params&) {
        return nnsweep::builtin_registries().activations.create("sigmoid", {});
      });
  for (const auto& hidden : kHiddenSizes) {
    RunSpec spec = gradient_spec(hidden, "tanh");
    spec.output = "logistic";
    const nnsweep::ExperimentConfig config = nnsweep::testing::make_config(spec, registries);
    const nnsweep::Dataset data = nnsweep::testing::make_dataset(config, registries);
    nnsweep::Trainer trainer(data, config, registries);
    set_nonzero_biases(trainer.network());
    BOOST_TEST_CONTEXT(describe(hidden)) {
      BOOST_TEST(gradient_error(trainer, spec.learning_rate) < 1e-6);
    }
  }
}

BOOST_AUTO_TEST_CASE(fused_and_unfused_paths_agree) {
  // Same network, same data: the shortcut dZ = A - Y must give the gradient of
  // the long way round up to rounding.
  nnsweep::Registries registries;
  nnsweep::register_builtin_plugins(registries);
  registries.activations.add(
      {"logistic", "sigmoid under another name", {}}, [](const nnsweep::Params&) {
        return nnsweep::builtin_registries().activations.create("sigmoid", {});
      });
  RunSpec spec = gradient_spec({5, 4}, "tanh");
  const nnsweep::ExperimentConfig fused_config = nnsweep::testing::make_config(spec, registries);
  spec.output = "logistic";
  const nnsweep::ExperimentConfig unfused_config = nnsweep::testing::make_config(spec, registries);
  const nnsweep::Dataset data = nnsweep::testing::make_dataset(fused_config, registries);
  nnsweep::Trainer fused(data, fused_config, registries);
  nnsweep::Trainer unfused(data, unfused_config, registries);
  // The fused path's cost comes from the logits (softplus), the unfused one's
  // from log(a): equal up to rounding.
  BOOST_TEST(fused.iterate() == unfused.iterate(), boost::test_tools::tolerance(1e-13));
  const Eigen::VectorXd difference = fused.network().gradient() - unfused.network().gradient();
  BOOST_TEST(difference.norm() <= 1e-12 * fused.network().gradient().norm());
}

BOOST_AUTO_TEST_SUITE_END()
