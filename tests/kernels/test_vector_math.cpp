// The vectorised functions (kernels/vector_math.hpp): every width this CPU
// supports gives the same bits as one double at a time, at every length and
// offset (tails included) and for special values; in place equals out of
// place; and the results are within a few ulp of libm's.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "kernels/blocks.hpp"
#include "kernels/vector_math.hpp"
#include "lane_checks.hpp"

namespace k = nnsweep::kernels;
using namespace nnsweep::testing;

namespace {

struct Function {
  const char* name;
  k::ArrayFunction vector;
  double (*libm)(double);
  int ulps;  // allowed distance from libm's value
};

double libm_sigmoid(double x) {
  return 1.0 / (1.0 + std::exp(-x));
}
double libm_softplus(double x) {
  return std::max(x, 0.0) + std::log1p(std::exp(-std::abs(x)));
}

const Function kFunctions[] = {
    {"tanh", &k::tanh, [](double x) { return std::tanh(x); }, 4},
    {"exp", &k::exp, [](double x) { return std::exp(x); }, 1},
    {"sigmoid", &k::sigmoid, &libm_sigmoid, 3},
    {"softplus", &k::softplus, &libm_softplus, 3},
    {"expm1", &k::expm1, [](double x) { return std::expm1(x); }, 2},
    {"erfc", &k::erfc, [](double x) { return std::erfc(x); }, 3},
};

// Ordinary values over the ranges training sees, then special ones.
std::vector<double> inputs() {
  std::vector<double> x;
  for (int i = 0; i < 997; ++i) x.push_back(std::sin(0.61 * i) * (i % 7 == 0 ? 40.0 : 4.0));
  const double inf = std::numeric_limits<double>::infinity();
  for (double v :
       {0.0,  -0.0,  1e-300, -1e-300, 5e-324, 1e-8,   -1e-8, 0.5,    -0.5, 19.0625, -19.0625,
        36.0, -36.0, 709.0,  710.0,   -745.0, -746.0, 1e300, -1e300, inf,  -inf}) {
    x.push_back(v);
  }
  x.push_back(std::numeric_limits<double>::quiet_NaN());
  return x;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(vector_math)

BOOST_AUTO_TEST_CASE(every_width_gives_the_scalar_bits) {
  BOOST_TEST_REQUIRE(k::supported_widths().size() >= 2u, "at least scalar and sse2");
  // Every length up to two vectors past the widest, from odd offsets.
  for (const Function& f : kFunctions) {
    check_every_width_gives_scalar_bits(f.name, f.vector, inputs(), 19, {0, 1, 3});
  }
}

BOOST_AUTO_TEST_CASE(gradients_give_the_same_bits_at_every_width_and_the_formula) {
  const std::vector<double> x = inputs();
  std::vector<double> a(x.size()), da(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    a[i] = std::tanh(x[i]);
    da[i] = std::cos(1.3 * double(i));
  }
  const std::initializer_list<std::size_t> lengths = {0, 5, 17, x.size()};
  check_gradient<double>(
      "tanh_backward", &k::tanh_backward, a, da,
      [](double a, double d) { return d * (1.0 - a * a); }, lengths);
  check_gradient<double>(
      "sigmoid_backward", &k::sigmoid_backward, a, da,
      [](double a, double d) { return d * (a * (1.0 - a)); }, lengths);
}

BOOST_AUTO_TEST_CASE(in_place_equals_out_of_place) {
  for (const Function& f : kFunctions)
    check_in_place_equals_out_of_place(f.name, f.vector, inputs());
}

BOOST_AUTO_TEST_CASE(within_a_few_ulp_of_libm) {
  const std::vector<double> x = inputs();
  for (const Function& f : kFunctions) {
    std::vector<double> y(x.size());
    f.vector(x.data(), y.data(), x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double expected = f.libm(x[i]);
      BOOST_TEST_CONTEXT(f.name << "(" << x[i] << ") = " << y[i] << ", libm " << expected) {
        if (std::isnan(expected) || std::isinf(expected)) {
          BOOST_TEST(
              (std::isnan(y[i]) == std::isnan(expected) && (std::isnan(y[i]) || y[i] == expected)));
          continue;
        }
        const double ulp = std::nextafter(std::abs(expected), INFINITY) - std::abs(expected);
        BOOST_TEST(std::abs(y[i] - expected) <= f.ulps * ulp);
      }
    }
  }
}

// tanh is our own (kernels/tanh_lanes.hpp): against long double tanhl, whose
// 64-bit significand makes it a reference 2^11 times finer than a double ulp,
// on a logarithmic sweep of magnitudes from 1e-12 to 25 and both signs.
BOOST_AUTO_TEST_CASE(tanh_within_3_ulp_of_long_double) {
  std::vector<double> x;
  for (double magnitude = 1e-12; magnitude < 25.0; magnitude *= 1.0001) {
    x.push_back(magnitude);
    x.push_back(-magnitude);
  }
  std::vector<double> y(x.size());
  k::tanh(x.data(), y.data(), x.size());
  double worst = 0.0, worst_at = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const long double exact = tanhl(static_cast<long double>(x[i]));
    const double rounded = static_cast<double>(exact);
    const double ulp = std::nextafter(std::abs(rounded), INFINITY) - std::abs(rounded);
    const double error =
        static_cast<double>(std::abs(static_cast<long double>(y[i]) - exact)) / ulp;
    if (error > worst) {
      worst = error;
      worst_at = x[i];
    }
  }
  BOOST_TEST_MESSAGE("tanh: " << x.size() << " values, worst " << worst << " ulp at " << worst_at);
  BOOST_TEST(worst <= 3.0, "worst " << worst << " ulp at " << worst_at);
  BOOST_TEST(std::signbit(y[0]) == false);
}

BOOST_AUTO_TEST_CASE(blocks_apply_contiguously_or_column_by_column) {
  Eigen::MatrixXd big = Eigen::MatrixXd::Random(6, 9) * 3.0;
  Eigen::MatrixXd whole(6, 9), strided(6, 9);
  k::apply(&k::tanh, big, whole);
  strided.setZero();
  k::apply(&k::tanh, big.block(1, 2, 4, 5), strided.block(1, 2, 4, 5));
  BOOST_TEST((strided.block(1, 2, 4, 5).array() == whole.block(1, 2, 4, 5).array()).all());
  BOOST_TEST(strided(0, 0) == 0.0);  // outside the block: untouched
}

BOOST_AUTO_TEST_CASE(width_names_round_trip) {
  for (k::Width width : {k::Width::scalar, k::Width::sse2, k::Width::avx2, k::Width::avx512}) {
    BOOST_TEST((k::parse_width(k::width_name(width)) == width));
  }
  BOOST_TEST(!k::parse_width("neon").has_value());
  const auto widths = k::supported_widths();
  BOOST_TEST((widths.back() == k::detected_width()));
}

BOOST_AUTO_TEST_SUITE_END()
