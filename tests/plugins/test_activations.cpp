// Activation plugins' own formulas: forward against <cmath> references, and
// relu's documented derivative at its kink. What every activation must do is
// checked in test_activation_contracts.cpp.
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

BOOST_AUTO_TEST_SUITE_END()
