#pragma once
// The documented sums of kernels/dense_kernels.hpp's combine() and
// accumulate() (and their float versions in vector_math_float.hpp), one
// element at a time, for the tests to compare the kernels with bit for bit.
// `volatile` keeps the compiler from fusing or reordering them. Entries the
// kernels must not write hold -7.
#include <cstddef>
#include <type_traits>
#include <vector>

namespace nnsweep::testing {

// out(:, i) = bias + M(:, 0) S(0, i) + ..., left to right; S(k, i) =
// S[k * k_step + i * i_step]; without bias (null) the sum starts at the first
// product.
template <class T>
std::vector<T> reference_combine(const std::vector<T>& M, std::ptrdiff_t ld_m,
                                 const std::vector<T>& S, std::ptrdiff_t k_step,
                                 std::ptrdiff_t i_step, const std::type_identity_t<T>* bias,
                                 std::ptrdiff_t ld_out, std::ptrdiff_t rows,
                                 std::ptrdiff_t short_dim, std::ptrdiff_t m) {
  std::vector<T> out(static_cast<std::size_t>(ld_out * m), T(-7));
  for (std::ptrdiff_t i = 0; i < m; ++i) {
    for (std::ptrdiff_t r = 0; r < rows; ++r) {
      volatile T sum = bias ? bias[r] : M[r] * S[i * i_step];
      for (std::ptrdiff_t c = bias ? 0 : 1; c < short_dim; ++c) {
        volatile T product = M[c * ld_m + r] * S[c * k_step + i * i_step];
        sum = sum + product;
      }
      out[i * ld_out + r] = sum;
    }
  }
  return out;
}

// out(:, s) = 0 + L(:, 0) S(s, 0) + ... + L(:, m-1) S(s, m-1), left to right;
// S(s, i) = S[i * ld_s + s].
template <class T>
std::vector<T> reference_accumulate(const std::vector<T>& L, std::ptrdiff_t ld_l,
                                    const std::vector<T>& S, std::ptrdiff_t ld_s,
                                    std::ptrdiff_t ld_out, std::ptrdiff_t rows,
                                    std::ptrdiff_t short_dim, std::ptrdiff_t m) {
  std::vector<T> out(static_cast<std::size_t>(ld_out * short_dim), T(-7));
  for (std::ptrdiff_t s = 0; s < short_dim; ++s) {
    for (std::ptrdiff_t r = 0; r < rows; ++r) {
      volatile T sum = T(0);
      for (std::ptrdiff_t i = 0; i < m; ++i) {
        volatile T product = L[i * ld_l + r] * S[i * ld_s + s];
        sum = sum + product;
      }
      out[s * ld_out + r] = sum;
    }
  }
  return out;
}

}  // namespace nnsweep::testing
