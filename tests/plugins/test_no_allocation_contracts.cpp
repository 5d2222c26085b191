// The plugin contracts promise no heap allocation in the methods the trainer
// calls on every iteration (registry/activation.hpp, loss.hpp, optimizer.hpp),
// in double and in float, as every built-in computes its float methods
// itself. Checked on every registered plugin without naming one, with
// allocation_counter.hpp; each method is called once uncounted first, so
// that one-time lazy initialisation is not taken for a per-call cost.
#include <boost/test/unit_test.hpp>

#include <string>
#include <type_traits>

#include "allocation_counter.hpp"
#include "builtin_registries.hpp"
#include "contract_samples.hpp"

using namespace nnsweep::testing;
using nnsweep::builtin_registries;

namespace {

// Allocations in the second of two calls of `call`.
template <class Call>
long allocations_of_repeated(const Call& call) {
  call();
  return allocations_during(call);
}

template <class Matrix>
void check_activation(const std::string& name, const nnsweep::Activation& g, const Matrix& Z,
                      const Matrix& dA) {
  Matrix A(Z.rows(), Z.cols()), dZ(Z.rows(), Z.cols());
  const auto forward = [&] {
    if constexpr (std::is_same_v<typename Matrix::Scalar, float>) {
      g.forward_float(Z, A);
    } else {
      g.forward(Z, A);
    }
  };
  const auto backward = [&] {
    if constexpr (std::is_same_v<typename Matrix::Scalar, float>) {
      g.backward_float(Z, A, dA, dZ);
    } else {
      g.backward(Z, A, dA, dZ);
    }
  };
  BOOST_TEST(allocations_of_repeated(forward) == 0, name << " forward");
  BOOST_TEST(allocations_of_repeated(backward) == 0, name << " backward");
}

template <class Matrix>
void check_loss(const std::string& name, const nnsweep::Loss& loss, bool fused, const Matrix& A,
                const Matrix& Y) {
  constexpr bool in_float = std::is_same_v<typename Matrix::Scalar, float>;
  Matrix dA(A.rows(), A.cols());
  double cost = 0.0;
  const auto costs = [&] {
    if constexpr (in_float) {
      cost += loss.cost_float(A, Y);
    } else {
      cost += loss.cost(A, Y);
    }
  };
  const auto gradient = [&] {
    if constexpr (in_float) {
      loss.gradient_float(A, Y, dA);
    } else {
      loss.gradient(A, Y, dA);
    }
  };
  BOOST_TEST(allocations_of_repeated(costs) == 0, name << " cost");
  BOOST_TEST(allocations_of_repeated(gradient) == 0, name << " gradient");
  if (!fused) return;
  const auto from_logits = [&] {
    if constexpr (in_float) {
      cost += loss.cost_from_logits_float(A, Y);
    } else {
      cost += loss.cost_from_logits(A, Y);
    }
  };
  BOOST_TEST(allocations_of_repeated(from_logits) == 0, name << " cost from logits");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(no_allocation_contracts)

BOOST_AUTO_TEST_CASE(activations_allocate_nothing) {
  auto generator = sample_generator();
  const Eigen::MatrixXd Z = uniform_matrix(5, 40, -4.0, 4.0, generator);
  const Eigen::MatrixXd dA = uniform_matrix(5, 40, -1.0, 1.0, generator);
  const Eigen::MatrixXf Zf = Z.cast<float>(), dAf = dA.cast<float>();
  for (const auto& [name, description, g] : every_plugin(builtin_registries().activations)) {
    check_activation(name, *g, Z, dA);
    check_activation(name + " (float)", *g, Zf, dAf);
  }
}

BOOST_AUTO_TEST_CASE(losses_allocate_nothing) {
  for (const auto& [name, description, loss] : every_plugin(builtin_registries().losses)) {
    const nnsweep::PluginTraits& traits = description->traits;
    auto generator = sample_generator();
    const Eigen::MatrixXd Y = targets_of(traits.targets, 200, generator);
    const Eigen::MatrixXd A = outputs_in(traits.requires_output, Y.rows(), 200, generator);
    const bool fused = !traits.fused_output.empty();
    check_loss(name, *loss, fused, A, Y);
    check_loss(name + " (float)", *loss, fused, Eigen::MatrixXf(A.cast<float>()),
               Eigen::MatrixXf(Y.cast<float>()));
  }
}

BOOST_AUTO_TEST_CASE(optimizer_steps_allocate_nothing) {
  // reset() may allocate the optimizer's state; no step may, the first included.
  const auto& optimizers = builtin_registries().optimizers;
  for (const std::string& name : optimizers.names()) {
    const auto optimizer =
        optimizers.create(name, nnsweep::default_params(optimizers.describe(name)->params));
    Eigen::VectorXd params = Eigen::VectorXd::LinSpaced(50, -1.0, 1.0);
    const Eigen::VectorXd gradient = Eigen::VectorXd::LinSpaced(50, 0.5, -0.3);
    optimizer->reset(nnsweep::ParameterLayout{params.size(), {{0, 40}}});
    const long count = allocations_during([&] {
      for (int step = 0; step < 5; ++step) optimizer->step(params, gradient, 0.01 / (1.0 + step));
    });
    BOOST_TEST(count == 0, name << ": " << count << " allocations in 5 steps");
    BOOST_TEST(params.allFinite());
  }
}

BOOST_AUTO_TEST_SUITE_END()
