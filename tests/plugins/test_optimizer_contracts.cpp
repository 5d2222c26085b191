// The contract of registry/optimizer.hpp, checked on every registered
// optimizer without naming one: steps on parts of larger vectors, and steps
// that go downhill. (No allocation in step(): test_no_allocation_contracts.cpp.)
#include <boost/test/unit_test.hpp>

#include <string>

#include "builtin_registries.hpp"
#include "contract_samples.hpp"

using namespace nnsweep::testing;
using nnsweep::builtin_registries;
using nnsweep::Optimizer;
using nnsweep::ParameterLayout;

namespace {

constexpr Eigen::Index kParameters = 7;
constexpr int kSteps = 4;

std::unique_ptr<Optimizer> make(const std::string& name, double learning_rate = 0.0) {
  const auto& optimizers = builtin_registries().optimizers;
  nnsweep::Params params = nnsweep::default_params(optimizers.describe(name)->params);
  if (learning_rate > 0.0) params.set("learning_rate", learning_rate);
  return optimizers.create(name, params);
}

Eigen::VectorXd random_vector(std::mt19937_64& generator) {
  return uniform_matrix(kParameters, 1, -2.0, 2.0, generator).col(0);
}

// The trainer hands over its whole parameter vector, but the interface
// takes any contiguous part of a larger one: the same steps, and nothing
// outside the part changed.
void check_segments(const std::string& name) {
  auto generator = sample_generator(5);
  const Eigen::VectorXd start = random_vector(generator);
  std::vector<Eigen::VectorXd> gradients;
  for (int s = 0; s < kSteps; ++s) gradients.push_back(random_vector(generator));

  // Weights first, then biases, as a network's layout has them.
  const ParameterLayout layout{kParameters, {{0, kParameters - 4}}};
  const double rate = 0.01;
  const auto whole = make(name);
  Eigen::VectorXd params = start;
  whole->reset(layout);
  for (const Eigen::VectorXd& g : gradients) whole->step(params, g, rate);

  const auto part = make(name);
  Eigen::VectorXd larger = Eigen::VectorXd::Constant(kParameters + 5, 42.0);
  larger.segment(2, kParameters) = start;
  Eigen::VectorXd larger_gradient = Eigen::VectorXd::Constant(kParameters + 3, 1e300);
  part->reset(layout);
  for (const Eigen::VectorXd& g : gradients) {
    larger_gradient.segment(3, kParameters) = g;
    part->step(larger.segment(2, kParameters), larger_gradient.segment(3, kParameters), rate);
  }
  BOOST_TEST_CONTEXT(name) {
    BOOST_TEST(params.allFinite());
    BOOST_TEST(identical(Eigen::VectorXd(larger.segment(2, kParameters)), params));
    BOOST_TEST((larger.head(2).array() == 42.0).all());
    BOOST_TEST((larger.tail(3).array() == 42.0).all());
  }
}

// On the bowl f(p) = |p|^2 / 2, whose gradient is p, small steps from any
// optimizer's defaults lower f at every step.
void check_descent(const std::string& name) {
  auto generator = sample_generator(9);
  Eigen::VectorXd params = random_vector(generator);
  const auto optimizer = make(name, 1e-3);
  optimizer->reset(ParameterLayout{kParameters, {{0, kParameters}}});
  for (int s = 0; s < kSteps; ++s) {
    const double before = params.squaredNorm();
    const Eigen::VectorXd gradient = params;
    optimizer->step(params, gradient, 1e-3);
    BOOST_TEST(params.squaredNorm() < before, name << ": step " << s << " went uphill");
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(optimizer_contracts)

BOOST_AUTO_TEST_CASE(parts_of_larger_vectors_take_the_same_steps) {
  for (const std::string& name : builtin_registries().optimizers.names()) check_segments(name);
}

BOOST_AUTO_TEST_CASE(small_steps_go_downhill) {
  for (const std::string& name : builtin_registries().optimizers.names()) check_descent(name);
}

BOOST_AUTO_TEST_SUITE_END()
