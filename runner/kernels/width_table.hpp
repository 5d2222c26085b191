#pragma once
// The functions of kernels/vector_math.hpp at one width, as the per-width
// files provide them; internal to runner/kernels.
#include <cstddef>

#include "kernels/dense_kernels.hpp"  // kMaxGradientShort

namespace nnsweep::kernels {

using ArrayFunction = void (*)(const double* x, double* y, std::size_t n);  // as blocks.hpp

using GradientFunction = void (*)(const double* a, const double* da, double* dz,
                                  std::size_t n);  // as blocks.hpp

// kernels/dense_kernels.hpp's functions, by the short dimension (1 to
// kMaxShort; entry 0 is unused).

// combine_derivative's activation outputs A, and combine_derivative_gradient's
// gradient (kernels/dense_kernels.hpp). T is double, or float for
// kernels/vector_math_float.hpp's products.
template <class T>
struct ThroughOf {
  const T* A = nullptr;
  std::ptrdiff_t ld_a = 0;
  T* gradient = nullptr;
  std::ptrdiff_t ld_gradient = 0;
};
using Through = ThroughOf<double>;

// S(k, i) = S[k * k_step + i * i_step]; `through` null for a plain combine.
template <class T>
using CombineFunctionOf = void (*)(const T* M, std::ptrdiff_t ld_m, const T* S,
                                   std::ptrdiff_t k_step, std::ptrdiff_t i_step, const T* bias,
                                   const ThroughOf<T>* through, T* out, std::ptrdiff_t ld_out,
                                   std::ptrdiff_t rows, std::ptrdiff_t m);
template <class T>
using AccumulateFunctionOf = void (*)(const T* L, std::ptrdiff_t ld_l, const T* S,
                                      std::ptrdiff_t ld_s, T* out, std::ptrdiff_t ld_out,
                                      std::ptrdiff_t rows, std::ptrdiff_t m);
using CombineFunction = CombineFunctionOf<double>;
using AccumulateFunction = AccumulateFunctionOf<double>;
constexpr int kMaxShort = 8;
using RowSumsFunction = void (*)(const double* M, std::ptrdiff_t ld, std::ptrdiff_t rows,
                                 std::ptrdiff_t columns, double* out);
using DotFunction = void (*)(const double* x, const double* S, std::ptrdiff_t k_step,
                             std::ptrdiff_t i_step, std::ptrdiff_t short_dim, std::ptrdiff_t m,
                             double* out);
using ColumnDotsFunction = void (*)(const double* w, const double* A, std::ptrdiff_t ld_a,
                                    std::ptrdiff_t n, std::ptrdiff_t m, double* out);
struct DenseTable {
  CombineFunction combine_bias[kMaxShort + 1], combine[kMaxShort + 1];
  CombineFunction combine_derivative[2][kMaxShort + 1];  // by Derivative, then short dimension
  CombineFunction combine_derivative_gradient[2][kMaxGradientShort + 1];
  AccumulateFunction accumulate[kMaxShort + 1];
  RowSumsFunction numpy_row_sums;
  DotFunction numpy_dot;
  ColumnDotsFunction column_dots;
};

struct WidthTable {
  ArrayFunction tanh, exp, sigmoid, softplus, expm1, erfc;
  GradientFunction tanh_backward, sigmoid_backward;
  DenseTable dense;
};

WidthTable scalar_table();
WidthTable sse2_table();
WidthTable avx2_table();    // only on CPUs with AVX2 and FMA
WidthTable avx512_table();  // only on CPUs with AVX-512F

}  // namespace nnsweep::kernels
