// kernels/vector_math_float.hpp at 8 floats (AVX2). Compiled with -mavx2
// -mfma like vector_math_avx2.cpp, and called on the same CPUs; SLEEF's `avx`
// functions need no more than AVX.
#include <immintrin.h>

#include "kernels/float_loops.hpp"

namespace nnsweep::kernels {
namespace {

struct FloatAvx2 {
  using T = float;
  using V = __m256;
  static constexpr std::size_t lanes = 8;
  static V load(const float* p) { return _mm256_loadu_ps(p); }
  static void store(float* p, V v) { _mm256_storeu_ps(p, v); }
  static __m256i first_lanes(std::ptrdiff_t n) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(n)),
                              _mm256_set_epi32(7, 6, 5, 4, 3, 2, 1, 0));
  }
  static V load_partial(const float* p, std::ptrdiff_t n) {
    return _mm256_maskload_ps(p, first_lanes(n));
  }
  // Not vmaskmovps: AMD's Zen cores microcode its store form, which made
  // a hidden-4 float32 iteration slower than float64's. Halves, then pairs,
  // then one float.
  static void store_partial(float* p, V v, std::ptrdiff_t n) {
    __m128 part = _mm256_castps256_ps128(v);
    if (n >= 4) {
      _mm_storeu_ps(p, part);
      part = _mm256_extractf128_ps(v, 1);
      p += 4;
      n -= 4;
    }
    if (n >= 2) {
      _mm_storel_pi(reinterpret_cast<__m64*>(p), part);
      part = _mm_movehl_ps(part, part);
      p += 2;
      n -= 2;
    }
    if (n >= 1) _mm_store_ss(p, part);
  }
  static V gather(const float* p, std::ptrdiff_t stride) {
    return gather_by_lanes<FloatAvx2>(p, stride);
  }
  static V broadcast(float x) { return _mm256_set1_ps(x); }
  static V add(V a, V b) { return _mm256_add_ps(a, b); }
  static V sub(V a, V b) { return _mm256_sub_ps(a, b); }
  static V mul(V a, V b) { return _mm256_mul_ps(a, b); }
  static V div(V a, V b) { return _mm256_div_ps(a, b); }
  static V max(V a, V b) { return _mm256_max_ps(a, b); }
  static V neg(V a) { return _mm256_xor_ps(a, _mm256_set1_ps(-0.0f)); }
  static V abs(V a) { return _mm256_andnot_ps(_mm256_set1_ps(-0.0f), a); }
  static V min(V a, V b) { return _mm256_min_ps(a, b); }
  static V with_sign_of(V v, V x) {
    const V sign = _mm256_set1_ps(-0.0f);
    return _mm256_or_ps(_mm256_andnot_ps(sign, v), _mm256_and_ps(sign, x));
  }
  static V magic_power(V t) {
    const __m256i n = _mm256_sub_epi32(_mm256_castps_si256(t), _mm256_set1_epi32(0x4B400000));
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n, _mm256_set1_epi32(127)), 23));
  }
  static V exp(V a) { return Sleef_cinz_expf8_u10avx(a); }
  static V log1p(V a) { return Sleef_cinz_log1pf8_u10avx(a); }
  static V expm1(V a) { return Sleef_cinz_expm1f8_u10avx(a); }
  static V erfc(V a) { return Sleef_cinz_erfcf8_u15avx(a); }
};

}  // namespace

FloatTable float_avx2_table() {
  return float_table_of<FloatAvx2>();
}

}  // namespace nnsweep::kernels
