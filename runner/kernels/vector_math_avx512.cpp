// kernels/vector_math.hpp at 8 doubles (AVX-512F). Compiled with -mavx512f;
// called only on CPUs that have it (vector_math.cpp checks).
#include <immintrin.h>

#include "kernels/dense_loops.hpp"
#include "kernels/width_table.hpp"

namespace nnsweep::kernels {
namespace {

struct Avx512 {
  using T = double;
  using V = __m512d;
  static constexpr std::size_t lanes = 8;
  static V load(const double* p) { return _mm512_loadu_pd(p); }
  // Hardware gathers are slow: a contiguous "gather" is a load.
  static V gather(const double* p, std::ptrdiff_t stride) {
    if (stride == 1) return load(p);
    const __m512i offsets = _mm512_set_epi64(7 * stride, 6 * stride, 5 * stride, 4 * stride,
                                             3 * stride, 2 * stride, stride, 0);
    return _mm512_i64gather_pd(offsets, p, 8);
  }
  static void store(double* p, V v) { _mm512_storeu_pd(p, v); }
  static __mmask8 first_lanes(std::ptrdiff_t n) { return static_cast<__mmask8>((1u << n) - 1u); }
  static V load_partial(const double* p, std::ptrdiff_t n) {
    return _mm512_maskz_loadu_pd(first_lanes(n), p);
  }
  static void store_partial(double* p, V v, std::ptrdiff_t n) {
    _mm512_mask_storeu_pd(p, first_lanes(n), v);
  }
  static V broadcast(double x) { return _mm512_set1_pd(x); }
  static V add(V a, V b) { return _mm512_add_pd(a, b); }
  static V sub(V a, V b) { return _mm512_sub_pd(a, b); }
  static V mul(V a, V b) { return _mm512_mul_pd(a, b); }
  static V div(V a, V b) { return _mm512_div_pd(a, b); }
  static V max(V a, V b) { return _mm512_max_pd(a, b); }
  static V min(V a, V b) { return _mm512_min_pd(a, b); }
  static V fma(V a, V b, V c) { return _mm512_fmadd_pd(a, b, c); }
  // Sign-bit arithmetic on the integer view (AVX-512F has no xor_pd).
  static V neg(V a) {
    return _mm512_castsi512_pd(_mm512_xor_si512(_mm512_castpd_si512(a), sign()));
  }
  static V abs(V a) {
    return _mm512_castsi512_pd(_mm512_andnot_si512(sign(), _mm512_castpd_si512(a)));
  }
  // One bitwise select, sign bit ? x : v (ternary-logic table 0xCA).
  static V with_sign_of(V v, V x) {
    return _mm512_castsi512_pd(
        _mm512_ternarylogic_epi64(sign(), _mm512_castpd_si512(x), _mm512_castpd_si512(v), 0xCA));
  }
  static V minus_abs(V a) {
    return _mm512_castsi512_pd(_mm512_or_si512(_mm512_castpd_si512(a), sign()));
  }
  // A register permute across the table's two halves (index bit 3 picks the half).
  static V table16(const double* table, V shifted) {
    return _mm512_permutex2var_pd(load(table), _mm512_castpd_si512(shifted), load(table + 8));
  }
  static V sixteenths_to_power(V shifted) {
    const __m512i k = _mm512_srli_epi64(_mm512_castpd_si512(shifted), 4);
    return _mm512_castsi512_pd(_mm512_slli_epi64(_mm512_add_epi64(k, _mm512_set1_epi64(1023)), 52));
  }
  static __m512i sign() { return _mm512_set1_epi64(static_cast<long long>(1ULL << 63)); }
  // ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)) by three swaps: pairs,
  // then the pairs' sums two lanes apart, then the halves.
  static double tree8(const V* parts) {
    // The masked forms take every lane from the permute (mask 0xFF), and
    // avoid GCC 12's false uninitialized warning on the plain ones.
    const V pairs = add(parts[0], _mm512_mask_permute_pd(parts[0], 0xFF, parts[0], 0x55));
    const V quads = add(pairs, _mm512_mask_permutex_pd(pairs, 0xFF, pairs, 0x4E));
    return _mm512_cvtsd_f64(add(quads, _mm512_mask_shuffle_f64x2(quads, 0xFF, quads, quads, 0x4E)));
  }
  static V exp(V a) { return Sleef_cinz_expd8_u10avx512fnofma(a); }
  static V log1p(V a) { return Sleef_cinz_log1pd8_u10avx512fnofma(a); }
  static V expm1(V a) { return Sleef_cinz_expm1d8_u10avx512fnofma(a); }
  static V erfc(V a) { return Sleef_cinz_erfcd8_u15avx512fnofma(a); }
};

}  // namespace

WidthTable avx512_table() {
  return width_table_of<Avx512>();
}

}  // namespace nnsweep::kernels
