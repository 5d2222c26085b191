// kernels/vector_math.hpp at 4 doubles (AVX2 with FMA). Compiled with -mavx2
// -mfma; called only on CPUs that have both (vector_math.cpp checks).
#include <immintrin.h>

#include "kernels/dense_loops.hpp"
#include "kernels/width_table.hpp"

namespace nnsweep::kernels {
namespace {

struct Avx2 {
  using T = double;
  using V = __m256d;
  static constexpr std::size_t lanes = 4;
  static V load(const double* p) { return _mm256_loadu_pd(p); }
  // Hardware gathers are slow: a contiguous "gather" is a load.
  static V gather(const double* p, std::ptrdiff_t stride) {
    if (stride == 1) return load(p);
    return _mm256_i64gather_pd(p, _mm256_set_epi64x(3 * stride, 2 * stride, stride, 0), 8);
  }
  static void store(double* p, V v) { _mm256_storeu_pd(p, v); }
  static __m256i first_lanes(std::ptrdiff_t n) {
    return _mm256_cmpgt_epi64(_mm256_set1_epi64x(n), _mm256_set_epi64x(3, 2, 1, 0));
  }
  static V load_partial(const double* p, std::ptrdiff_t n) {
    return _mm256_maskload_pd(p, first_lanes(n));
  }
  static void store_partial(double* p, V v, std::ptrdiff_t n) {
    _mm256_maskstore_pd(p, first_lanes(n), v);
  }
  static V broadcast(double x) { return _mm256_set1_pd(x); }
  static V add(V a, V b) { return _mm256_add_pd(a, b); }
  static V sub(V a, V b) { return _mm256_sub_pd(a, b); }
  static V mul(V a, V b) { return _mm256_mul_pd(a, b); }
  static V div(V a, V b) { return _mm256_div_pd(a, b); }
  static V max(V a, V b) { return _mm256_max_pd(a, b); }
  static V min(V a, V b) { return _mm256_min_pd(a, b); }
  static V fma(V a, V b, V c) { return _mm256_fmadd_pd(a, b, c); }
  static V neg(V a) { return _mm256_xor_pd(a, _mm256_set1_pd(-0.0)); }
  static V abs(V a) { return _mm256_andnot_pd(_mm256_set1_pd(-0.0), a); }
  static V with_sign_of(V v, V x) {
    const V sign = _mm256_set1_pd(-0.0);
    return _mm256_or_pd(_mm256_andnot_pd(sign, v), _mm256_and_pd(sign, x));
  }
  static V minus_abs(V a) { return _mm256_or_pd(a, _mm256_set1_pd(-0.0)); }
  // A gather from 16 doubles, in the L1 cache after the first vector.
  static V table16(const double* table, V shifted) {
    const __m256i index = _mm256_and_si256(_mm256_castpd_si256(shifted), _mm256_set1_epi64x(15));
    return _mm256_i64gather_pd(table, index, 8);
  }
  static V sixteenths_to_power(V shifted) {
    const __m256i k = _mm256_srli_epi64(_mm256_castpd_si256(shifted), 4);
    return _mm256_castsi256_pd(
        _mm256_slli_epi64(_mm256_add_epi64(k, _mm256_set1_epi64x(1023)), 52));
  }
  static V exp(V a) { return Sleef_cinz_expd4_u10avx(a); }
  static V log1p(V a) { return Sleef_cinz_log1pd4_u10avx(a); }
  static V expm1(V a) { return Sleef_cinz_expm1d4_u10avx(a); }
  static V erfc(V a) { return Sleef_cinz_erfcd4_u15avx(a); }
};

}  // namespace

WidthTable avx2_table() {
  return width_table_of<Avx2>();
}

}  // namespace nnsweep::kernels
