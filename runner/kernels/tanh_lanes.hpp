#pragma once
// tanh as one fixed sequence of IEEE operations per lane, for any Isa of
// kernels/isa_kernels.hpp (the one-double `One` included).
//
// Why our own: SLEEF's deterministic tanh (the `cinz` family) costs about
// 1.6 ns a value on this project's machine, which alone is the whole time
// budget of a hidden-50 iteration (issue 9); SLEEF's FMA variants and
// Highway's tanh are barely faster, and Highway's does not give the same bits
// at every width (it fuses multiply-adds on AVX2 but not on SSE4). This one
// costs about 0.75 ns and gives the same bits at every width and on every
// x86-64 CPU, because each step is a correctly rounded IEEE operation (add,
// multiply, divide, and fused multiply-add, which is exact-then-rounded
// whether the CPU has FMA instructions or glibc's fma() emulates it) or an
// exact table entry.
//
// The algorithm, for a = min(|x|, 19.1) (tanh is 1.0 in double beyond 19.06):
//   y = -2a = (16k + j) ln2/16 + r, with n = 16k + j the nearest integer to
//   y 16/ln2, j in [-8, 7] and |r| <= ln2/32
//   expm1(r) = r + r^2 (1/2! + r/3! + ... + r^5/7!)   (truncation below 2^-60 r)
//   expm1(y) = 2^k 2^(j/16) e^r - 1 = 2^k (D_j + expm1(r) (1 + D_j)) + (2^k - 1),
//   with D_j = 2^(j/16) - 1 from kernels/tanh_table.hpp as two doubles
//   tanh(a) = -expm1(y) / (2 + expm1(y)), with x's sign.
// Going through expm1 rather than exp keeps the relative error small near 0,
// and the table of 16 entries makes the series six terms shorter than a plain
// reduction by ln 2: on this project's machine the vector units, not memory,
// bound the time, so every operation saved counts. Isa::table16 reads the
// table (a register permute at AVX-512).
// Measured against long double tanhl (tests/kernels/test_vector_math.cpp):
// at most 2.5 ulp, NaN stays NaN, +-inf gives +-1, and -0 gives -0.
#include <cstddef>

#include "kernels/tanh_table.hpp"

namespace nnsweep::kernels {
namespace {  // one copy per including file: see isa_kernels.hpp

namespace tanh_constants {
constexpr double saturation = 19.1;
// 1.5 * 2^52: adding it rounds a double of magnitude below 2^51 to an
// integer, which then sits in the low bits of the sum's mantissa. The 8 more
// make those low bits n + 8 = 16k + (j + 8): the table index in the low four
// bits, and k above them (Isa::table16, Isa::sixteenths_to_power).
constexpr double round_shift = 6755399441055744.0 + 8.0;
}  // namespace tanh_constants

template <class Isa>
typename Isa::V tanh_lanes(typename Isa::V x) {
  namespace c = tanh_constants;
  namespace table = tanh_table;
  using V = typename Isa::V;
  // max(limit, -|x|) returns its second operand when either is NaN: NaN stays.
  const V minus_a = Isa::max(Isa::broadcast(-c::saturation), Isa::minus_abs(x));
  const V y = Isa::add(minus_a, minus_a);
  const V shifted =
      Isa::fma(y, Isa::broadcast(table::sixteen_over_ln2), Isa::broadcast(c::round_shift));
  const V n = Isa::sub(shifted, Isa::broadcast(c::round_shift));
  V r = Isa::fma(n, Isa::broadcast(-table::sixteenth_ln2_high), y);
  r = Isa::fma(n, Isa::broadcast(-table::sixteenth_ln2_low), r);
  V series = Isa::broadcast(table::inverse_factorials[0]);
  for (std::size_t k = 1; k < sizeof(table::inverse_factorials) / sizeof(double); ++k) {
    series = Isa::fma(series, r, Isa::broadcast(table::inverse_factorials[k]));
  }
  const V expm1_r = Isa::fma(Isa::mul(r, r), series, r);
  const V d_high = Isa::table16(table::powers_minus_one_high, shifted);
  const V d_low = Isa::table16(table::powers_minus_one_low, shifted);
  const V power_j = Isa::add(Isa::broadcast(1.0), d_high);  // 2^(j/16), rounded
  const V sum = Isa::add(d_high, Isa::fma(expm1_r, power_j, d_low));
  const V power_k = Isa::sixteenths_to_power(shifted);  // 2^k
  const V expm1_y = Isa::fma(power_k, sum, Isa::sub(power_k, Isa::broadcast(1.0)));
  const V negative_tanh = Isa::div(expm1_y, Isa::add(expm1_y, Isa::broadcast(2.0)));
  return Isa::with_sign_of(negative_tanh, x);
}

}  // namespace
}  // namespace nnsweep::kernels
