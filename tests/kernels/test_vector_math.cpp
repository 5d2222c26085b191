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

namespace k = nnsweep::kernels;

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

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  // An empty vector's data() may be null, which memcmp must not see.
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

// f over x[offset .. offset + n) at `width`.
std::vector<double> run(const Function& f, k::Width width, const std::vector<double>& x,
                        std::size_t offset, std::size_t n) {
  k::use_width(width);
  std::vector<double> y(n, -1.0);
  f.vector(x.data() + offset, y.data(), n);
  return y;
}

struct RestoreWidth {
  k::Width saved = k::active_width();
  ~RestoreWidth() { k::use_width(saved); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(vector_math)

BOOST_AUTO_TEST_CASE(every_width_gives_the_scalar_bits) {
  RestoreWidth restore;
  const std::vector<double> x = inputs();
  const auto widths = k::supported_widths();
  BOOST_TEST_REQUIRE(widths.size() >= 2u, "at least scalar and sse2");
  for (const Function& f : kFunctions) {
    const std::vector<double> reference = run(f, k::Width::scalar, x, 0, x.size());
    for (k::Width width : widths) {
      BOOST_TEST_CONTEXT(f.name << " at " << k::width_name(width)) {
        BOOST_TEST(same_bits(run(f, width, x, 0, x.size()), reference));
        // Every length up to two vectors past the widest, from odd offsets:
        // vector bodies and scalar tails in every mix.
        for (std::size_t n = 0; n <= 19; ++n) {
          for (std::size_t offset : {std::size_t{0}, std::size_t{1}, std::size_t{3}}) {
            const std::vector<double> part = run(f, width, x, offset, n);
            const std::vector<double> expected(reference.begin() + long(offset),
                                               reference.begin() + long(offset + n));
            BOOST_TEST(same_bits(part, expected), "n " << n << " offset " << offset);
          }
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(gradients_give_the_same_bits_at_every_width_and_the_formula) {
  RestoreWidth restore;
  const std::vector<double> x = inputs();
  std::vector<double> a(x.size()), da(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    a[i] = std::tanh(x[i]);
    da[i] = std::cos(1.3 * double(i));
  }
  struct Gradient {
    const char* name;
    k::GradientFunction f;
    double (*formula)(double a, double da);
  };
  const Gradient gradients[] = {
      {"tanh_backward", &k::tanh_backward, [](double a, double d) { return d * (1.0 - a * a); }},
      {"sigmoid_backward", &k::sigmoid_backward,
       [](double a, double d) { return d * (a * (1.0 - a)); }}};
  for (const Gradient& g : gradients) {
    std::vector<double> expected(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) expected[i] = g.formula(a[i], da[i]);
    for (k::Width width : k::supported_widths()) {
      k::use_width(width);
      for (std::size_t n : {std::size_t{0}, std::size_t{5}, std::size_t{17}, x.size()}) {
        std::vector<double> dz(n), in_place(da.begin(), da.begin() + long(n));
        g.f(a.data(), da.data(), dz.data(), n);
        g.f(a.data(), in_place.data(), in_place.data(), n);
        const std::vector<double> want(expected.begin(), expected.begin() + long(n));
        BOOST_TEST(same_bits(dz, want), g.name << " at " << k::width_name(width) << " n " << n);
        BOOST_TEST(same_bits(in_place, want), g.name << " in place");
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(in_place_equals_out_of_place) {
  const std::vector<double> x = inputs();
  for (const Function& f : kFunctions) {
    std::vector<double> out(x.size()), in_place = x;
    f.vector(x.data(), out.data(), x.size());
    f.vector(in_place.data(), in_place.data(), x.size());
    BOOST_TEST(same_bits(out, in_place), f.name);
  }
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
