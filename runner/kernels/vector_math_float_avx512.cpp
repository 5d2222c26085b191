// kernels/vector_math_float.hpp at 16 floats (AVX-512F). Compiled with
// -mavx512f like vector_math_avx512.cpp, and called on the same CPUs.
#include <immintrin.h>

#include "kernels/float_loops.hpp"

namespace nnsweep::kernels {
namespace {

struct FloatAvx512 {
  using T = float;
  using V = __m512;
  static constexpr std::size_t lanes = 16;
  static V load(const float* p) { return _mm512_loadu_ps(p); }
  static void store(float* p, V v) { _mm512_storeu_ps(p, v); }
  static __mmask16 first_lanes(std::ptrdiff_t n) { return static_cast<__mmask16>((1u << n) - 1u); }
  static V load_partial(const float* p, std::ptrdiff_t n) {
    return _mm512_maskz_loadu_ps(first_lanes(n), p);
  }
  static void store_partial(float* p, V v, std::ptrdiff_t n) {
    _mm512_mask_storeu_ps(p, first_lanes(n), v);
  }
  static V gather(const float* p, std::ptrdiff_t stride) {
    return gather_by_lanes<FloatAvx512>(p, stride);
  }
  static V broadcast(float x) { return _mm512_set1_ps(x); }
  static V add(V a, V b) { return _mm512_add_ps(a, b); }
  static V sub(V a, V b) { return _mm512_sub_ps(a, b); }
  static V mul(V a, V b) { return _mm512_mul_ps(a, b); }
  static V div(V a, V b) { return _mm512_div_ps(a, b); }
  static V max(V a, V b) { return _mm512_max_ps(a, b); }
  // Sign-bit arithmetic on the integer view (AVX-512F has no xor_ps).
  static V neg(V a) {
    return _mm512_castsi512_ps(_mm512_xor_si512(_mm512_castps_si512(a), sign()));
  }
  static V abs(V a) {
    return _mm512_castsi512_ps(_mm512_andnot_si512(sign(), _mm512_castps_si512(a)));
  }
  static V min(V a, V b) { return _mm512_min_ps(a, b); }
  // One bitwise select, sign bit ? x : v (ternary-logic table 0xCA).
  static V with_sign_of(V v, V x) {
    return _mm512_castsi512_ps(
        _mm512_ternarylogic_epi32(sign(), _mm512_castps_si512(x), _mm512_castps_si512(v), 0xCA));
  }
  static V magic_power(V t) {
    const __m512i n = _mm512_sub_epi32(_mm512_castps_si512(t), _mm512_set1_epi32(0x4B400000));
    return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(n, _mm512_set1_epi32(127)), 23));
  }
  static __m512i sign() { return _mm512_set1_epi32(static_cast<int>(0x80000000u)); }
  static V exp(V a) { return Sleef_cinz_expf16_u10avx512fnofma(a); }
  static V log1p(V a) { return Sleef_cinz_log1pf16_u10avx512fnofma(a); }
  static V expm1(V a) { return Sleef_cinz_expm1f16_u10avx512fnofma(a); }
  static V erfc(V a) { return Sleef_cinz_erfcf16_u15avx512fnofma(a); }
};

}  // namespace

FloatTable float_avx512_table() {
  return float_table_of<FloatAvx512>();
}

}  // namespace nnsweep::kernels
