// Optimizer plugins: one and two steps on a small vector against the update rules
// written out by hand (each plugin's header comment states its rule).
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <map>
#include <memory>
#include <string>

#include "builtin_registries.hpp"

namespace tt = boost::test_tools;

namespace {

std::unique_ptr<nnsweep::Optimizer> make(const std::string& name,
                                         const std::map<std::string, double>& reals) {
  const auto& registry = nnsweep::builtin_registries().optimizers;
  const auto* description = registry.describe(name);
  BOOST_TEST_REQUIRE(description != nullptr);
  nnsweep::Params params = nnsweep::default_params(description->params);
  for (const auto& [key, value] : reals) {
    BOOST_TEST_REQUIRE(params.contains(key));  // a typo must not silently use a default
    params.set(key, value);
  }
  return registry.create(name, params);
}

Eigen::VectorXd start() {
  Eigen::VectorXd p(5);
  p << 0.5, -1.25, 3.0, 0.0, -0.001;
  return p;
}
Eigen::VectorXd grad1() {
  Eigen::VectorXd g(5);
  g << 0.1, -0.2, 3.5, -1e-3, 0.0;
  return g;
}
Eigen::VectorXd grad2() {
  Eigen::VectorXd g(5);
  g << -0.3, -0.05, 1.0, 2.0, 0.25;
  return g;
}

void check_close(const Eigen::VectorXd& got, const Eigen::VectorXd& expected, double tolerance) {
  BOOST_TEST_REQUIRE(got.size() == expected.size());
  for (Eigen::Index i = 0; i < got.size(); ++i) {
    BOOST_TEST_CONTEXT("entry " << i) {
      BOOST_TEST(std::abs(got(i) - expected(i)) <= tolerance * (1.0 + std::abs(expected(i))));
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(optimizers)

BOOST_AUTO_TEST_CASE(gd_step_is_p_minus_lr_g_exactly) {
  // The seed post's update_parameters: p = p - lr * g, one rounding per operation,
  // so the result must be bit-identical to the expression in double.
  const double lr = 0.37;
  auto gd = make("gd", {{"learning_rate", lr}});
  Eigen::VectorXd p = start();
  gd->reset({p.size(), {}});
  gd->step(p, grad1(), lr);
  for (Eigen::Index i = 0; i < p.size(); ++i) BOOST_TEST(p(i) == start()(i) - lr * grad1()(i));
  const Eigen::VectorXd after_one = p;
  gd->step(p, grad2(), lr);
  for (Eigen::Index i = 0; i < p.size(); ++i) BOOST_TEST(p(i) == after_one(i) - lr * grad2()(i));
}

BOOST_AUTO_TEST_CASE(momentum_two_steps) {
  // v1 = g1 (v starts at 0), p1 = p0 - lr g1; v2 = mu g1 + g2, p2 = p1 - lr v2.
  const double lr = 0.05, mu = 0.8;
  auto momentum = make("momentum", {{"learning_rate", lr}, {"momentum", mu}});
  Eigen::VectorXd p = start();
  momentum->reset({p.size(), {}});
  momentum->step(p, grad1(), lr);
  const Eigen::VectorXd p1 = start() - lr * grad1();
  check_close(p, p1, 1e-15);
  momentum->step(p, grad2(), lr);
  check_close(p, p1 - lr * (mu * grad1() + grad2()), 1e-15);
}

BOOST_AUTO_TEST_CASE(momentum_reset_forgets_velocity) {
  // reset() starts a new run: the first step after it must again be plain gd.
  const double lr = 0.05;
  auto momentum = make("momentum", {{"learning_rate", lr}, {"momentum", 0.9}});
  Eigen::VectorXd p = start();
  momentum->reset({p.size(), {}});
  momentum->step(p, grad1(), lr);
  momentum->step(p, grad2(), lr);
  p = start();
  momentum->reset({p.size(), {}});
  momentum->step(p, grad2(), lr);
  check_close(p, start() - lr * grad2(), 1e-15);
}

BOOST_AUTO_TEST_CASE(adam_two_steps) {
  // Kingma & Ba: m_t = b1 m + (1-b1) g, v_t = b2 v + (1-b2) g^2,
  // p -= lr * (m_t / (1 - b1^t)) / (sqrt(v_t / (1 - b2^t)) + eps).
  const double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
  auto adam = make("adam", {{"learning_rate", lr}, {"beta1", b1}, {"beta2", b2}, {"epsilon", eps}});
  Eigen::VectorXd p = start();
  adam->reset({p.size(), {}});
  adam->step(p, grad1(), lr);
  // Step 1 by hand: m_hat = g, v_hat = g^2, so the update is lr * g / (|g| + eps):
  // about lr * sign(g) for every non-zero g, and 0 for g = 0.
  Eigen::VectorXd p1(5);
  for (Eigen::Index i = 0; i < 5; ++i) {
    const double g = grad1()(i);
    p1(i) = start()(i) - lr * g / (std::abs(g) + eps);
  }
  check_close(p, p1, 1e-13);
  BOOST_TEST(p(4) == start()(4));  // zero gradient, zero moments: no move at all

  adam->step(p, grad2(), lr);
  Eigen::VectorXd p2(5);
  for (Eigen::Index i = 0; i < 5; ++i) {
    const double g1 = grad1()(i), g2 = grad2()(i);
    const double m = b1 * (1 - b1) * g1 + (1 - b1) * g2;
    const double v = b2 * (1 - b2) * g1 * g1 + (1 - b2) * g2 * g2;
    const double m_hat = m / (1 - b1 * b1), v_hat = v / (1 - b2 * b2);
    p2(i) = p1(i) - lr * m_hat / (std::sqrt(v_hat) + eps);
  }
  check_close(p, p2, 1e-13);
}

BOOST_AUTO_TEST_CASE(adam_default_hyperparameters_are_the_papers) {
  // Kingma & Ba's recommended defaults; a config relying on them gets these.
  const auto* description = nnsweep::builtin_registries().optimizers.describe("adam");
  BOOST_TEST_REQUIRE(description != nullptr);
  const nnsweep::Params params = nnsweep::default_params(description->params);
  BOOST_TEST(params.real("learning_rate") == 0.001);
  BOOST_TEST(params.real("beta1") == 0.9);
  BOOST_TEST(params.real("beta2") == 0.999);
  BOOST_TEST(params.real("epsilon") == 1e-8);
}

BOOST_AUTO_TEST_CASE(adam_reset_restarts_bias_correction) {
  // After reset() the step counter is 1 again: the first step is ~lr * sign(g).
  const double lr = 0.01;
  auto adam = make("adam", {{"learning_rate", lr}});
  Eigen::VectorXd p = start();
  adam->reset({p.size(), {}});
  for (int i = 0; i < 3; ++i) adam->step(p, grad1(), lr);
  p = start();
  adam->reset({p.size(), {}});
  adam->step(p, grad2(), lr);
  for (Eigen::Index i = 0; i < 5; ++i) {
    const double g = grad2()(i);
    BOOST_TEST(std::abs(p(i) - (start()(i) - lr * g / (std::abs(g) + 1e-8))) <= 1e-15);
  }
}

BOOST_AUTO_TEST_SUITE_END()
