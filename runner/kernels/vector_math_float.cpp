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

}  // namespace nnsweep::kernels
