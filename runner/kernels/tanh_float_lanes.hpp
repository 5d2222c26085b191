#pragma once
// tanh in float as one fixed sequence of IEEE float operations per lane, for
// any FloatIsa of kernels/float_loops.hpp (the one-float OneFloat included):
// the float32 counterpart of kernels/tanh_lanes.hpp.
//
// Why our own: SLEEF's deterministic float tanh (u35) took two fifths of a
// hidden-50 float32 iteration, as much per value as the double tanh of
// tanh_lanes.hpp, so float32 gained little from its twice wider vectors.
// This one takes about 30% less time, and gives the same bits at every width
// and on every x86-64 CPU: each step is a correctly rounded add, multiply or
// divide (never fused: the per-width files compile with -ffp-contract=off),
// or a bit operation.
//
// The algorithm, for a = min(|x|, 10) (tanh is 1.0f beyond 9.02):
//   y = 2a = n ln2 + r, with n the nearest integer to y / ln2 (ln2 in two
//   parts, the first exact times any n <= 29), |r| <= ln2 / 2;
//   e^r - 1 = r + r^2 Q(r), Q fitted by tools/kernels/fit_float_tanh.py
//   (kernels/tanh_float_coefficients.hpp);
//   e^y - 1 = 2^n (e^r - 1) + (2^n - 1), the second term exact;
//   tanh(a) = (e^y - 1) / (e^y - 1 + 2), with x's sign.
// Going through e^y - 1 keeps the relative error small near 0 without a
// second polynomial. Measured against double tanh on every seventh float: at
// most 2.6 ulp (SLEEF's u35 promises 3.5); NaN stays NaN, +-inf gives +-1,
// and -0 gives -0 (tests/kernels/test_vector_math_float.cpp).
//
// A FloatIsa provides, besides float_loops.hpp's operations: min (x86
// semantics: the second operand when either is NaN), with_sign_of(v, x) (|v|
// with x's sign), and magic_power(t): 2^n where t = n + 1.5 * 2^23 for an
// integer 0 <= n < 128, read from t's low mantissa bits.
#include "kernels/tanh_float_coefficients.hpp"

namespace nnsweep::kernels {
namespace {  // internal linkage, as float_loops.hpp explains

constexpr float kRoundingMagic = 12582912.0f;  // 1.5 * 2^23: adding it rounds to an integer

template <class I>
typename I::V tanh_float_lanes(typename I::V x) {
  using V = typename I::V;
  const float* Q = tanh_float::Q;
  // min keeps a NaN (its second operand) as NaN.
  const V a = I::min(I::broadcast(10.0f), I::abs(x));
  const V y = I::add(a, a);
  const V t = I::add(I::mul(y, I::broadcast(1.44269504f)), I::broadcast(kRoundingMagic));
  const V n = I::sub(t, I::broadcast(kRoundingMagic));
  const V r = I::sub(I::sub(y, I::mul(n, I::broadcast(0.693359375f))),
                     I::mul(n, I::broadcast(-2.12194440e-4f)));
  V q = I::broadcast(Q[4]);
  for (int k = 3; k >= 0; --k) q = I::add(I::mul(q, r), I::broadcast(Q[k]));
  const V expm1_r = I::add(r, I::mul(I::mul(r, r), q));
  const V power = I::magic_power(t);
  const V expm1_y = I::add(I::mul(power, expm1_r), I::sub(power, I::broadcast(1.0f)));
  return I::with_sign_of(I::div(expm1_y, I::add(expm1_y, I::broadcast(2.0f))), x);
}

}  // namespace
}  // namespace nnsweep::kernels
