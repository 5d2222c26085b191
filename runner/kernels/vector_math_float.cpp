// The float functions at the width in use (kernels/vector_math_float.hpp).
#include "kernels/vector_math_float.hpp"

#include "kernels/float_width_table.hpp"
#include "kernels/vector_math.hpp"

namespace nnsweep::kernels {
namespace {

// Indexed by Width. A table of a width the CPU lacks is only addresses:
// active_width() never selects it.
const FloatTable& active_float_table() {
  static const FloatTable tables[] = {float_scalar_table(), float_sse2_table(), float_avx2_table(),
                                      float_avx512_table()};
  return tables[static_cast<int>(active_width())];
}

}  // namespace

void tanh(const float* x, float* y, std::size_t n) {
  active_float_table().tanh(x, y, n);
}
void exp(const float* x, float* y, std::size_t n) {
  active_float_table().exp(x, y, n);
}
void sigmoid(const float* x, float* y, std::size_t n) {
  active_float_table().sigmoid(x, y, n);
}
void softplus(const float* x, float* y, std::size_t n) {
  active_float_table().softplus(x, y, n);
}
void expm1(const float* x, float* y, std::size_t n) {
  active_float_table().expm1(x, y, n);
}
void erfc(const float* x, float* y, std::size_t n) {
  active_float_table().erfc(x, y, n);
}
void tanh_backward(const float* a, const float* da, float* dz, std::size_t n) {
  active_float_table().tanh_backward(a, da, dz, n);
}
void sigmoid_backward(const float* a, const float* da, float* dz, std::size_t n) {
  active_float_table().sigmoid_backward(a, da, dz, n);
}

void combine(const float* M, std::ptrdiff_t ld_m, const float* S, std::ptrdiff_t k_step,
             std::ptrdiff_t i_step, const float* bias, float* out, std::ptrdiff_t ld_out,
             std::ptrdiff_t rows, std::ptrdiff_t short_dim, std::ptrdiff_t m) {
  const FloatDenseTable& dense = active_float_table().dense;
  (bias ? dense.combine_bias : dense.combine)[short_dim](M, ld_m, S, k_step, i_step, bias, nullptr,
                                                         out, ld_out, rows, m);
}
void dots(const float* x, const float* S, std::ptrdiff_t k_step, std::ptrdiff_t i_step,
          std::ptrdiff_t short_dim, std::ptrdiff_t m, float* out) {
  active_float_table().dense.dots[short_dim](x, S, k_step, i_step, m, out);
}
void accumulate(const float* L, std::ptrdiff_t ld_l, const float* S, std::ptrdiff_t ld_s,
                float* out, std::ptrdiff_t ld_out, std::ptrdiff_t rows, std::ptrdiff_t short_dim,
                std::ptrdiff_t m) {
  active_float_table().dense.accumulate[short_dim](L, ld_l, S, ld_s, out, ld_out, rows, m);
}

}  // namespace nnsweep::kernels
