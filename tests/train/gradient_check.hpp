#pragma once
// Central finite differences of a trainer's own forward pass (evaluate())
// against its backward pass, shared by the gradient suites (header-only).
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "run_config.hpp"
#include "train/trainer.hpp"

namespace nnsweep::testing {

// Relative error of the analytic gradient: ||g - numeric|| / max(||g||, ||numeric||).
// Norm-wise, because individual entries can be ~0 where a relative error is noise.
inline double gradient_error(nnsweep::Trainer& trainer, double learning_rate) {
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

inline RunSpec gradient_spec(const std::vector<std::int64_t>& hidden,
                             const std::string& activation) {
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
inline void set_nonzero_biases(nnsweep::Network& network) {
  int k = 0;
  for (std::size_t l = 0; l < network.layer_count(); ++l) {
    for (Eigen::Index i = 0; i < network.bias(l).rows(); ++i, ++k) {
      network.bias(l)(i, 0) = (k % 2 ? -1.0 : 1.0) * (0.1 + 0.2 * std::abs(std::sin(1.3 * k)));
    }
  }
}

// {} is logistic regression: the output layer only, no hidden backward step.
inline const std::vector<std::vector<std::int64_t>> kHiddenSizes = {
    {}, {1}, {3}, {5, 4}, {2, 3, 2}};

inline std::string describe(const std::vector<std::int64_t>& hidden) {
  std::string text = "hidden [";
  for (std::size_t i = 0; i < hidden.size(); ++i)
    text += (i ? ", " : "") + std::to_string(hidden[i]);
  return text + "]";
}

}  // namespace nnsweep::testing
