#pragma once
// The array loops of kernels/vector_math_float.hpp, written once for any SIMD
// width. Included only by the per-width files (vector_math_float_*.cpp), each
// with a `FloatIsa` struct in its own anonymous namespace, for the reasons
// kernels/isa_kernels.hpp gives: internal linkage, no standard-library
// templates.
//
// A FloatIsa provides: its element type T (float), the vector type V and
// `lanes`, load/store (unaligned), gather(p, stride), load_partial(p, n) and
// store_partial(p, v, n) as isa_kernels.hpp's Isa (for the products of
// dense_loops.hpp, shared with the double widths), broadcast, add, sub, mul,
// div, max (x86 semantics), abs, neg, tanh_float_lanes.hpp's operations, and
// SLEEF's deterministic exp, log1p, expm1 and erfc for V. Tails shorter than
// a vector go through one partial vector; the one-lane width (OneFloat) calls
// SLEEF's scalar `purec` functions of the same family (FloatScalar), which
// give the same bits as every vector width.
#include <stdint.h>

#include <cstddef>

#include <sleef.h>

#include "kernels/dense_loops.hpp"
#include "kernels/float_dot_loops.hpp"
#include "kernels/float_width_table.hpp"
#include "kernels/tanh_float_lanes.hpp"

namespace nnsweep::kernels {
namespace {  // one copy per including file, on purpose: see above

// gather(p, stride) for a FloatIsa without a fast gather, one lane at a
// time. The float products only ever gather contiguous values (combine_loops.hpp
// copies a block of columns contiguous first, and fuses no derivative in
// float), so a stride other than 1 is never taken on a hot path.
template <class I>
typename I::V gather_by_lanes(const float* p, std::ptrdiff_t stride) {
  if (stride == 1) return I::load(p);
  float values[I::lanes];
  for (std::size_t i = 0; i < I::lanes; ++i) values[i] = p[static_cast<std::ptrdiff_t>(i) * stride];
  return I::load(values);
}

struct FloatScalar {
  static float exp(float x) { return Sleef_cinz_expf1_u10purec(x); }
  static float expm1(float x) { return Sleef_cinz_expm1f1_u10purec(x); }
  static float erfc(float x) { return Sleef_cinz_erfcf1_u15purec(x); }
  static float sigmoid(float x) { return 1.0f / (1.0f + exp(-x)); }
  static float softplus(float x) {
    const float magnitude = x < 0.0f ? -x : x;
    return (x > 0.0f ? x : 0.0f) + Sleef_cinz_log1pf1_u10purec(exp(-magnitude));
  }
};

// One float at a time: the reference every vector width must equal.
struct OneFloat {
  using T = float;
  using V = float;
  static constexpr std::size_t lanes = 1;
  static V load(const float* p) { return *p; }
  static void store(float* p, V v) { *p = v; }
  // Never called with fewer than one lane: present for the templates.
  static V load_partial(const float* p, std::ptrdiff_t) { return *p; }
  static void store_partial(float* p, V v, std::ptrdiff_t) { *p = v; }
  static V gather(const float* p, std::ptrdiff_t) { return *p; }
  static V broadcast(float x) { return x; }
  static V add(V a, V b) { return a + b; }
  static V sub(V a, V b) { return a - b; }
  static V mul(V a, V b) { return a * b; }
  static V div(V a, V b) { return a / b; }
  static V max(V a, V b) { return a > b ? a : b; }
  static V neg(V a) { return -a; }
  static V abs(V a) { return __builtin_fabsf(a); }
  static V min(V a, V b) { return a < b ? a : b; }
  static V with_sign_of(V v, V x) {
    return from_bits((bits(v) & ~sign_bit) | (bits(x) & sign_bit));
  }
  static V magic_power(V t) { return from_bits(((bits(t) - 0x4B400000u) + 127u) << 23); }

  static constexpr uint32_t sign_bit = uint32_t{1} << 31;
  static uint32_t bits(float v) {
    uint32_t b;
    __builtin_memcpy(&b, &v, sizeof b);
    return b;
  }
  static float from_bits(uint32_t b) {
    float v;
    __builtin_memcpy(&v, &b, sizeof v);
    return v;
  }
  static V exp(V a) { return FloatScalar::exp(a); }
  static V log1p(V a) { return Sleef_cinz_log1pf1_u10purec(a); }
  static V expm1(V a) { return FloatScalar::expm1(a); }
  static V erfc(V a) { return FloatScalar::erfc(a); }
};

template <class Isa>
struct FloatLoops {
  using V = typename Isa::V;

  // The values after the last whole vector go through `vector` too, in one
  // partial vector (the lanes past n read as 0 and are not written): SLEEF's
  // scalar functions took a tenth of a hidden-1 iteration. `one`, the same
  // function a float at a time, is for the one-lane width.
  template <class Vector, class One>
  static void map(const float* x, float* y, std::size_t n, Vector vector, One one) {
    std::size_t i = 0;
    for (; i + Isa::lanes <= n; i += Isa::lanes) Isa::store(y + i, vector(Isa::load(x + i)));
    if constexpr (Isa::lanes == 1) {
      for (; i < n; ++i) y[i] = one(x[i]);
    } else if (i < n) {
      const auto rest = static_cast<std::ptrdiff_t>(n - i);
      Isa::store_partial(y + i, vector(Isa::load_partial(x + i, rest)), rest);
    }
  }

  template <class Vector, class One>
  static void map3(const float* a, const float* da, float* dz, std::size_t n, Vector vector,
                   One one) {
    std::size_t i = 0;
    for (; i + Isa::lanes <= n; i += Isa::lanes) {
      Isa::store(dz + i, vector(Isa::load(a + i), Isa::load(da + i)));
    }
    if constexpr (Isa::lanes == 1) {
      for (; i < n; ++i) dz[i] = one(a[i], da[i]);
    } else if (i < n) {
      const auto rest = static_cast<std::ptrdiff_t>(n - i);
      Isa::store_partial(
          dz + i, vector(Isa::load_partial(a + i, rest), Isa::load_partial(da + i, rest)), rest);
    }
  }

  static void tanh_backward(const float* a, const float* da, float* dz, std::size_t n) {
    const V one = Isa::broadcast(1.0f);
    map3(
        a, da, dz, n, [&](V av, V dv) { return Isa::mul(dv, Isa::sub(one, Isa::mul(av, av))); },
        [](float av, float dv) { return dv * (1.0f - av * av); });
  }
  static void sigmoid_backward(const float* a, const float* da, float* dz, std::size_t n) {
    const V one = Isa::broadcast(1.0f);
    map3(
        a, da, dz, n, [&](V av, V dv) { return Isa::mul(dv, Isa::mul(av, Isa::sub(one, av))); },
        [](float av, float dv) { return dv * (av * (1.0f - av)); });
  }

  static void tanh(const float* x, float* y, std::size_t n) {
    map(
        x, y, n, [](V v) { return tanh_float_lanes<Isa>(v); },
        [](float v) { return tanh_float_lanes<OneFloat>(v); });
  }
  static void exp(const float* x, float* y, std::size_t n) {
    map(
        x, y, n, [](V v) { return Isa::exp(v); }, [](float v) { return FloatScalar::exp(v); });
  }
  static void expm1(const float* x, float* y, std::size_t n) {
    map(
        x, y, n, [](V v) { return Isa::expm1(v); }, [](float v) { return FloatScalar::expm1(v); });
  }
  static void erfc(const float* x, float* y, std::size_t n) {
    map(
        x, y, n, [](V v) { return Isa::erfc(v); }, [](float v) { return FloatScalar::erfc(v); });
  }
  static void sigmoid(const float* x, float* y, std::size_t n) {
    const V one = Isa::broadcast(1.0f);
    map(
        x, y, n, [&](V v) { return Isa::div(one, Isa::add(one, Isa::exp(Isa::neg(v)))); },
        [](float v) { return FloatScalar::sigmoid(v); });
  }
  static void softplus(const float* x, float* y, std::size_t n) {
    const V zero = Isa::broadcast(0.0f);
    map(
        x, y, n,
        [&](V v) {
          return Isa::add(Isa::max(v, zero), Isa::log1p(Isa::exp(Isa::neg(Isa::abs(v)))));
        },
        [](float v) { return FloatScalar::softplus(v); });
  }
};

template <class Isa>
FloatTable float_table_of() {
  using L = FloatLoops<Isa>;
  FloatTable table{L::tanh, L::exp,           L::sigmoid,          L::softplus, L::expm1,
                   L::erfc, L::tanh_backward, L::sigmoid_backward, {}};
  DenseLoops<Isa, OneFloat>::template fill_products<kMaxShort>(table.dense);
  FloatDotLoops<Isa>::template fill<kMaxShort>(table.dense);
  return table;
}

}  // namespace
}  // namespace nnsweep::kernels
