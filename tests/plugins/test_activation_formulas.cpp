// Every built-in activation against its reference values in
// tests/fixtures/activations.txt (tests/fixtures/generate_activation_fixtures.py:
// numpy and scipy in float64, each value checked there against mpmath at 1000
// digits), at every SIMD width; and backward against a finite difference of
// forward.
//
// Measured (AMD EPYC, every width alike), the largest error relative to the
// reference, forward / backward:
//   identity, relu, leaky_relu, hard_tanh      0 / 0
//   hard_sigmoid, softsign, softplus           below 2.3e-16 / below 2.3e-16
//   elu, selu                                  1.5e-16 / 2.1e-16
//   sigmoid, tanh                              below 2.3e-16 / see below
//   gelu (tanh form), silu, mish               5.5e-16 / 4.1e-15
//   gelu (exact)                               1.5e-13 / 1.1e-13, at z = -30, where
//                                              rounding z / sqrt(2) moves erfc by 1e-13
//   softmax                                    0 / 0
// The tests allow 1e-12. sigmoid's and tanh's backward passes are the seed
// post's formulas from A, dA A (1 - A) and dA (1 - A^2)
// (PluginTraits::derivative), kept for numpy parity: near saturation they
// cancel, and their error is absolute: at most 1.4e-16 |dA| (sigmoid) and
// 5.1e-16 |dA| (tanh), with no relative bound. The tests allow 1e-15 |dA|.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "builtin_registries.hpp"
#include "fixtures.hpp"
#include "kernels/vector_math.hpp"

namespace nnsweep {
namespace {

const Registries& registries() {
  return builtin_registries();
}

// "alpha=0.2,approximate=tanh" or "-" for the defaults, typed as declared.
Params params_of(const std::string& name, const std::string& text) {
  const PluginDescription* description = registries().activations.describe(name);
  BOOST_TEST_REQUIRE(description != nullptr, name);
  Params params = default_params(description->params);
  if (text == "-") return params;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    const std::string item = text.substr(start, end - start);
    const std::size_t equals = item.find('=');
    const std::string key = item.substr(0, equals), value = item.substr(equals + 1);
    bool is_string = false;
    for (const ParamSpec& spec : description->params) {
      if (spec.name == key) is_string = spec.type == ParamType::string;
    }
    BOOST_TEST_REQUIRE(params.contains(key), name << " has no parameter " << key);
    if (is_string) {
      params.set(key, value);
    } else {
      params.set(key, testing::to_double(value));
    }
    start = end + 1;
  }
  return params;
}

// The element-wise fixture lines of one activation and parameter set, as
// columns.
struct Variant {
  std::string name, params;
  Eigen::VectorXd z, a, da, dz;
};

std::vector<Variant> element_variants() {
  std::map<std::pair<std::string, std::string>, std::vector<std::vector<double>>> rows;
  std::vector<std::pair<std::string, std::string>> order;
  for (const auto& tokens : testing::fixture_lines("activations.txt")) {
    if (tokens[0] == "softmax") continue;
    BOOST_TEST_REQUIRE(tokens.size() == 6u);
    const auto key = std::make_pair(tokens[0], tokens[1]);
    if (!rows.count(key)) order.push_back(key);
    std::vector<double> values;
    for (std::size_t i = 2; i < 6; ++i) values.push_back(testing::to_double(tokens[i]));
    rows[key].push_back(values);
  }
  std::vector<Variant> variants;
  for (const auto& key : order) {
    const auto& points = rows[key];
    const auto n = static_cast<Eigen::Index>(points.size());
    Variant v{key.first,          key.second,         Eigen::VectorXd(n),
              Eigen::VectorXd(n), Eigen::VectorXd(n), Eigen::VectorXd(n)};
    for (Eigen::Index i = 0; i < n; ++i) {
      const auto& p = points[static_cast<std::size_t>(i)];
      v.z(i) = p[0], v.a(i) = p[1], v.da(i) = p[2], v.dz(i) = p[3];
    }
    variants.push_back(v);
  }
  return variants;
}

std::unique_ptr<Activation> make(const std::string& name, const std::string& params) {
  return registries().activations.create(name, params_of(name, params));
}

// |got - want| / |want|, values below double's normal range counting as 0
// (where a reference underflowed, any other underflow is as right).
double relative_error(double got, double want) {
  if (std::abs(want) < DBL_MIN) return std::abs(got) < DBL_MIN ? 0.0 : INFINITY;
  return std::abs(got - want) / std::abs(want);
}

struct RestoreWidth {
  kernels::Width saved = kernels::active_width();
  ~RestoreWidth() { kernels::use_width(saved); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(activation_formulas)

BOOST_AUTO_TEST_CASE(every_activation_matches_its_reference_values_at_every_width) {
  RestoreWidth restore;
  const std::vector<Variant> variants = element_variants();
  std::set<std::string> covered = {"softmax"};  // its own case below
  for (kernels::Width width : kernels::supported_widths()) {
    kernels::use_width(width);
    for (const Variant& v : variants) {
      covered.insert(v.name);
      const auto g = make(v.name, v.params);
      const bool from_output = registries().activations.describe(v.name)->traits.derivative !=
                               DerivativeFromOutput::none;
      Eigen::MatrixXd A(v.z.size(), 1), dZ(v.z.size(), 1);
      g->forward(v.z, A);
      g->backward(v.z, A, v.da, dZ);
      double forward_worst = 0.0, backward_worst = 0.0;
      for (Eigen::Index i = 0; i < v.z.size(); ++i) {
        BOOST_TEST_CONTEXT(v.name << " " << v.params << " at " << kernels::width_name(width)
                                  << ", z = " << v.z(i)) {
          const double forward_error = relative_error(A(i), v.a(i));
          BOOST_TEST(forward_error <= 1e-12, A(i) << " against " << v.a(i));
          forward_worst = std::max(forward_worst, forward_error);
          if (from_output) {
            // The absolute error of 1 - A^2 and A (1 - A) near saturation.
            BOOST_TEST(
                std::abs(dZ(i) - v.dz(i)) <= 1e-12 * std::abs(v.dz(i)) + 1e-15 * std::abs(v.da(i)),
                dZ(i) << " against " << v.dz(i));
            backward_worst =
                std::max(backward_worst, std::abs(dZ(i) - v.dz(i)) / std::abs(v.da(i)));
          } else {
            const double backward_error = relative_error(dZ(i), v.dz(i));
            BOOST_TEST(backward_error <= 1e-12, dZ(i) << " against " << v.dz(i));
            backward_worst = std::max(backward_worst, backward_error);
          }
        }
      }
      BOOST_TEST_MESSAGE(v.name << " " << v.params << " at " << kernels::width_name(width)
                                << ": forward " << forward_worst << ", backward " << backward_worst
                                << (from_output ? " (absolute, per unit of dA)" : ""));
    }
  }
  for (const std::string& name : registries().activations.names()) {
    BOOST_TEST(covered.count(name) == 1u, name << " has no reference values");
  }
}

BOOST_AUTO_TEST_CASE(softmax_matches_its_reference_columns) {
  const auto g = make("softmax", "-");
  int columns = 0;
  double worst = 0.0;
  for (const auto& tokens : testing::fixture_lines("activations.txt")) {
    if (tokens[0] != "softmax") continue;
    ++columns;
    const auto k = static_cast<Eigen::Index>(std::stol(tokens[2]));
    BOOST_TEST_REQUIRE(tokens.size() == static_cast<std::size_t>(3 + 4 * k));
    Eigen::MatrixXd Z(k, 1), want_a(k, 1), dA(k, 1), want_dz(k, 1), A(k, 1), dZ(k, 1);
    for (Eigen::Index i = 0; i < k; ++i) {
      Z(i) = testing::to_double(tokens[3 + i]);
      want_a(i) = testing::to_double(tokens[3 + k + i]);
      dA(i) = testing::to_double(tokens[3 + 2 * k + i]);
      want_dz(i) = testing::to_double(tokens[3 + 3 * k + i]);
    }
    g->forward(Z, A);
    g->backward(Z, A, dA, dZ);
    for (Eigen::Index i = 0; i < k; ++i) {
      BOOST_TEST_CONTEXT("softmax column " << columns << " unit " << i) {
        BOOST_TEST(relative_error(A(i), want_a(i)) <= 1e-12, A(i) << " against " << want_a(i));
        BOOST_TEST(relative_error(dZ(i), want_dz(i)) <= 1e-12, dZ(i) << " against " << want_dz(i));
        worst =
            std::max({worst, relative_error(A(i), want_a(i)), relative_error(dZ(i), want_dz(i))});
      }
    }
  }
  BOOST_TEST(columns >= 5);
  BOOST_TEST_MESSAGE("softmax: worst " << worst);
}

// dZ = dA g'(z), with g' from the fourth-order central difference
// (8 (g(z+h) - g(z-h)) - (g(z+2h) - g(z-2h))) / 12h of forward, at points at
// least 0.03 from every kink (0, +-1, +-3, and -2 and 0.5 of the fixture's
// hard_tanh), for every parameter set of the fixtures.
BOOST_AUTO_TEST_CASE(backward_matches_a_finite_difference_of_forward) {
  Eigen::VectorXd Z(25);
  for (Eigen::Index i = 0; i < 21; ++i) Z(i) = -6.0 + 0.6 * static_cast<double>(i) + 0.0371;
  Z.tail(4) << -25.13, -12.37, 12.37, 25.13;
  Eigen::VectorXd dA(Z.size());
  for (Eigen::Index i = 0; i < dA.size(); ++i) dA(i) = std::sin(1.7 * static_cast<double>(i) + 0.3);

  std::set<std::pair<std::string, std::string>> seen;
  for (const Variant& v : element_variants()) {
    if (!seen.insert({v.name, v.params}).second) continue;
    const auto g = make(v.name, v.params);
    Eigen::VectorXd A(Z.size()), dZ(Z.size());
    g->forward(Z, A);
    g->backward(Z, A, dA, dZ);
    const auto at = [&](double shift) {
      Eigen::VectorXd shifted(Z.size()), out(Z.size());
      for (Eigen::Index i = 0; i < Z.size(); ++i) {
        shifted(i) = Z(i) + shift * 1e-3 * std::max(1.0, std::abs(Z(i)));
      }
      g->forward(shifted, out);
      return out;
    };
    const Eigen::VectorXd p1 = at(1), m1 = at(-1), p2 = at(2), m2 = at(-2);
    for (Eigen::Index i = 0; i < Z.size(); ++i) {
      const double h = 1e-3 * std::max(1.0, std::abs(Z(i)));
      const double numeric = dA(i) * (8.0 * (p1(i) - m1(i)) - (p2(i) - m2(i))) / (12.0 * h);
      BOOST_TEST_CONTEXT(v.name << " " << v.params << "' at " << Z(i)) {
        BOOST_TEST(std::abs(dZ(i) - numeric) <= 1e-8 * std::abs(numeric) + 1e-10 * std::abs(dA(i)),
                   dZ(i) << " against " << numeric);
      }
    }
  }
  BOOST_TEST(seen.size() >= 18u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace nnsweep
