// kernels/vector_math_float.hpp at 4 floats (SSE2, every x86-64 CPU), and one
// float at a time (the scalar width).
#include <immintrin.h>

#include "kernels/float_loops.hpp"

namespace nnsweep::kernels {
namespace {

struct FloatSse2 {
  using T = float;
  using V = __m128;
  static constexpr std::size_t lanes = 4;
  static V load(const float* p) { return _mm_loadu_ps(p); }
  static void store(float* p, V v) { _mm_storeu_ps(p, v); }
  // SSE2 has no masked loads and stores: loads go through a buffer (the
  // lanes past n zero), stores by a pair, then one float.
  static V load_partial(const float* p, std::ptrdiff_t n) {
    float values[lanes] = {};
    for (std::ptrdiff_t i = 0; i < n; ++i) values[i] = p[i];
    return load(values);
  }
  static void store_partial(float* p, V v, std::ptrdiff_t n) {
    if (n >= 2) {
      _mm_storel_pi(reinterpret_cast<__m64*>(p), v);
      v = _mm_movehl_ps(v, v);
      p += 2;
      n -= 2;
    }
    if (n >= 1) _mm_store_ss(p, v);
  }
  static V gather(const float* p, std::ptrdiff_t stride) {
    return _mm_set_ps(p[3 * stride], p[2 * stride], p[stride], p[0]);
  }
  static V broadcast(float x) { return _mm_set1_ps(x); }
  static V add(V a, V b) { return _mm_add_ps(a, b); }
  static V sub(V a, V b) { return _mm_sub_ps(a, b); }
  static V mul(V a, V b) { return _mm_mul_ps(a, b); }
  static V div(V a, V b) { return _mm_div_ps(a, b); }
  static V max(V a, V b) { return _mm_max_ps(a, b); }
  static V neg(V a) { return _mm_xor_ps(a, _mm_set1_ps(-0.0f)); }
  static V abs(V a) { return _mm_andnot_ps(_mm_set1_ps(-0.0f), a); }
  static V min(V a, V b) { return _mm_min_ps(a, b); }
  static V with_sign_of(V v, V x) {
    const V sign = _mm_set1_ps(-0.0f);
    return _mm_or_ps(_mm_andnot_ps(sign, v), _mm_and_ps(sign, x));
  }
  static V magic_power(V t) {
    const __m128i n = _mm_sub_epi32(_mm_castps_si128(t), _mm_set1_epi32(0x4B400000));
    return _mm_castsi128_ps(_mm_slli_epi32(_mm_add_epi32(n, _mm_set1_epi32(127)), 23));
  }
  static V exp(V a) { return Sleef_cinz_expf4_u10sse2(a); }
  static V log1p(V a) { return Sleef_cinz_log1pf4_u10sse2(a); }
  static V expm1(V a) { return Sleef_cinz_expm1f4_u10sse2(a); }
  static V erfc(V a) { return Sleef_cinz_erfcf4_u15sse2(a); }
};

}  // namespace

FloatTable float_sse2_table() {
  return float_table_of<FloatSse2>();
}

FloatTable float_scalar_table() {
  return float_table_of<OneFloat>();
}

}  // namespace nnsweep::kernels
