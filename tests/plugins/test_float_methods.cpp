// The float methods of every registered activation and loss
// (registry/activation.hpp, registry/loss.hpp), for train.dtype float32:
// each agrees with the plugin's double method to float accuracy, keeps the
// contract's aliasing and block rules, and the defaults (for plugins that do
// not override them) convert through double.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <memory>
#include <string>

#include "builtin_registries.hpp"

namespace {

const nnsweep::Registries& registries() {
  return nnsweep::builtin_registries();
}

// A 3 x 7 block of values over [-6, 6], none of them 0 (relu's kink).
Eigen::MatrixXd sample_z() {
  Eigen::MatrixXd Z(3, 7);
  for (Eigen::Index i = 0; i < Z.size(); ++i) {
    Z(i) = -6.0 + 12.0 * static_cast<double>(i) / 20.0 + 0.0371;
  }
  return Z;
}

Eigen::MatrixXd sample_upstream(Eigen::Index rows, Eigen::Index cols) {
  Eigen::MatrixXd dA(rows, cols);
  for (Eigen::Index i = 0; i < dA.size(); ++i) dA(i) = std::sin(1.7 * static_cast<double>(i) + 0.3);
  return dA;
}

// |float - double| within a few float roundings of the double's magnitude.
bool close(const Eigen::MatrixXf& single, const Eigen::MatrixXd& twice) {
  const Eigen::ArrayXXd error = (single.cast<double>() - twice).array().abs();
  return (error <= 1e-5 * twice.array().abs() + 1e-6).all();
}

// Float inputs are the double samples rounded: compare with the double method
// on those same rounded values, so only the computation's rounding differs.
Eigen::MatrixXd rounded(const Eigen::MatrixXd& values) {
  return values.cast<float>().cast<double>();
}

void check_activation(const std::string& name, const nnsweep::Activation& g) {
  const Eigen::MatrixXd Z = rounded(sample_z());
  Eigen::MatrixXd A(Z.rows(), Z.cols()), dZ(Z.rows(), Z.cols());
  g.forward(Z, A);
  const Eigen::MatrixXd dA = rounded(sample_upstream(Z.rows(), Z.cols()));
  g.backward(Z, A, dA, dZ);

  const Eigen::MatrixXf Zf = Z.cast<float>(), dAf = dA.cast<float>();
  Eigen::MatrixXf Af(Z.rows(), Z.cols()), dZf(Z.rows(), Z.cols());
  g.forward_float(Zf, Af);
  g.backward_float(Zf, Af, dAf, dZf);
  BOOST_TEST_CONTEXT("activation " << name) {
    BOOST_TEST(close(Af, A));
    BOOST_TEST(close(dZf, dZ));
    // dZ may alias dA.
    Eigen::MatrixXf in_place = dAf;
    g.backward_float(Zf, Af, in_place, in_place);
    BOOST_TEST((in_place.array() == dZf.array()).all());
    // A block of a larger matrix: only its own entries are written.
    Eigen::MatrixXf big = Eigen::MatrixXf::Constant(5, 9, 42.0f);
    g.forward_float(Zf, big.block(1, 1, 3, 7));
    BOOST_TEST((big.block(1, 1, 3, 7).array() == Af.array()).all());
    BOOST_TEST((big.row(0).isConstant(42.0f) && big.row(4).isConstant(42.0f) &&
                big.col(0).isConstant(42.0f) && big.col(8).isConstant(42.0f)));
    // The plugin's float methods agree with the defaults through double.
    Eigen::MatrixXf by_default(Z.rows(), Z.cols());
    g.nnsweep::Activation::forward_float(Zf, by_default);
    BOOST_TEST(close(by_default, A));
  }
}

// Outputs and targets of the kind the loss declares (PluginTraits::targets),
// 2 x 9 (one row for two classes).
void loss_sample(nnsweep::LossTargets targets, Eigen::MatrixXd& Z, Eigen::MatrixXd& A,
                 Eigen::MatrixXd& Y) {
  const Eigen::Index rows = targets == nnsweep::LossTargets::two_classes ? 1 : 2, m = 9;
  Z.resize(rows, m);
  Y.setZero(rows, m);
  for (Eigen::Index i = 0; i < Z.size(); ++i) Z(i) = 3.0 * std::sin(0.9 * double(i) + 0.2);
  Z = rounded(Z);
  for (Eigen::Index j = 0; j < m; ++j) Y((j * 7 + 3) % rows, j) = 1.0;
  if (targets == nnsweep::LossTargets::two_classes) {
    for (Eigen::Index j = 0; j < m; ++j) Y(0, j) = (j * 7 + 3) % 5 < 2 ? 1.0 : 0.0;
  }
  // Outputs in (0, 1), each column summing to 1 for one-hot targets.
  A = (1.0 / (1.0 + (-Z.array()).exp())).matrix();
  if (targets == nnsweep::LossTargets::one_hot) {
    A = A.array().rowwise() / A.colwise().sum().array();
  }
  A = rounded(A);
}

void check_loss(const std::string& name, const nnsweep::Loss& loss,
                const nnsweep::PluginDescription& description) {
  Eigen::MatrixXd Z, A, Y;
  loss_sample(description.traits.targets, Z, A, Y);
  const Eigen::MatrixXf Zf = Z.cast<float>(), Af = A.cast<float>(), Yf = Y.cast<float>();
  BOOST_TEST_CONTEXT("loss " << name) {
    const double cost = loss.cost(A, Y);
    BOOST_TEST(std::abs(loss.cost_float(Af, Yf) - cost) <= 1e-6 * std::abs(cost));
    BOOST_TEST(std::abs(loss.Loss::cost_float(Af, Yf) - cost) <= 1e-6 * std::abs(cost));
    Eigen::MatrixXd dA(A.rows(), A.cols());
    loss.gradient(A, Y, dA);
    Eigen::MatrixXf dAf(A.rows(), A.cols());
    loss.gradient_float(Af, Yf, dAf);
    BOOST_TEST(close(dAf, dA));
    if (!description.traits.fused_output.empty()) {
      const double from_logits = loss.cost_from_logits(Z, Y);
      BOOST_TEST(std::abs(loss.cost_from_logits_float(Zf, Yf) - from_logits) <=
                 1e-6 * std::abs(from_logits));
    }
  }
}

// A plugin with no float methods of its own: the defaults serve it.
class Cube final : public nnsweep::Activation {
 public:
  void forward(ConstBlock Z, Block A) const override { A = Z.array().cube().matrix(); }
  void backward(ConstBlock Z, ConstBlock, ConstBlock dA, Block dZ) const override {
    dZ = (3.0 * Z.array().square() * dA.array()).matrix();
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(float_methods)

BOOST_AUTO_TEST_CASE(every_activation_computes_in_float_as_in_double) {
  const auto& activations = registries().activations;
  BOOST_TEST_REQUIRE(!activations.names().empty());
  for (const std::string& name : activations.names()) {
    const auto* description = activations.describe(name);
    check_activation(name, *activations.create(name, nnsweep::default_params(description->params)));
  }
}

BOOST_AUTO_TEST_CASE(every_loss_computes_in_float_as_in_double) {
  const auto& losses = registries().losses;
  BOOST_TEST_REQUIRE(!losses.names().empty());
  for (const std::string& name : losses.names()) {
    const auto* description = losses.describe(name);
    check_loss(name, *losses.create(name, nnsweep::default_params(description->params)),
               *description);
  }
}

BOOST_AUTO_TEST_CASE(the_defaults_convert_through_double) {
  check_activation("cube (a plugin without float methods)", Cube());
}

BOOST_AUTO_TEST_SUITE_END()
