// kernels/vector_math.hpp at 2 doubles (SSE2, every x86-64 CPU), and at 1
// (isa_kernels.hpp's One).
#include <emmintrin.h>

#include "kernels/dense_loops.hpp"
#include "kernels/width_table.hpp"

namespace nnsweep::kernels {
namespace {

struct Sse2 {
  using T = double;
  using V = __m128d;
  static constexpr std::size_t lanes = 2;
  static V load(const double* p) { return _mm_loadu_pd(p); }
  static V gather(const double* p, std::ptrdiff_t stride) { return _mm_set_pd(p[stride], p[0]); }
  static void store(double* p, V v) { _mm_storeu_pd(p, v); }
  static V load_partial(const double* p, std::ptrdiff_t) { return _mm_load_sd(p); }
  static void store_partial(double* p, V v, std::ptrdiff_t) { _mm_store_sd(p, v); }
  static V broadcast(double x) { return _mm_set1_pd(x); }
  static V add(V a, V b) { return _mm_add_pd(a, b); }
  static V sub(V a, V b) { return _mm_sub_pd(a, b); }
  static V mul(V a, V b) { return _mm_mul_pd(a, b); }
  static V div(V a, V b) { return _mm_div_pd(a, b); }
  static V max(V a, V b) { return _mm_max_pd(a, b); }
  static V min(V a, V b) { return _mm_min_pd(a, b); }
  // SSE2 has no fused multiply-add: glibc's fma() per lane, correctly
  // rounded like the instruction, so the bits match the wider widths.
  static V fma(V a, V b, V c) {
    alignas(16) double x[2], y[2], z[2];
    _mm_store_pd(x, a);
    _mm_store_pd(y, b);
    _mm_store_pd(z, c);
    return _mm_set_pd(::fma(x[1], y[1], z[1]), ::fma(x[0], y[0], z[0]));
  }
  static V neg(V a) { return _mm_xor_pd(a, _mm_set1_pd(-0.0)); }
  static V abs(V a) { return _mm_andnot_pd(_mm_set1_pd(-0.0), a); }
  static V with_sign_of(V v, V x) {
    const V sign = _mm_set1_pd(-0.0);
    return _mm_or_pd(_mm_andnot_pd(sign, v), _mm_and_pd(sign, x));
  }
  static V minus_abs(V a) { return _mm_or_pd(a, _mm_set1_pd(-0.0)); }
  static V table16(const double* table, V shifted) {
    const __m128i bits = _mm_castpd_si128(shifted);
    const long long low = _mm_cvtsi128_si64(bits);
    const long long high = _mm_cvtsi128_si64(_mm_unpackhi_epi64(bits, bits));
    return _mm_set_pd(table[high & 15], table[low & 15]);
  }
  static V sixteenths_to_power(V shifted) {
    const __m128i k = _mm_srli_epi64(_mm_castpd_si128(shifted), 4);
    return _mm_castsi128_pd(_mm_slli_epi64(_mm_add_epi64(k, _mm_set1_epi64x(1023)), 52));
  }
  static V exp(V a) { return Sleef_cinz_expd2_u10sse2(a); }
  static V log1p(V a) { return Sleef_cinz_log1pd2_u10sse2(a); }
  static V expm1(V a) { return Sleef_cinz_expm1d2_u10sse2(a); }
  static V erfc(V a) { return Sleef_cinz_erfcd2_u15sse2(a); }
};

}  // namespace

WidthTable sse2_table() {
  return width_table_of<Sse2>();
}
WidthTable scalar_table() {
  return width_table_of<One>();
}

}  // namespace nnsweep::kernels
