// Activation plugins: forward against <cmath> reference formulas, backward against
// a central finite difference of forward.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <functional>
#include <memory>
#include <string>

#include "builtin_registries.hpp"

namespace {

std::unique_ptr<nnsweep::Activation> make(const std::string& name) {
  const auto& registry = nnsweep::builtin_registries().activations;
  const auto* description = registry.describe(name);
  BOOST_TEST_REQUIRE(description != nullptr);
  return registry.create(name, nnsweep::default_params(description->params));
}

// A 3 x 7 block of pre-activations spread over [-6, 6], none of them 0 (relu's kink).
Eigen::MatrixXd sample_z() {
  Eigen::MatrixXd Z(3, 7);
  for (Eigen::Index r = 0; r < Z.rows(); ++r) {
    for (Eigen::Index c = 0; c < Z.cols(); ++c) {
      Z(r, c) = -6.0 + 12.0 * static_cast<double>(r * Z.cols() + c) / 20.0 + 0.0371;
    }
  }
  return Z;
}

// Upstream gradients: arbitrary, non-trivial values of both signs.
Eigen::MatrixXd sample_upstream(const Eigen::MatrixXd& Z) {
  Eigen::MatrixXd dA(Z.rows(), Z.cols());
  for (Eigen::Index i = 0; i < dA.size(); ++i) dA(i) = std::sin(1.7 * static_cast<double>(i) + 0.3);
  return dA;
}

Eigen::MatrixXd forward(const nnsweep::Activation& g, const Eigen::MatrixXd& Z) {
  Eigen::MatrixXd A(Z.rows(), Z.cols());
  g.forward(Z, A);
  return A;
}

// A within `ulps` units in the last place of libm's reference: 0 for exact
// functions, a few for those computed by vectorised math (kernels/vector_math.hpp).
void check_forward(const std::string& name, const std::function<double(double)>& reference,
                   int ulps = 0) {
  const auto g = make(name);
  const Eigen::MatrixXd Z = sample_z();
  const Eigen::MatrixXd A = forward(*g, Z);
  for (Eigen::Index i = 0; i < Z.size(); ++i) {
    const double expected = reference(Z(i));
    const double ulp = std::nextafter(std::abs(expected), INFINITY) - std::abs(expected);
    BOOST_TEST_CONTEXT(name << "(" << Z(i) << ")") {
      BOOST_TEST(std::abs(A(i) - expected) <= ulps * ulp, A(i) << " vs libm " << expected);
    }
  }
}

// g's forward and backward passes on the sample blocks.
struct Backward {
  Eigen::MatrixXd Z, A, dA, dZ;
};
Backward backward_on_samples(const nnsweep::Activation& g) {
  Backward pass{sample_z(), {}, {}, {}};
  pass.A = forward(g, pass.Z);
  pass.dA = sample_upstream(pass.Z);
  pass.dZ.resize(pass.Z.rows(), pass.Z.cols());
  g.backward(pass.Z, pass.A, pass.dA, pass.dZ);
  return pass;
}

// dZ must equal dA * g'(Z); g' from a central difference with step h.
void check_backward(const std::string& name) {
  const auto g = make(name);
  const auto [Z, A, dA, dZ] = backward_on_samples(*g);

  const double h = 1e-6;
  const Eigen::MatrixXd plus = forward(*g, (Z.array() + h).matrix());
  const Eigen::MatrixXd minus = forward(*g, (Z.array() - h).matrix());
  for (Eigen::Index i = 0; i < Z.size(); ++i) {
    const double numeric = dA(i) * (plus(i) - minus(i)) / (2.0 * h);
    BOOST_TEST_CONTEXT(name << "' at " << Z(i)) {
      // Absolute floor for the tails of sigmoid/tanh, where g' ~ 1e-5.
      BOOST_TEST(std::abs(dZ(i) - numeric) <= 1e-7 * std::abs(numeric) + 1e-9);
    }
  }

  // The contract allows dZ to alias dA: the result must not change.
  Eigen::MatrixXd in_place = dA;
  g->backward(Z, A, in_place, in_place);
  BOOST_TEST((in_place.array() == dZ.array()).all());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(activations)

BOOST_AUTO_TEST_CASE(tanh_forward_is_std_tanh) {
  // SLEEF's 3.5-ulp tanh (kernels/vector_math.hpp).
  check_forward(
      "tanh", [](double z) { return std::tanh(z); }, 4);
}

BOOST_AUTO_TEST_CASE(sigmoid_forward_is_the_logistic_function) {
  // The seed post's formula with a 1-ulp exp: a few ulp from libm's.
  check_forward(
      "sigmoid", [](double z) { return 1.0 / (1.0 + std::exp(-z)); }, 3);
}

BOOST_AUTO_TEST_CASE(relu_forward_is_max_zero) {
  check_forward("relu", [](double z) { return z > 0.0 ? z : 0.0; });
}

BOOST_AUTO_TEST_CASE(tanh_backward_matches_finite_difference) {
  check_backward("tanh");
}
BOOST_AUTO_TEST_CASE(sigmoid_backward_matches_finite_difference) {
  check_backward("sigmoid");
}
BOOST_AUTO_TEST_CASE(relu_backward_matches_finite_difference) {
  check_backward("relu");
}

BOOST_AUTO_TEST_CASE(relu_derivative_at_zero_is_zero) {
  // Documented choice (numpy's `dA * (Z > 0)`): the kink counts as the flat side.
  const auto g = make("relu");
  Eigen::MatrixXd Z(1, 3);
  Z << 0.0, -0.0, 1e-300;
  const Eigen::MatrixXd A = forward(*g, Z);
  Eigen::MatrixXd dA = Eigen::MatrixXd::Constant(1, 3, 2.5);
  Eigen::MatrixXd dZ(1, 3);
  g->backward(Z, A, dA, dZ);
  BOOST_TEST(dZ(0) == 0.0);
  BOOST_TEST(dZ(1) == 0.0);
  BOOST_TEST(dZ(2) == 2.5);
}

BOOST_AUTO_TEST_CASE(activations_work_on_blocks_of_larger_matrices) {
  // The trainer passes whole matrices, but Ref<> also admits blocks with an outer
  // stride; forward must write only inside the block.
  for (const std::string name : {"tanh", "sigmoid", "relu"}) {
    const auto g = make(name);
    const Eigen::MatrixXd Z = sample_z();
    Eigen::MatrixXd big = Eigen::MatrixXd::Constant(5, 9, 42.0);
    g->forward(Z, big.block(1, 1, 3, 7));
    const Eigen::MatrixXd expected = forward(*g, Z);
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST((big.block(1, 1, 3, 7).array() == expected.array()).all());
      BOOST_TEST(big.row(0).isConstant(42.0));
      BOOST_TEST(big.row(4).isConstant(42.0));
      BOOST_TEST(big.col(0).isConstant(42.0));
      BOOST_TEST(big.col(8).isConstant(42.0));
    }
  }
}

// Every activation that declares its backward's form (PluginTraits::derivative)
// computes exactly that expression: the trainer relies on it when it fuses the
// derivative into the product that forms dA and skips backward().
BOOST_AUTO_TEST_CASE(declared_derivative_forms_are_what_backward_computes) {
  const auto& registry = nnsweep::builtin_registries().activations;
  int declared = 0;
  for (const std::string& name : registry.names()) {
    const nnsweep::DerivativeFromOutput form = registry.describe(name)->traits.derivative;
    if (form == nnsweep::DerivativeFromOutput::none) continue;
    ++declared;
    const auto [Z, A, dA, dZ] = backward_on_samples(*make(name));
    for (Eigen::Index i = 0; i < Z.size(); ++i) {
      volatile double a = A(i), factor = form == nnsweep::DerivativeFromOutput::one_minus_square
                                             ? 1.0 - a * a
                                             : a * (1.0 - a);
      BOOST_TEST_CONTEXT(name << " at " << Z(i)) {
        BOOST_TEST(dZ(i) == dA(i) * factor);
      }
    }
  }
  BOOST_TEST(declared >= 2);  // tanh and sigmoid at least
}

BOOST_AUTO_TEST_SUITE_END()
