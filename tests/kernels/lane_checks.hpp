#pragma once
// Checks shared by the kernel tests (test_vector_math.cpp,
// test_vector_math_float.cpp, test_dense_kernels.cpp, test_column_dots.cpp):
// bit-for-bit comparison, random test values, and the same bits at every
// SIMD width as at the scalar one, at every length and offset; in place equal
// to out of place; gradients equal to their formula at every width.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstring>
#include <initializer_list>
#include <random>
#include <vector>

#include "kernels/vector_math.hpp"

namespace nnsweep::testing {

template <class T>
using ArrayOf = void (*)(const T* x, T* y, std::size_t n);
template <class T>
using GradientOf = void (*)(const T* a, const T* da, T* dz, std::size_t n);

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  // An empty vector's data() may be null, which memcmp must not see.
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

struct RestoreWidth {
  kernels::Width saved = kernels::active_width();
  ~RestoreWidth() { kernels::use_width(saved); }
};

// n doubles of mixed magnitudes, so that a reordered or fused sum of them
// would round differently.
inline std::vector<double> random_values(std::size_t n, std::mt19937_64& generator) {
  std::uniform_real_distribution<double> mantissa(-1.0, 1.0);
  std::uniform_int_distribution<int> exponent(-20, 20);
  std::vector<double> values(n);
  for (double& v : values) v = std::ldexp(mantissa(generator), exponent(generator));
  return values;
}

// f over x[offset .. offset + n) at `width`.
template <class T>
std::vector<T> run_at(ArrayOf<T> f, kernels::Width width, const std::vector<T>& x,
                      std::size_t offset, std::size_t n) {
  kernels::use_width(width);
  std::vector<T> y(n, T(-1));
  f(x.data() + offset, y.data(), n);
  return y;
}

// Every supported width gives the scalar width's bits on all of x, and on
// every length up to longest from each offset: vector bodies and scalar
// tails in every mix.
template <class T>
void check_every_width_gives_scalar_bits(const char* name, ArrayOf<T> f, const std::vector<T>& x,
                                         std::size_t longest,
                                         std::initializer_list<std::size_t> offsets) {
  RestoreWidth restore;
  const std::vector<T> reference = run_at(f, kernels::Width::scalar, x, 0, x.size());
  for (kernels::Width width : kernels::supported_widths()) {
    BOOST_TEST_CONTEXT(name << " at " << kernels::width_name(width)) {
      BOOST_TEST(same_bits(run_at(f, width, x, 0, x.size()), reference));
      for (std::size_t n = 0; n <= longest; ++n) {
        for (std::size_t offset : offsets) {
          const std::vector<T> expected(reference.begin() + long(offset),
                                        reference.begin() + long(offset + n));
          BOOST_TEST(same_bits(run_at(f, width, x, offset, n), expected),
                     "n " << n << " offset " << offset);
        }
      }
    }
  }
}

template <class T>
void check_in_place_equals_out_of_place(const char* name, ArrayOf<T> f, const std::vector<T>& x) {
  std::vector<T> out(x.size()), in_place = x;
  f(x.data(), out.data(), x.size());
  f(in_place.data(), in_place.data(), x.size());
  BOOST_TEST(same_bits(out, in_place), name);
}

// g(a, da) at every width, out of place and in place, equals formula(a, da)
// element by element, for each length in `lengths` (at most a's size).
template <class T, class Formula>
void check_gradient(const char* name, GradientOf<T> g, const std::vector<T>& a,
                    const std::vector<T>& da, const Formula& formula,
                    std::initializer_list<std::size_t> lengths) {
  RestoreWidth restore;
  std::vector<T> expected(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) expected[i] = formula(a[i], da[i]);
  for (kernels::Width width : kernels::supported_widths()) {
    kernels::use_width(width);
    for (std::size_t n : lengths) {
      std::vector<T> dz(n), in_place(da.begin(), da.begin() + long(n));
      g(a.data(), da.data(), dz.data(), n);
      g(a.data(), in_place.data(), in_place.data(), n);
      const std::vector<T> want(expected.begin(), expected.begin() + long(n));
      BOOST_TEST(same_bits(dz, want), name << " at " << kernels::width_name(width) << " n " << n);
      BOOST_TEST(same_bits(in_place, want), name << " in place");
    }
  }
}

}  // namespace nnsweep::testing
