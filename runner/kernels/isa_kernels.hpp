#pragma once
// The array loops of kernels/vector_math.hpp, written once for any SIMD width.
// Included only by the per-width files (vector_math_sse2.cpp, _avx2.cpp,
// _avx512.cpp), each with an `Isa` struct in its own anonymous namespace, so
// that every instantiation has internal linkage and code compiled for a wide
// CPU can never be linked into a narrow one's path. For the same reason this
// file uses no standard-library templates, only the Isa's intrinsics and
// SLEEF's C functions.
//
// An Isa provides: the vector type V and `lanes`, load/store (unaligned),
// gather(p, stride) (p[0], p[stride], ... one per lane), load_partial(p, n)
// and store_partial(p, v, n) (the first 0 < n < lanes lanes only; the others
// read as 0 and are not written),
// broadcast, add, sub, mul, div, max, min (x86 semantics: the second operand
// when either is NaN), fma (correctly rounded), abs, neg, minus_abs (-|v|),
// with_sign_of(v, x) (|v| with x's sign), table16(table, shifted) (lane-wise
// table[i & 15]) and sixteenths_to_power(shifted) (lane-wise 2^(i >> 4)), i
// being the integer in the low bits of shifted's mantissa
// (kernels/tanh_lanes.hpp), and SLEEF's
// deterministic exp, log1p, expm1 and erfc for V; optionally tree8(parts), the fixed sum
// of eight lanes that kernels/sum_loops.hpp's ColumnDots otherwise does
// through memory. Tails shorter than a vector go through
// `One` (tanh) or SLEEF's scalar `purec` functions of the same family, which
// give the same bits.
#include <math.h>
#include <stdint.h>

#include <cstddef>

#include <sleef.h>

#include "kernels/tanh_lanes.hpp"

namespace nnsweep::kernels {
namespace {  // one copy per including file, on purpose: see above

struct Scalar {
  static double exp(double x) { return Sleef_cinz_expd1_u10purec(x); }
  static double log1p(double x) { return Sleef_cinz_log1pd1_u10purec(x); }
  static double expm1(double x) { return Sleef_cinz_expm1d1_u10purec(x); }
  static double erfc(double x) { return Sleef_cinz_erfcd1_u15purec(x); }
  static double sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }
  static double softplus(double x) {
    const double magnitude = x < 0.0 ? -x : x;
    return (x > 0.0 ? x : 0.0) + log1p(exp(-magnitude));
  }
};

// One double at a time: the reference every vector width must equal.
struct One {
  using T = double;
  using V = double;
  static constexpr std::size_t lanes = 1;
  static V load(const double* p) { return *p; }
  static V gather(const double* p, std::ptrdiff_t) { return *p; }
  static void store(double* p, V v) { *p = v; }
  // Never called with fewer than one lane: present for the templates.
  static V load_partial(const double* p, std::ptrdiff_t) { return *p; }
  static void store_partial(double* p, V v, std::ptrdiff_t) { *p = v; }
  static V broadcast(double x) { return x; }
  static V add(V a, V b) { return a + b; }
  static V sub(V a, V b) { return a - b; }
  static V mul(V a, V b) { return a * b; }
  static V div(V a, V b) { return a / b; }
  static V max(V a, V b) { return a > b ? a : b; }
  static V min(V a, V b) { return a < b ? a : b; }
  // glibc's fma() is correctly rounded with or without FMA instructions.
  static V fma(V a, V b, V c) { return ::fma(a, b, c); }
  static V neg(V a) { return -a; }
  static V abs(V a) { return from_bits(bits(a) & ~sign_bit); }
  static V with_sign_of(V v, V x) {
    return from_bits((bits(v) & ~sign_bit) | (bits(x) & sign_bit));
  }
  static V minus_abs(V a) { return from_bits(bits(a) | sign_bit); }
  static V table16(const double* table, V shifted) { return table[bits(shifted) & 15]; }
  static V sixteenths_to_power(V shifted) { return from_bits(((bits(shifted) >> 4) + 1023) << 52); }
  static V exp(V a) { return Scalar::exp(a); }
  static V log1p(V a) { return Scalar::log1p(a); }
  static V expm1(V a) { return Scalar::expm1(a); }
  static V erfc(V a) { return Scalar::erfc(a); }

  static constexpr uint64_t sign_bit = uint64_t{1} << 63;
  static uint64_t bits(double v) {
    uint64_t b;
    __builtin_memcpy(&b, &v, sizeof b);
    return b;
  }
  static double from_bits(uint64_t b) {
    double v;
    __builtin_memcpy(&v, &b, sizeof v);
    return v;
  }
};

// The derivatives of tanh and sigmoid from their outputs a, times the upstream
// gradient da, as the seed post writes them (kernels/dense_kernels.hpp:
// Derivative): the one definition that every kernel computing them uses.
constexpr int kPlain = 0, kOneMinusSquare = 1, kLogistic = 2;
template <class I, int Form>
typename I::V times_derivative(typename I::V da, typename I::V a) {
  const typename I::V one = I::broadcast(1.0);
  if constexpr (Form == kOneMinusSquare) return I::mul(da, I::sub(one, I::mul(a, a)));
  if constexpr (Form == kLogistic) return I::mul(da, I::mul(a, I::sub(one, a)));
  return da;
}

template <class Isa>
struct Loops {
  using V = typename Isa::V;

  template <class Vector, class One>
  static void map(const double* x, double* y, std::size_t n, Vector vector, One one) {
    std::size_t i = 0;
    for (; i + Isa::lanes <= n; i += Isa::lanes) Isa::store(y + i, vector(Isa::load(x + i)));
    for (; i < n; ++i) y[i] = one(x[i]);
  }

  template <class Vector, class One>
  static void map3(const double* a, const double* da, double* dz, std::size_t n, Vector vector,
                   One one) {
    std::size_t i = 0;
    for (; i + Isa::lanes <= n; i += Isa::lanes) {
      Isa::store(dz + i, vector(Isa::load(a + i), Isa::load(da + i)));
    }
    for (; i < n; ++i) dz[i] = one(a[i], da[i]);
  }

  template <int Form>
  static void backward(const double* a, const double* da, double* dz, std::size_t n) {
    map3(
        a, da, dz, n, [](V av, V dv) { return times_derivative<Isa, Form>(dv, av); },
        [](double av, double dv) { return times_derivative<One, Form>(dv, av); });
  }
  static void tanh_backward(const double* a, const double* da, double* dz, std::size_t n) {
    backward<kOneMinusSquare>(a, da, dz, n);
  }
  static void sigmoid_backward(const double* a, const double* da, double* dz, std::size_t n) {
    backward<kLogistic>(a, da, dz, n);
  }

  static void tanh(const double* x, double* y, std::size_t n) {
    map(
        x, y, n, [](V v) { return tanh_lanes<Isa>(v); },
        [](double v) { return tanh_lanes<One>(v); });
  }
  static void exp(const double* x, double* y, std::size_t n) {
    map(
        x, y, n, [](V v) { return Isa::exp(v); }, [](double v) { return Scalar::exp(v); });
  }
  static void expm1(const double* x, double* y, std::size_t n) {
    map(
        x, y, n, [](V v) { return Isa::expm1(v); }, [](double v) { return Scalar::expm1(v); });
  }
  static void erfc(const double* x, double* y, std::size_t n) {
    map(
        x, y, n, [](V v) { return Isa::erfc(v); }, [](double v) { return Scalar::erfc(v); });
  }
  static void sigmoid(const double* x, double* y, std::size_t n) {
    const V one = Isa::broadcast(1.0);
    map(
        x, y, n, [&](V v) { return Isa::div(one, Isa::add(one, Isa::exp(Isa::neg(v)))); },
        [](double v) { return Scalar::sigmoid(v); });
  }
  static void softplus(const double* x, double* y, std::size_t n) {
    const V zero = Isa::broadcast(0.0);
    map(
        x, y, n,
        [&](V v) {
          return Isa::add(Isa::max(v, zero), Isa::log1p(Isa::exp(Isa::neg(Isa::abs(v)))));
        },
        [](double v) { return Scalar::softplus(v); });
  }
};

}  // namespace
}  // namespace nnsweep::kernels
