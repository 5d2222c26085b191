#pragma once
// The functions of kernels/vector_math.hpp at one width, as the per-width
// files provide them; internal to runner/kernels.
#include <cstddef>

namespace nnsweep::kernels {

using ArrayFunction = void (*)(const double* x, double* y, std::size_t n);  // as blocks.hpp

using GradientFunction = void (*)(const double* a, const double* da, double* dz,
                                  std::size_t n);  // as blocks.hpp

struct WidthTable {
  ArrayFunction tanh, exp, sigmoid, softplus;
  GradientFunction tanh_backward, sigmoid_backward;
};

WidthTable scalar_table();
WidthTable sse2_table();
WidthTable avx_table();     // only on CPUs with AVX
WidthTable avx512_table();  // only on CPUs with AVX-512F

}  // namespace nnsweep::kernels
