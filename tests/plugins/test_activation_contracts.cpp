// The contract of registry/activation.hpp, checked on every registered
// activation without naming one, so that a new activation is checked the
// moment it is registered: backward() against finite differences of
// forward(), dZ aliasing dA, blocks inside larger matrices, and what its
// traits declare. What an activation needs beyond that is read from its
// traits, never from its name.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>

#include "builtin_registries.hpp"
#include "contract_samples.hpp"

using namespace nnsweep::testing;
using nnsweep::Activation;
using nnsweep::builtin_registries;

namespace {

// 4 units x 9 examples: columns for an activation that works per example.
constexpr Eigen::Index kUnits = 4, kExamples = 9;

Eigen::MatrixXd forward(const Activation& g, const Eigen::MatrixXd& Z) {
  Eigen::MatrixXd A(Z.rows(), Z.cols());
  g.forward(Z, A);
  return A;
}

Eigen::MatrixXd backward(const Activation& g, const Eigen::MatrixXd& Z, const Eigen::MatrixXd& dA) {
  Eigen::MatrixXd dZ(Z.rows(), Z.cols());
  g.backward(Z, forward(g, Z), dA, dZ);
  return dZ;
}

// backward(Z, A, dA) is the gradient of s(Z) = sum(dA * forward(Z)) with
// respect to Z, whether the activation is element-wise or mixes a column's
// units (softmax), so one finite difference of s checks both. At a kink
// (relu at 0) the one-sided slopes differ and no derivative is defined:
// such entries are skipped, and there must be few of them.
void check_backward_against_finite_differences(const std::string& name, const Activation& g) {
  auto generator = sample_generator();
  const Eigen::MatrixXd Z = uniform_matrix(kUnits, kExamples, -5.0, 5.0, generator);
  const Eigen::MatrixXd dA = uniform_matrix(kUnits, kExamples, -1.0, 1.0, generator);
  const Eigen::MatrixXd A = forward(g, Z), dZ = backward(g, Z, dA);
  const double h = 1e-6;
  int at_kinks = 0;
  for (Eigen::Index i = 0; i < Z.size(); ++i) {
    Eigen::MatrixXd up = Z, down = Z;
    up(i) += h;
    down(i) -= h;
    // Entries that do not change contribute exact zeros to these sums.
    const double right = (dA.array() * (forward(g, up) - A).array()).sum() / h;
    const double left = (dA.array() * (A - forward(g, down)).array()).sum() / h;
    if (std::abs(right - left) > 1e-3 * (std::abs(right) + std::abs(left)) + 1e-6) {
      ++at_kinks;
      continue;
    }
    const double central = (right + left) / 2.0;
    BOOST_TEST_CONTEXT(name << "' at z = " << Z(i)) {
      BOOST_TEST(std::abs(dZ(i) - central) <= 1e-6 * std::abs(central) + 1e-8,
                 "backward " << dZ(i) << ", finite difference " << central);
    }
  }
  BOOST_TEST(at_kinks <= Z.size() / 10, name << ": " << at_kinks << " entries at kinks");
}

// The contract lets dZ be dA's own memory: the result must not change.
template <class Matrix, class Backward>
void check_in_place(const std::string& name, const Matrix& Z, const Matrix& dA,
                    const Backward& backward_into) {
  Matrix separate(Z.rows(), Z.cols());
  backward_into(Z, dA, separate);
  Matrix in_place = dA;
  backward_into(Z, in_place, in_place);
  BOOST_TEST(identical(in_place, separate), name << ": dZ aliasing dA changed the result");
}

// forward and backward on blocks inside larger matrices, inputs and outputs
// alike, give the results of contiguous matrices and write only their block.
template <class Matrix, class Forward, class Backward>
void check_strided(const std::string& name, const Matrix& Z, const Matrix& dA,
                   const Forward& forward_into, const Backward& backward_into) {
  Matrix A(Z.rows(), Z.cols()), dZ(Z.rows(), Z.cols());
  forward_into(Z, A);
  backward_into(Z, A, dA, dZ);

  auto Z_block = padded_input(Z), A_block = padded_output(A);
  forward_into(Z_block.view(), A_block.view());
  BOOST_TEST(identical(Matrix(A_block.view()), A), name << ": forward on a block");
  BOOST_TEST(A_block.untouched_outside(), name << ": forward wrote outside its block");

  auto A_in = padded_input(A), dA_in = padded_input(dA), dZ_block = padded_output(dZ);
  backward_into(Z_block.view(), A_in.view(), dA_in.view(), dZ_block.view());
  BOOST_TEST(identical(Matrix(dZ_block.view()), dZ), name << ": backward on blocks");
  BOOST_TEST(dZ_block.untouched_outside(), name << ": backward wrote outside its block");
}

void check_blocks_and_aliasing(const std::string& name, const Activation& g) {
  auto generator = sample_generator(7);
  const Eigen::MatrixXd Z = uniform_matrix(kUnits, kExamples, -5.0, 5.0, generator);
  const Eigen::MatrixXd dA = uniform_matrix(kUnits, kExamples, -1.0, 1.0, generator);
  check_strided(
      name, Z, dA, [&](auto&& z, auto&& a) { g.forward(z, a); },
      [&](auto&& z, auto&& a, auto&& da, auto&& dz) { g.backward(z, a, da, dz); });
  check_in_place(name, Z, dA, [&](const auto& z, const auto& da, auto& dz) {
    g.backward(z, forward(g, z), da, dz);
  });

  const Eigen::MatrixXf Zf = Z.cast<float>(), dAf = dA.cast<float>();
  const auto forward_float = [&](auto&& z, auto&& a) { g.forward_float(z, a); };
  const auto backward_float = [&](auto&& z, auto&& a, auto&& da, auto&& dz) {
    g.backward_float(z, a, da, dz);
  };
  check_strided(name + " (float)", Zf, dAf, forward_float, backward_float);
  check_in_place(name + " (float)", Zf, dAf, [&](const auto& z, const auto& da, auto& dz) {
    Eigen::MatrixXf a(z.rows(), z.cols());
    g.forward_float(z, a);
    g.backward_float(z, a, da, dz);
  });
}

// An element-wise activation receives a layer as one column of units x
// examples values (PluginTraits::elementwise): it must give the same values
// in that shape.
void check_elementwise(const std::string& name, const Activation& g) {
  auto generator = sample_generator(11);
  const Eigen::MatrixXd Z = uniform_matrix(kUnits, kExamples, -5.0, 5.0, generator);
  const Eigen::MatrixXd dA = uniform_matrix(kUnits, kExamples, -1.0, 1.0, generator);
  const Eigen::MatrixXd column = Z.reshaped(Z.size(), 1), dA_column = dA.reshaped(Z.size(), 1);
  BOOST_TEST(
      identical(Eigen::MatrixXd(forward(g, column).reshaped(kUnits, kExamples)), forward(g, Z)),
      name << ": forward depends on the block's shape");
  BOOST_TEST(identical(Eigen::MatrixXd(backward(g, column, dA_column).reshaped(kUnits, kExamples)),
                       backward(g, Z, dA)),
             name << ": backward depends on the block's shape");
}

// Its values lie in the declared range (PluginTraits::range), also far out.
void check_range(const std::string& name, const Activation& g, nnsweep::OutputRange range) {
  auto generator = sample_generator(13);
  const Eigen::MatrixXd A = forward(g, uniform_matrix(kUnits, kExamples, -40.0, 40.0, generator));
  BOOST_TEST_CONTEXT(name) {
    BOOST_TEST(A.allFinite());
    if (range != nnsweep::OutputRange::any) {
      BOOST_TEST((A.array() >= 0.0 && A.array() <= 1.0).all(), "values outside [0, 1]");
    }
    if (range == nnsweep::OutputRange::simplex) {
      for (Eigen::Index c = 0; c < A.cols(); ++c) {
        BOOST_TEST(std::abs(A.col(c).sum() - 1.0) <= 1e-12, "column " << c << " sum");
      }
    }
  }
}

// The trainer relies on a declared derivative form (PluginTraits::derivative)
// when it forms dZ inside the product that makes dA and skips backward(), so
// backward() must compute exactly that expression.
void check_declared_derivative(const std::string& name, const Activation& g,
                               nnsweep::DerivativeFromOutput form) {
  auto generator = sample_generator(17);
  const Eigen::MatrixXd Z = uniform_matrix(kUnits, kExamples, -6.0, 6.0, generator);
  const Eigen::MatrixXd dA = uniform_matrix(kUnits, kExamples, -1.0, 1.0, generator);
  const Eigen::MatrixXd A = forward(g, Z), dZ = backward(g, Z, dA);
  for (Eigen::Index i = 0; i < Z.size(); ++i) {
    // volatile: the factor rounded on its own, as the kernels compute it.
    volatile double a = A(i);
    volatile double factor =
        form == nnsweep::DerivativeFromOutput::one_minus_square ? 1.0 - a * a : a * (1.0 - a);
    BOOST_TEST_CONTEXT(name << " at " << Z(i)) {
      BOOST_TEST(dZ(i) == dA(i) * factor);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(activation_contracts)

BOOST_AUTO_TEST_CASE(backward_matches_finite_differences_of_forward) {
  for (const auto& [name, description, g] : every_plugin(builtin_registries().activations)) {
    check_backward_against_finite_differences(name, *g);
  }
}

BOOST_AUTO_TEST_CASE(blocks_of_larger_matrices_and_in_place_backward_give_the_same_results) {
  for (const auto& [name, description, g] : every_plugin(builtin_registries().activations)) {
    check_blocks_and_aliasing(name, *g);
  }
}

BOOST_AUTO_TEST_CASE(elementwise_activations_ignore_the_block_shape) {
  for (const auto& [name, description, g] : every_plugin(builtin_registries().activations)) {
    if (description->traits.elementwise) check_elementwise(name, *g);
  }
}

BOOST_AUTO_TEST_CASE(values_lie_in_the_declared_range) {
  for (const auto& [name, description, g] : every_plugin(builtin_registries().activations)) {
    check_range(name, *g, description->traits.range);
  }
}

BOOST_AUTO_TEST_CASE(declared_derivative_forms_are_what_backward_computes) {
  for (const auto& [name, description, g] : every_plugin(builtin_registries().activations)) {
    const nnsweep::DerivativeFromOutput form = description->traits.derivative;
    if (form != nnsweep::DerivativeFromOutput::none) check_declared_derivative(name, *g, form);
  }
}

BOOST_AUTO_TEST_SUITE_END()
