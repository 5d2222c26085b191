#pragma once
// kernels/vector_math.hpp's element-wise functions over arrays of floats, for
// training at `train.dtype: float32`, vectorised at the width
// vector_math.hpp chose (active_width(): the same NNSWEEP_SIMD and
// use_width()).
//
// Why SLEEF's float functions: they are of the same deterministic `cinz`
// family as the double ones (no fused multiply-add, one algorithm for every
// width), so a float32 run gives the same bits at every width and on every
// x86-64 CPU, as a float64 run does. exp and log1p are the 1-ulp variants.
// tanh is our own (kernels/tanh_float_lanes.hpp), deterministic in the same
// way: SLEEF's 1-ulp float tanh took half of a hidden-50 float32 iteration,
// its 3.5-ulp one two fifths. A float vector holds twice the lanes of a
// double one.
//
// Contract, for every function below: as vector_math.hpp's double versions.
//  - y[i] = f(x[i]) for 0 <= i < n; x and y may be the same array (in place),
//    and otherwise must not overlap. No alignment is needed.
//  - The result of element i depends on x[i] alone: not on n, on i's position
//    within a vector, or on the width.
//  - No allocation; safe to call from many threads at once.
#include <cstddef>

namespace nnsweep::kernels {

void tanh(const float* x, float* y, std::size_t n);
void exp(const float* x, float* y, std::size_t n);
// 1 / (1 + exp(-x)); 0 where exp(-x) overflows float (x below about -88.7).
void sigmoid(const float* x, float* y, std::size_t n);
// log(1 + exp(x)) without overflow: max(x, 0) + log1p(exp(-|x|)).
void softplus(const float* x, float* y, std::size_t n);
// exp(x) - 1 and erfc(x) without cancellation (1 ulp and 1.5 ulp).
void expm1(const float* x, float* y, std::size_t n);
void erfc(const float* x, float* y, std::size_t n);

// dz = da * (1 - a * a) and dz = da * (a * (1 - a)), in float. dz may be da
// (in place); a must not overlap it.
void tanh_backward(const float* a, const float* da, float* dz, std::size_t n);
void sigmoid_backward(const float* a, const float* da, float* dz, std::size_t n);

// The products of a float dense layer with a short side (1 to 8 values),
// as kernels/dense_kernels.hpp's combine() and accumulate() in double, with
// the same contract: the same loops (kernels/dense_loops.hpp), so each output
// is one fixed sequence of float multiplies and adds whatever the width, and
// a float vector holds twice a double one's lanes.
//
// out(:, i) = bias + M(:, 0) S(0, i) + M(:, 1) S(1, i) + ..., summed left to
// right, 0 <= i < m; M is rows x short_dim (ld_m), S(k, i) = S[k * k_step +
// i * i_step], out rows x m (ld_out), bias `rows` floats or null.
void combine(const float* M, std::ptrdiff_t ld_m, const float* S, std::ptrdiff_t k_step,
             std::ptrdiff_t i_step, const float* bias, float* out, std::ptrdiff_t ld_out,
             std::ptrdiff_t rows, std::ptrdiff_t short_dim, std::ptrdiff_t m);
// out(:, s) = 0 + L(:, 0) S(s, 0) + ... + L(:, m-1) S(s, m-1), left to right,
// 0 <= s < short_dim; L is rows x m (ld_l), S short_dim x m (ld_s), out rows
// x short_dim (ld_out).
void accumulate(const float* L, std::ptrdiff_t ld_l, const float* S, std::ptrdiff_t ld_s,
                float* out, std::ptrdiff_t ld_out, std::ptrdiff_t rows, std::ptrdiff_t short_dim,
                std::ptrdiff_t m);
// out(s) = sum_i x(i) S(s, i) for 0 <= s < short_dim (1 to 8): a one-unit
// layer's weight gradient. x is m contiguous floats, S(s, i) = S[s * k_step +
// i * i_step]. Each sum in 16 partial sums, term i into sum i mod 16, added
// pairwise at the end (kernels/float_dot_loops.hpp): the same bits at every
// width.
void dots(const float* x, const float* S, std::ptrdiff_t k_step, std::ptrdiff_t i_step,
          std::ptrdiff_t short_dim, std::ptrdiff_t m, float* out);

}  // namespace nnsweep::kernels
