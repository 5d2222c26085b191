// kernels/vector_math.hpp at 2 doubles (SSE2, every x86-64 CPU), and at 1.
#include <emmintrin.h>

#include "kernels/isa_kernels.hpp"
#include "kernels/width_table.hpp"

namespace nnsweep::kernels {
namespace {

struct Sse2 {
  using V = __m128d;
  static constexpr std::size_t lanes = 2;
  static V load(const double* p) { return _mm_loadu_pd(p); }
  static void store(double* p, V v) { _mm_storeu_pd(p, v); }
  static V broadcast(double x) { return _mm_set1_pd(x); }
  static V add(V a, V b) { return _mm_add_pd(a, b); }
  static V sub(V a, V b) { return _mm_sub_pd(a, b); }
  static V mul(V a, V b) { return _mm_mul_pd(a, b); }
  static V div(V a, V b) { return _mm_div_pd(a, b); }
  static V max(V a, V b) { return _mm_max_pd(a, b); }
  static V neg(V a) { return _mm_xor_pd(a, _mm_set1_pd(-0.0)); }
  static V abs(V a) { return _mm_andnot_pd(_mm_set1_pd(-0.0), a); }
  static V tanh(V a) { return Sleef_cinz_tanhd2_u35sse2(a); }
  static V exp(V a) { return Sleef_cinz_expd2_u10sse2(a); }
  static V log1p(V a) { return Sleef_cinz_log1pd2_u10sse2(a); }
};

// One double at a time: the reference the vector widths must equal.
struct One {
  using V = double;
  static constexpr std::size_t lanes = 1;
  static V load(const double* p) { return *p; }
  static void store(double* p, V v) { *p = v; }
  static V broadcast(double x) { return x; }
  static V add(V a, V b) { return a + b; }
  static V sub(V a, V b) { return a - b; }
  static V mul(V a, V b) { return a * b; }
  static V div(V a, V b) { return a / b; }
  static V max(V a, V b) { return a > b ? a : b; }
  static V neg(V a) { return -a; }
  static V abs(V a) { return a < 0.0 ? -a : a; }
  static V tanh(V a) { return Scalar::tanh(a); }
  static V exp(V a) { return Scalar::exp(a); }
  static V log1p(V a) { return Scalar::log1p(a); }
};

template <class Isa>
WidthTable table_of() {
  return {&Loops<Isa>::tanh,     &Loops<Isa>::exp,           &Loops<Isa>::sigmoid,
          &Loops<Isa>::softplus, &Loops<Isa>::tanh_backward, &Loops<Isa>::sigmoid_backward};
}

}  // namespace

WidthTable sse2_table() {
  return table_of<Sse2>();
}
WidthTable scalar_table() {
  return table_of<One>();
}

}  // namespace nnsweep::kernels
