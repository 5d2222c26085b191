// binary_cross_entropy's own formulas: cost against a direct evaluation, and the
// stable cost from logits against the post's formula and the exact value. What
// every loss must do (its gradient, its fused output) is checked in
// test_loss_contracts.cpp.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <memory>
#include <utility>
#include <vector>

#include "builtin_registries.hpp"

namespace {

std::unique_ptr<nnsweep::Loss> make_bce() {
  const auto& registry = nnsweep::builtin_registries().losses;
  const auto* description = registry.describe("binary_cross_entropy");
  BOOST_TEST_REQUIRE(description != nullptr);
  return registry.create("binary_cross_entropy", nnsweep::default_params(description->params));
}

// Outputs in (0, 1) and 0/1 labels, rows x m.
void sample(Eigen::Index rows, Eigen::Index m, Eigen::MatrixXd& A, Eigen::MatrixXd& Y) {
  A.resize(rows, m);
  Y.resize(rows, m);
  for (Eigen::Index i = 0; i < A.size(); ++i) {
    A(i) = 0.5 + 0.45 * std::sin(0.9 * static_cast<double>(i) + 0.2);
    Y(i) = (i * 7 + 3) % 5 < 2 ? 1.0 : 0.0;
  }
}

// -(1/m) sum(y log a + (1-y) log(1-a)), summed in long double so the reference is
// more accurate than any double summation order.
double reference_cost(const Eigen::MatrixXd& A, const Eigen::MatrixXd& Y) {
  long double sum = 0.0L;
  for (Eigen::Index i = 0; i < A.size(); ++i) {
    sum += std::log(A(i)) * Y(i) + std::log(1.0 - A(i)) * (1.0 - Y(i));
  }
  return static_cast<double>(-sum / static_cast<long double>(A.cols()));
}

// The post's per-example log-probability, term by term as numpy evaluates it:
// A2 = 1 / (1 + exp(-Z2)); log(A2) * Y + log(1 - A2) * (1 - Y). Negated: the cost.
double post_term(double z, double y) {
  const double a = 1.0 / (1.0 + std::exp(-z));
  return -(std::log(a) * y + std::log(1.0 - a) * (1.0 - y));
}

// The exact term, -log(sigmoid(z)) or -log(1 - sigmoid(z)), in long double:
// log1p(exp(-|x|)) + max(x, 0) is exact math, and 64-bit long double makes its
// rounding negligible next to double's.
double exact_term(double z, double y) {
  const long double x = y == 1.0 ? -static_cast<long double>(z) : static_cast<long double>(z);
  return static_cast<double>(std::max(x, 0.0L) + std::log1p(std::exp(-std::abs(x))));
}

// cost_from_logits of one example.
double logits_term(const nnsweep::Loss& loss, double z, double y) {
  const Eigen::MatrixXd Z = Eigen::MatrixXd::Constant(1, 1, z);
  const Eigen::MatrixXd Y = Eigen::MatrixXd::Constant(1, 1, y);
  return loss.cost_from_logits(Z, Y);
}

bool close(double got, double expected, double relative) {
  return std::abs(got - expected) <= relative * std::abs(expected);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(losses)

BOOST_AUTO_TEST_CASE(bce_cost_equals_formula) {
  const auto loss = make_bce();
  // 1 x m for several m: below and above numpy's 8-lane and 128-element blocks.
  for (Eigen::Index m : {1, 3, 8, 9, 127, 128, 129, 200, 1001}) {
    Eigen::MatrixXd A, Y;
    sample(1, m, A, Y);
    const double expected = reference_cost(A, Y);
    BOOST_TEST_CONTEXT("m " << m) {
      BOOST_TEST(loss->cost(A, Y) == expected, boost::test_tools::tolerance(2e-15));
    }
  }
  // Several outputs: still the mean over the m examples (columns), summing all entries.
  Eigen::MatrixXd A, Y;
  sample(3, 40, A, Y);
  BOOST_TEST(loss->cost(A, Y) == reference_cost(A, Y), boost::test_tools::tolerance(2e-15));
}

BOOST_AUTO_TEST_CASE(bce_cost_of_perfect_and_uninformed_predictions) {
  const auto loss = make_bce();
  // a = 0.5 everywhere: the cost is log 2 whatever the labels.
  Eigen::MatrixXd A = Eigen::MatrixXd::Constant(1, 10, 0.5);
  Eigen::MatrixXd Y(1, 10);
  Y << 1, 0, 1, 1, 0, 0, 0, 1, 0, 1;
  BOOST_TEST(loss->cost(A, Y) == std::log(2.0), boost::test_tools::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(bce_sums_pairwise_like_numpy) {
  // np.sum is pairwise, and the loss contract copies it: its rounding error grows
  // like log m where a left-to-right loop's grows like m. For a million equal terms
  // the exact cost is known (-log a); only a pairwise-style sum lands within 1e-14
  // (a plain loop is off by ~1e-11 here).
  const auto loss = make_bce();
  const Eigen::Index m = (1 << 20) + 3;
  const Eigen::MatrixXd A = Eigen::MatrixXd::Constant(1, m, 0.3);
  const Eigen::MatrixXd Y = Eigen::MatrixXd::Ones(1, m);
  BOOST_TEST(loss->cost(A, Y) == -std::log(0.3), boost::test_tools::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(bce_from_logits_agrees_with_the_posts_formula) {
  const auto loss = make_bce();
  // Wherever the post's formula is accurate, 1e-12 relative: both labels for
  // |z| <= 9, and for y = 1 down to z = -709, the last z where its exp(-z) is
  // finite (a = sigmoid(z) is then a tiny but exact-to-rounding double).
  std::vector<std::pair<double, double>> cases;
  for (double z = -9.0; z <= 9.0; z += 0.125) cases.insert(cases.end(), {{z, 0.0}, {z, 1.0}});
  for (double z : {-10.0, -20.0, -36.0, -37.0, -50.0, -100.0, -300.0, -700.0, -709.0}) {
    cases.push_back({z, 1.0});
  }
  for (const auto& [z, y] : cases) {
    BOOST_TEST_CONTEXT("z " << z << " y " << y) {
      BOOST_TEST_REQUIRE(std::isfinite(post_term(z, y)));
      BOOST_TEST(close(logits_term(*loss, z, y), post_term(z, y), 1e-12),
                 logits_term(*loss, z, y) << " vs the post's " << post_term(z, y));
    }
  }
}

BOOST_AUTO_TEST_CASE(bce_from_logits_is_exact_where_the_post_rounds) {
  // Elsewhere the post's formula loses digits (1 - a cancels once a is near 1, and
  // at 1e-16 from 1 it is 0: log(0)), while the softplus form stays within a few
  // ulps of the exact value, also where the post gives inf or NaN.
  const auto loss = make_bce();
  // (Not |z| > 709 on the side where the term is exp(-|z|): that underflows to a
  // subnormal double, irrelevant to any cost, but not accurate relatively.)
  for (double z :
       {-709.0, -100.0, -37.0, -30.0, -12.0, -1e-3, 0.0, 1e-3, 12.0, 30.0, 37.0, 100.0, 709.0}) {
    for (double y : {0.0, 1.0}) {
      BOOST_TEST_CONTEXT("z " << z << " y " << y) {
        const double got = logits_term(*loss, z, y);
        BOOST_TEST(std::isfinite(got));
        BOOST_TEST(close(got, exact_term(z, y), 1e-15), got << " vs exact " << exact_term(z, y));
      }
    }
  }
  // Far beyond any exp range, still finite: the cost is the margin itself.
  for (double z : {1e6, 1e300}) {
    BOOST_TEST(logits_term(*loss, z, 0.0) == z);
    BOOST_TEST(logits_term(*loss, -z, 1.0) == z);
    BOOST_TEST(logits_term(*loss, z, 1.0) == 0.0);
  }
  // Where they part: a = 1 - 9.4e-14 is stored to ~1e-16, so the post's
  // -log(1 - a) at z = 30 is off in the 5th digit; at z = 40 it is infinite.
  BOOST_TEST(!close(post_term(30.0, 0.0), exact_term(30.0, 0.0), 1e-6));
  BOOST_TEST(std::isinf(post_term(40.0, 0.0)));
  BOOST_TEST(logits_term(*loss, 40.0, 0.0) == 40.0, boost::test_tools::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(bce_from_logits_matches_cost_of_sigmoid) {
  // Whole blocks, several outputs, sizes around numpy's 8-lane and 128 blocks: the
  // same mean over the m columns, in the same pairwise order, as cost(sigmoid(Z)).
  const auto loss = make_bce();
  const auto sigmoid = nnsweep::builtin_registries().activations.create("sigmoid", {});
  for (Eigen::Index rows : {1, 3}) {
    for (Eigen::Index m : {1, 7, 9, 128, 129, 1001}) {
      Eigen::MatrixXd A, Y;
      sample(rows, m, A, Y);
      const Eigen::MatrixXd Z = 8.0 * (A.array() - 0.5).matrix();  // logits in (-3.6, 3.6)
      Eigen::MatrixXd S(rows, m);
      sigmoid->forward(Z, S);
      BOOST_TEST_CONTEXT("rows " << rows << " m " << m) {
        BOOST_TEST(loss->cost_from_logits(Z, Y) == loss->cost(S, Y),
                   boost::test_tools::tolerance(1e-14));
      }
    }
  }
  // A label that is neither 0 nor 1 within a block of 0/1 labels: every term
  // of that block takes the general form, the others stay vectorised.
  {
    Eigen::MatrixXd Z(2, 150), Y(2, 150);
    long double expected = 0.0L;
    for (Eigen::Index i = 0; i < Z.size(); ++i) {
      Z(i) = std::sin(0.3 * double(i)) * 5.0;
      Y(i) = i == 97 ? 0.3 : double(i % 3 == 0);
      expected += Y(i) * exact_term(Z(i), 1.0) + (1.0 - Y(i)) * exact_term(Z(i), 0.0);
    }
    BOOST_TEST(loss->cost_from_logits(Z, Y) == double(expected / 150.0L),
               boost::test_tools::tolerance(1e-14));
  }
  // Pairwise, like cost(): a million equal terms land within 1e-14 of the exact one.
  const Eigen::Index m = (1 << 20) + 3;
  const Eigen::MatrixXd Z = Eigen::MatrixXd::Constant(1, m, -0.7);
  const Eigen::MatrixXd Y = Eigen::MatrixXd::Ones(1, m);
  BOOST_TEST(loss->cost_from_logits(Z, Y) == exact_term(-0.7, 1.0),
             boost::test_tools::tolerance(1e-14));
}

BOOST_AUTO_TEST_SUITE_END()
