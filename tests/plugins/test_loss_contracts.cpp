// The contract of registry/loss.hpp, checked on every registered loss without
// naming one: gradient() against finite differences of cost(), blocks inside
// larger matrices, and the fused output's shortcut. Each loss gets outputs
// in the range it requires and targets of the kind it declares
// (PluginTraits), never chosen by its name.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>

#include "builtin_registries.hpp"
#include "contract_samples.hpp"

using namespace nnsweep::testing;
using nnsweep::builtin_registries;
using nnsweep::Loss;

namespace {

constexpr Eigen::Index kExamples = 9;

// Outputs and targets that fit the loss.
struct LossSample {
  Eigen::MatrixXd A, Y;
};
LossSample sample_for(const nnsweep::PluginTraits& traits, std::uint64_t seed) {
  auto generator = sample_generator(seed);
  Eigen::MatrixXd Y = targets_of(traits.targets, kExamples, generator);
  Eigen::MatrixXd A = outputs_in(traits.requires_output, Y.rows(), kExamples, generator);
  return {A, Y};
}

Eigen::MatrixXd gradient(const Loss& loss, const Eigen::MatrixXd& A, const Eigen::MatrixXd& Y) {
  Eigen::MatrixXd dA(A.rows(), A.cols());
  loss.gradient(A, Y, dA);
  return dA;
}

// gradient() is m * dCost/dA. Entries at a kink of the cost (where the
// one-sided slopes differ) are skipped, and there must be few of them.
void check_gradient_against_finite_differences(const std::string& name, const Loss& loss,
                                               const nnsweep::PluginTraits& traits) {
  const auto [A, Y] = sample_for(traits, 1);
  const Eigen::MatrixXd dA = gradient(loss, A, Y);
  const double m = static_cast<double>(A.cols()), h = 1e-6, cost = loss.cost(A, Y);
  int at_kinks = 0;
  for (Eigen::Index i = 0; i < A.size(); ++i) {
    Eigen::MatrixXd up = A, down = A;
    up(i) += h;
    down(i) -= h;
    const double right = m * (loss.cost(up, Y) - cost) / h;
    const double left = m * (cost - loss.cost(down, Y)) / h;
    if (std::abs(right - left) > 1e-3 * (std::abs(right) + std::abs(left)) + 1e-6) {
      ++at_kinks;
      continue;
    }
    const double central = (right + left) / 2.0;
    BOOST_TEST_CONTEXT(name << " at a = " << A(i) << ", y = " << Y(i)) {
      BOOST_TEST(std::abs(dA(i) - central) <= 1e-6 * std::abs(central) + 1e-7,
                 "gradient " << dA(i) << ", finite difference " << central);
    }
  }
  BOOST_TEST(at_kinks <= A.size() / 10, name << ": " << at_kinks << " entries at kinks");
}

// Every method on blocks inside larger matrices gives the results of
// contiguous matrices; gradient() writes only its block.
template <class Matrix, class Cost>
void check_strided_cost(const std::string& name, const Matrix& A, const Matrix& Y,
                        const Cost& cost_of) {
  auto A_block = padded_input(A), Y_block = padded_input(Y);
  BOOST_TEST(same_value(cost_of(A_block.view(), Y_block.view()), cost_of(A, Y)),
             name << ": cost of blocks");
}

template <class Matrix, class Gradient>
void check_strided_gradient(const std::string& name, const Matrix& A, const Matrix& Y,
                            const Gradient& gradient_into) {
  Matrix dA(A.rows(), A.cols());
  gradient_into(A, Y, dA);
  auto A_block = padded_input(A), Y_block = padded_input(Y), dA_block = padded_output(dA);
  gradient_into(A_block.view(), Y_block.view(), dA_block.view());
  BOOST_TEST(identical(Matrix(dA_block.view()), dA), name << ": gradient on blocks");
  BOOST_TEST(dA_block.untouched_outside(), name << ": gradient wrote outside its block");
}

void check_blocks(const std::string& name, const Loss& loss, const nnsweep::PluginTraits& traits) {
  const LossSample sample = sample_for(traits, 2);
  const Eigen::MatrixXd &A = sample.A, &Y = sample.Y;
  const Eigen::MatrixXf Af = A.cast<float>(), Yf = Y.cast<float>();
  check_strided_cost(name, A, Y, [&](auto&& a, auto&& y) { return loss.cost(a, y); });
  check_strided_cost(name + " (float)", Af, Yf,
                     [&](auto&& a, auto&& y) { return loss.cost_float(a, y); });
  check_strided_gradient(name, A, Y,
                         [&](auto&& a, auto&& y, auto&& da) { loss.gradient(a, y, da); });
  check_strided_gradient(name + " (float)", Af, Yf,
                         [&](auto&& a, auto&& y, auto&& da) { loss.gradient_float(a, y, da); });
  if (traits.fused_output.empty()) return;
  // The outputs stand in for logits.
  check_strided_cost(name + " from logits", A, Y,
                     [&](auto&& z, auto&& y) { return loss.cost_from_logits(z, y); });
  check_strided_cost(name + " from logits (float)", Af, Yf,
                     [&](auto&& z, auto&& y) { return loss.cost_from_logits_float(z, y); });
}

// With its fused output the trainer takes dZ = A - Y and the cost from the
// logits: both must be what the long way through the output gives.
void check_fused_output(const std::string& name, const Loss& loss,
                        const nnsweep::PluginTraits& traits) {
  const auto& activations = builtin_registries().activations;
  const auto* output_description = activations.describe(traits.fused_output);
  BOOST_TEST_REQUIRE(output_description != nullptr, name << ": no output " << traits.fused_output);
  const auto output =
      activations.create(traits.fused_output, nnsweep::default_params(output_description->params));
  auto generator = sample_generator(3);
  const Eigen::MatrixXd Y = targets_of(traits.targets, kExamples, generator);
  const Eigen::MatrixXd Z = uniform_matrix(Y.rows(), kExamples, -4.0, 4.0, generator);
  Eigen::MatrixXd A(Z.rows(), Z.cols()), dZ(Z.rows(), Z.cols());
  output->forward(Z, A);
  output->backward(Z, A, gradient(loss, A, Y), dZ);
  BOOST_TEST_CONTEXT(name << " with " << traits.fused_output) {
    const double cost = loss.cost(A, Y);
    BOOST_TEST(std::abs(loss.cost_from_logits(Z, Y) - cost) <= 1e-13 * std::abs(cost));
    const Eigen::ArrayXXd shortcut = (A - Y).array();
    BOOST_TEST(
        ((dZ.array() - shortcut).abs() <= 1e-12 * (1.0 + shortcut.abs())).all(), "dZ\n"
                                                                                     << dZ
                                                                                     << "\nA - Y\n"
                                                                                     << shortcut);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(loss_contracts)

BOOST_AUTO_TEST_CASE(gradient_matches_finite_differences_of_cost) {
  for (const auto& [name, description, loss] : every_plugin(builtin_registries().losses)) {
    check_gradient_against_finite_differences(name, *loss, description->traits);
  }
}

BOOST_AUTO_TEST_CASE(blocks_of_larger_matrices_give_the_same_results) {
  for (const auto& [name, description, loss] : every_plugin(builtin_registries().losses)) {
    check_blocks(name, *loss, description->traits);
  }
}

BOOST_AUTO_TEST_CASE(a_fused_output_gives_a_minus_y_and_the_cost_from_logits) {
  for (const auto& [name, description, loss] : every_plugin(builtin_registries().losses)) {
    if (!description->traits.fused_output.empty()) {
      check_fused_output(name, *loss, description->traits);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
