#pragma once
// tanh as one fixed sequence of IEEE operations per lane, for any Isa of
// kernels/isa_kernels.hpp (the one-double `One` included).
//
// Why our own: SLEEF's deterministic tanh (the `cinz` family) costs about
// 1.6 ns a value on this project's machine, which alone is the whole time
// budget of a hidden-50 iteration (issue 9); SLEEF's FMA variants and
// Highway's tanh are barely faster, and Highway's does not give the same bits
// at every width (it fuses multiply-adds on AVX2 but not on SSE4). This one is
// about twice as fast as SLEEF's and gives the same bits at every width and on
// every x86-64 CPU, because each step is a correctly rounded IEEE operation:
// add, multiply, divide, and fused multiply-add, which is exact-then-rounded
// whether the CPU has FMA instructions or glibc's fma() emulates it.
//
// The algorithm, for a = min(|x|, 19.1) (tanh is 1.0 in double beyond 19.06):
//   y = -2a, n = nearest integer to y / ln 2, r = y - n ln 2 (|r| <= ln2 / 2)
//   expm1(r) by its Taylor series to degree 13 (truncation below 1e-17)
//   e = expm1(y) = 2^n expm1(r) + (2^n - 1)
//   tanh(a) = -e / (2 + e), with x's sign.
// Going through expm1 rather than exp keeps the relative error small near 0.
// Measured against long double tanhl (tests/kernels/test_vector_math.cpp):
// at most 2.5 ulp (3.5 for SLEEF's), NaN stays NaN, +-inf gives +-1, and -0
// gives -0.
#include <cstddef>

namespace nnsweep::kernels {
namespace {  // one copy per including file: see isa_kernels.hpp

namespace tanh_constants {
constexpr double saturation = 19.1;
constexpr double inverse_ln2 = 1.4426950408889634;
// 1.5 * 2^52: adding it rounds a double of magnitude below 2^51 to an integer.
constexpr double round_shift = 6755399441055744.0;
constexpr double ln2_high = 0.6931471805599453;     // ln 2 rounded to double
constexpr double ln2_low = 2.3190468138462996e-17;  // ln 2 - ln2_high
// 1/k! for k = 13 down to 2.
constexpr double inverse_factorials[] = {1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0,
                                         1.0 / 3628800.0,    1.0 / 362880.0,    1.0 / 40320.0,
                                         1.0 / 5040.0,       1.0 / 720.0,       1.0 / 120.0,
                                         1.0 / 24.0,         1.0 / 6.0,         0.5};
}  // namespace tanh_constants

template <class Isa>
typename Isa::V tanh_lanes(typename Isa::V x) {
  namespace c = tanh_constants;
  using V = typename Isa::V;
  // min(limit, |x|) returns its second operand when either is NaN: NaN stays.
  const V a = Isa::min(Isa::broadcast(c::saturation), Isa::abs(x));
  const V y = Isa::mul(a, Isa::broadcast(-2.0));
  const V shifted =
      Isa::add(Isa::mul(y, Isa::broadcast(c::inverse_ln2)), Isa::broadcast(c::round_shift));
  const V n = Isa::sub(shifted, Isa::broadcast(c::round_shift));
  V r = Isa::fma(n, Isa::broadcast(-c::ln2_high), y);
  r = Isa::fma(n, Isa::broadcast(-c::ln2_low), r);
  V series = Isa::broadcast(c::inverse_factorials[0]);
  for (std::size_t k = 1; k < sizeof(c::inverse_factorials) / sizeof(double); ++k) {
    series = Isa::fma(series, r, Isa::broadcast(c::inverse_factorials[k]));
  }
  const V expm1_r = Isa::fma(Isa::mul(r, r), series, r);
  const V scale = Isa::exponent_to_power(shifted);  // 2^n
  const V expm1_y = Isa::fma(scale, expm1_r, Isa::sub(scale, Isa::broadcast(1.0)));
  const V negative_tanh = Isa::div(expm1_y, Isa::add(expm1_y, Isa::broadcast(2.0)));
  return Isa::with_sign_of(negative_tanh, x);
}

}  // namespace
}  // namespace nnsweep::kernels
