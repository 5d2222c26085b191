#pragma once
// The functions of kernels/vector_math_float.hpp at one width, as the
// per-width files provide them; internal to runner/kernels.
#include <cstddef>

#include "kernels/width_table.hpp"  // CombineFunctionOf, AccumulateFunctionOf, kMaxShort

namespace nnsweep::kernels {

using FloatArrayFunction = void (*)(const float* x, float* y, std::size_t n);
using FloatGradientFunction = void (*)(const float* a, const float* da, float* dz, std::size_t n);

// kernels/vector_math_float.hpp's products, by the short dimension (1 to
// kMaxShort; entry 0 is unused).
using FloatDotsFunction = void (*)(const float* x, const float* S, std::ptrdiff_t k_step,
                                   std::ptrdiff_t i_step, std::ptrdiff_t m, float* out);
struct FloatDenseTable {
  CombineFunctionOf<float> combine_bias[kMaxShort + 1], combine[kMaxShort + 1];
  AccumulateFunctionOf<float> accumulate[kMaxShort + 1];
  FloatDotsFunction dots[kMaxShort + 1];
};

struct FloatTable {
  FloatArrayFunction tanh, exp, sigmoid, softplus, expm1, erfc;
  FloatGradientFunction tanh_backward, sigmoid_backward;
  FloatDenseTable dense;
};

FloatTable float_scalar_table();
FloatTable float_sse2_table();
FloatTable float_avx2_table();    // only on CPUs with AVX2 and FMA
FloatTable float_avx512_table();  // only on CPUs with AVX-512F

}  // namespace nnsweep::kernels
