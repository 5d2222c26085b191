// The float functions (kernels/vector_math_float.hpp): every width this CPU
// supports gives the same bits as one float at a time, at every length and
// offset (tails of up to 15 floats included) and for special values; in place
// equals out of place; the results are within a few float ulp of the true
// value (libm in double, rounded to float), and tanh over a sweep of all
// floats; and the gradients are the formula.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "kernels/blocks.hpp"
#include "kernels/vector_math_float.hpp"
#include "lane_checks.hpp"

namespace k = nnsweep::kernels;
using namespace nnsweep::testing;

namespace {

struct Function {
  const char* name;
  k::FloatArrayFunction vector;
  double (*reference)(double);
  int ulps;  // allowed distance from the true value rounded to float
};

// As the contract says: 0 where exp(-x) overflows float.
double reference_sigmoid(double x) {
  const double e = std::exp(-x);
  return e > std::numeric_limits<float>::max() ? 0.0 : 1.0 / (1.0 + e);
}

const Function kFunctions[] = {
    // Our own tanh (kernels/tanh_float_lanes.hpp): 2.6 ulp from the exact
    // value, so up to 3.1 from it rounded to float (SLEEF's u35 promises 3.5).
    {"tanh", &k::tanh, [](double x) { return std::tanh(x); }, 3},
    {"exp", &k::exp, [](double x) { return std::exp(x); }, 2},
    {"sigmoid", &k::sigmoid, &reference_sigmoid, 2},
    {"softplus", &k::softplus,
     [](double x) { return std::max(x, 0.0) + std::log1p(std::exp(-std::abs(x))); }, 2},
    {"expm1", &k::expm1, [](double x) { return std::expm1(x); }, 2},
    {"erfc", &k::erfc, [](double x) { return std::erfc(x); }, 2},
};

// Ordinary values over the ranges training sees, then special ones.
std::vector<float> inputs() {
  std::vector<float> x;
  for (int i = 0; i < 997; ++i) {
    x.push_back(static_cast<float>(std::sin(0.61 * i) * (i % 7 == 0 ? 40.0 : 4.0)));
  }
  const float inf = std::numeric_limits<float>::infinity();
  for (float v : {0.0f, -0.0f, 1e-38f, -1e-38f, 1e-45f, 1e-6f, -1e-6f, 0.5f, -0.5f, 9.0f, -9.0f,
                  88.0f, 89.0f, -103.0f, -104.0f, 3e38f, -3e38f, inf, -inf}) {
    x.push_back(v);
  }
  x.push_back(std::numeric_limits<float>::quiet_NaN());
  return x;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(vector_math_float)

BOOST_AUTO_TEST_CASE(every_width_gives_the_scalar_bits) {
  BOOST_TEST_REQUIRE(k::supported_widths().size() >= 2u, "at least scalar and sse2");
  // Every length up to two vectors of 16 past, from odd offsets.
  for (const Function& f : kFunctions) {
    check_every_width_gives_scalar_bits(f.name, f.vector, inputs(), 35, {0, 1, 5});
  }
}

BOOST_AUTO_TEST_CASE(gradients_are_the_formula_in_float_at_every_width) {
  const std::vector<float> x = inputs();
  std::vector<float> a(x.size()), da(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    a[i] = std::tanh(x[i]);
    da[i] = static_cast<float>(std::cos(1.3 * double(i)));
  }
  const std::initializer_list<std::size_t> lengths = {0, 5, 17, 33, x.size()};
  check_gradient<float>(
      "tanh_backward", &k::tanh_backward, a, da,
      [](float a, float d) { return d * (1.0f - a * a); }, lengths);
  check_gradient<float>(
      "sigmoid_backward", &k::sigmoid_backward, a, da,
      [](float a, float d) { return d * (a * (1.0f - a)); }, lengths);
}

BOOST_AUTO_TEST_CASE(in_place_equals_out_of_place) {
  for (const Function& f : kFunctions)
    check_in_place_equals_out_of_place(f.name, f.vector, inputs());
}

BOOST_AUTO_TEST_CASE(within_a_few_float_ulp_of_the_true_value) {
  const std::vector<float> x = inputs();
  for (const Function& f : kFunctions) {
    std::vector<float> y(x.size());
    f.vector(x.data(), y.data(), x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      const float expected = static_cast<float>(f.reference(x[i]));
      BOOST_TEST_CONTEXT(f.name << "(" << x[i] << ") = " << y[i] << ", libm " << expected) {
        if (std::isnan(expected) || std::isinf(expected)) {
          BOOST_TEST(
              (std::isnan(y[i]) == std::isnan(expected) && (std::isnan(y[i]) || y[i] == expected)));
          continue;
        }
        // A float ulp, with the subnormal spacing as its floor.
        const float ulp =
            std::max(std::nextafter(std::abs(expected), INFINITY) - std::abs(expected),
                     std::numeric_limits<float>::denorm_min());
        BOOST_TEST(std::abs(y[i] - expected) <= static_cast<float>(f.ulps) * ulp);
      }
    }
  }
}

// tanh is ours, not a library's: check it on a sweep of every positive float
// and its negation, at every width, against the exact value.
BOOST_AUTO_TEST_CASE(tanh_within_documented_ulp_of_the_exact_value_over_all_floats) {
  RestoreWidth restore;
  std::vector<float> x;
  for (std::uint32_t bits = 0; bits < 0x7f800000u; bits += 997) {
    float value;
    std::memcpy(&value, &bits, sizeof value);
    x.push_back(value);
    x.push_back(-value);
  }
  for (k::Width width : k::supported_widths()) {
    k::use_width(width);
    std::vector<float> y(x.size());
    k::tanh(x.data(), y.data(), x.size());
    double worst = 0.0;
    float worst_at = 0.0f;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double exact = std::tanh(static_cast<double>(x[i]));
      const float rounded = static_cast<float>(std::abs(exact));
      const double ulp = std::max(std::nextafter(rounded, INFINITY) - rounded,
                                  std::numeric_limits<float>::denorm_min());
      const double error = std::abs(static_cast<double>(y[i]) - exact) / ulp;
      if (error > worst) {
        worst = error;
        worst_at = x[i];
      }
    }
    BOOST_TEST(worst <= 2.6, k::width_name(width) << ": " << worst << " ulp at " << worst_at);
  }
}

BOOST_AUTO_TEST_CASE(float_blocks_apply_contiguously_or_column_by_column) {
  const Eigen::MatrixXf big = Eigen::MatrixXf::Random(6, 9) * 3.0f;
  Eigen::MatrixXf whole(6, 9), strided(6, 9);
  k::apply(&k::tanh, big, whole);
  strided.setZero();
  k::apply(&k::tanh, big.block(1, 2, 4, 5), strided.block(1, 2, 4, 5));
  BOOST_TEST((strided.block(1, 2, 4, 5).array() == whole.block(1, 2, 4, 5).array()).all());
  BOOST_TEST(strided(0, 0) == 0.0f);  // outside the block: untouched
}

BOOST_AUTO_TEST_SUITE_END()
