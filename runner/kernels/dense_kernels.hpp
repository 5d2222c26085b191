#pragma once
// The products of a dense layer whose one dimension is short (at most
// kMaxShort: 2 input features, a one-unit output layer), vectorised down the
// long one at the widest SIMD width the CPU offers (kernels/vector_math.hpp).
//
// Contract, for every function:
//  - Matrices are column-major with the leading dimensions given (ld_* >= the
//    rows they hold); `short_dim` is 1 to kMaxShort, rows and m >= 0.
//  - Each output element is a fixed sequence of IEEE multiplies and adds, the
//    terms in the order written below: the bits depend on the values alone,
//    not on the width, the CPU or any output's position in a vector.
//  - `out` must not overlap the inputs. No allocation; thread-safe.
#include <cstddef>

namespace nnsweep::kernels {

// The short operand S (short_dim x m) of combine() and numpy_dot() by its two
// strides: S(k, i) = data[k * k_step + i * i_step]. Column-major S is
// columns(data, ld); S stored transposed, each of its rows contiguous, is
// rows(data, ld), which the kernels of a one-row result read without copying.
struct ShortOperand {
  const double* data;
  std::ptrdiff_t k_step, i_step;
  static ShortOperand columns(const double* data, std::ptrdiff_t ld) { return {data, 1, ld}; }
  static ShortOperand rows(const double* data, std::ptrdiff_t ld) { return {data, ld, 1}; }
};

// out(:, i) = bias + M(:, 0) S(0, i) + M(:, 1) S(1, i) + ..., summed left to
// right, for 0 <= i < m. M is rows x short_dim, S short_dim x m, out rows x m,
// bias `rows` values or null (then the sum starts at the first product).
void combine(const double* M, std::ptrdiff_t ld_m, ShortOperand S, const double* bias, double* out,
             std::ptrdiff_t ld_out, std::ptrdiff_t rows, std::ptrdiff_t short_dim,
             std::ptrdiff_t m);

// How an element-wise activation's backward pass forms dZ from its outputs A
// and the upstream gradient dA, in the seed post's words: tanh's
// dA * (1 - A * A) and sigmoid's dA * (A * (1 - A)).
enum class Derivative { one_minus_square, logistic };

// out = dA * derivative(A) with dA = combine(M, S, no bias): the backward pass
// into a layer, through its activation, in one pass; the same bits as
// combine() followed by tanh_backward() or sigmoid_backward()
// (kernels/vector_math.hpp). A is rows x m (ld_a); `out` must not overlap it.
void combine_derivative(Derivative form, const double* M, std::ptrdiff_t ld_m, ShortOperand S,
                        const double* A, std::ptrdiff_t ld_a, double* out, std::ptrdiff_t ld_out,
                        std::ptrdiff_t rows, std::ptrdiff_t short_dim, std::ptrdiff_t m);

// combine_derivative, and in the same pass gradient(:, k) = accumulate(A, S)'s
// sums (0 + A(:, 0) S(k, 0) + A(:, 1) S(k, 1) + ..., left to right), for
// short_dim at most kMaxGradientShort: the weight gradient, transposed, of the
// layer whose backward pass this is, which reads the same A and S. `gradient`
// is rows x short_dim (ld_gradient) and must not overlap the others. Why at
// most 2: its sums stay in registers beside combine's.
constexpr int kMaxGradientShort = 2;
void combine_derivative_gradient(Derivative form, const double* M, std::ptrdiff_t ld_m,
                                 ShortOperand S, const double* A, std::ptrdiff_t ld_a, double* out,
                                 std::ptrdiff_t ld_out, double* gradient,
                                 std::ptrdiff_t ld_gradient, std::ptrdiff_t rows,
                                 std::ptrdiff_t short_dim, std::ptrdiff_t m);

// out(:, s) = 0 + L(:, 0) S(s, 0) + L(:, 1) S(s, 1) + ... + L(:, m-1) S(s, m-1),
// summed left to right from +0, for 0 <= s < short_dim. L is rows x m,
// S short_dim x m, out rows x short_dim.
void accumulate(const double* L, std::ptrdiff_t ld_l, const double* S, std::ptrdiff_t ld_s,
                double* out, std::ptrdiff_t ld_out, std::ptrdiff_t rows, std::ptrdiff_t short_dim,
                std::ptrdiff_t m);

// out(r) = np.sum(M[r, :]) for 0 <= r < rows, in numpy's pairwise order
// (util/numpy_sum.hpp), so each equals numpy's float64 sum to the last bit.
// M is rows x columns; `out` holds `rows` values.
void numpy_row_sums(const double* M, std::ptrdiff_t ld, std::ptrdiff_t rows, std::ptrdiff_t columns,
                    double* out);

// out(i) = w(0) A(0, i) + w(1) A(1, i) + ... for 0 <= i < m: a one-unit
// layer's products over many inputs (A is n x m, w n contiguous values).
// Each column's terms go into eight partial sums, term k into sum k mod 8 in
// order (the first term starting it, a last block of fewer than eight adding
// +0 to the sums it does not reach), and the sums are added as
// ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)). Why not Eigen's
// matrix-vector product: this is a fifth faster for 50 inputs (the sums'
// last steps in registers at AVX-512).
void column_dots(const double* w, const double* A, std::ptrdiff_t ld_a, std::ptrdiff_t n,
                 std::ptrdiff_t m, double* out);

// out(s) = np.sum(x * S[s, :]) for 0 <= s < short_dim: the products
// x(i) S(s, i), summed in numpy's pairwise order. x is m contiguous values,
// S short_dim x m; `out` holds short_dim values.
void numpy_dot(const double* x, ShortOperand S, std::ptrdiff_t short_dim, std::ptrdiff_t m,
               double* out);

}  // namespace nnsweep::kernels
