// kernels/vector_math.hpp at 4 doubles (AVX). Compiled with -mavx; called
// only on CPUs that have it (vector_math.cpp checks).
#include <immintrin.h>

#include "kernels/isa_kernels.hpp"
#include "kernels/width_table.hpp"

namespace nnsweep::kernels {
namespace {

struct Avx {
  using V = __m256d;
  static constexpr std::size_t lanes = 4;
  static V load(const double* p) { return _mm256_loadu_pd(p); }
  static void store(double* p, V v) { _mm256_storeu_pd(p, v); }
  static V broadcast(double x) { return _mm256_set1_pd(x); }
  static V add(V a, V b) { return _mm256_add_pd(a, b); }
  static V sub(V a, V b) { return _mm256_sub_pd(a, b); }
  static V mul(V a, V b) { return _mm256_mul_pd(a, b); }
  static V div(V a, V b) { return _mm256_div_pd(a, b); }
  static V max(V a, V b) { return _mm256_max_pd(a, b); }
  static V neg(V a) { return _mm256_xor_pd(a, _mm256_set1_pd(-0.0)); }
  static V abs(V a) { return _mm256_andnot_pd(_mm256_set1_pd(-0.0), a); }
  static V tanh(V a) { return Sleef_cinz_tanhd4_u35avx(a); }
  static V exp(V a) { return Sleef_cinz_expd4_u10avx(a); }
  static V log1p(V a) { return Sleef_cinz_log1pd4_u10avx(a); }
};

}  // namespace

WidthTable avx_table() {
  return {&Loops<Avx>::tanh,     &Loops<Avx>::exp,           &Loops<Avx>::sigmoid,
          &Loops<Avx>::softplus, &Loops<Avx>::tanh_backward, &Loops<Avx>::sigmoid_backward};
}

}  // namespace nnsweep::kernels
