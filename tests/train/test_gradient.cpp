// Trainer's backward pass against central finite differences of its own forward
// pass (evaluate()), for several depths and every hidden activation.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "run_config.hpp"
#include "train/trainer.hpp"

using nnsweep::testing::RunSpec;

namespace {

// Relative error of the analytic gradient: ||g - numeric|| / max(||g||, ||numeric||).
// Norm-wise, because individual entries can be ~0 where a relative error is noise.
double gradient_error(nnsweep::Trainer& trainer, double learning_rate) {
  nnsweep::Network& network = trainer.network();
  const Eigen::VectorXd before = network.parameters();
  const double cost = trainer.iterate();
  const Eigen::VectorXd gradient = network.gradient();
  const Eigen::VectorXd after = network.parameters();

  // iterate() = one gd step from the pre-step parameters with the gradient it
  // computed, bit for bit: p - lr * g.
  for (Eigen::Index i = 0; i < before.size(); ++i) {
    BOOST_TEST(after(i) == before(i) - learning_rate * gradient(i), "parameter " << i);
  }

  // Central differences at the pre-step parameters. Assigning a vector of the same
  // size keeps the storage, so the layer maps stay valid.
  network.parameters() = before;
  BOOST_TEST(trainer.evaluate() == cost);  // iterate() returned the pre-step cost
  const double h = 1e-5;
  Eigen::VectorXd numeric(before.size());
  for (Eigen::Index i = 0; i < before.size(); ++i) {
    network.parameters()(i) = before(i) + h;
    const double plus = trainer.evaluate();
    network.parameters()(i) = before(i) - h;
    const double minus = trainer.evaluate();
    network.parameters()(i) = before(i);
    numeric(i) = (plus - minus) / (2.0 * h);
  }
  const double scale = std::max(gradient.norm(), numeric.norm());
  BOOST_TEST_REQUIRE(scale > 1e-8);  // a zero gradient would make the check vacuous
  return (gradient - numeric).norm() / scale;
}

RunSpec gradient_spec(const std::vector<std::int64_t>& hidden, const std::string& activation) {
  RunSpec spec;
  spec.hidden = hidden;
  spec.activation = activation;
  spec.learning_rate = 1e-3;
  spec.n_samples = 60;
  spec.noise = 0.3;
  spec.data_seed = 5;
  // Unit-scale weights: with the post's 0.01 every unit sits in its linear regime
  // and a wrong activation derivative would go unnoticed.
  spec.init_scale = 1.0;
  spec.init_seed = 11;
  return spec;
}

// The normal initializer leaves biases at 0. With relu, an example whose inputs to
// a layer are all 0 (every unit of the previous layer off) then has Z = b = 0
// exactly, on the kink, where a finite difference measures half the one-sided
// slope. Biases of magnitude 0.1..0.3 with both signs keep every Z clear of it.
void set_nonzero_biases(nnsweep::Network& network) {
  int k = 0;
  for (std::size_t l = 0; l < network.layer_count(); ++l) {
    for (Eigen::Index i = 0; i < network.bias(l).rows(); ++i, ++k) {
      network.bias(l)(i, 0) = (k % 2 ? -1.0 : 1.0) * (0.1 + 0.2 * std::abs(std::sin(1.3 * k)));
    }
  }
}

// {} is logistic regression: the output layer only, no hidden backward step.
const std::vector<std::vector<std::int64_t>> kHiddenSizes = {{}, {1}, {3}, {5, 4}, {2, 3, 2}};

std::string describe(const std::vector<std::int64_t>& hidden) {
  std::string text = "hidden [";
  for (std::size_t i = 0; i < hidden.size(); ++i)
    text += (i ? ", " : "") + std::to_string(hidden[i]);
  return text + "]";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(gradient)

BOOST_AUTO_TEST_CASE(backward_matches_finite_differences) {
  for (const std::string activation : {"tanh", "sigmoid", "relu"}) {
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
