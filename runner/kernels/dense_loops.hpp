#pragma once
// The loops of kernels/dense_kernels.hpp, written once for any Isa of
// kernels/isa_kernels.hpp and included only by the per-width files (see
// there for why everything here has internal linkage).
//
// Each output element is computed by one fixed sequence of multiplies and
// adds (never fused), whatever the width: vectors run down the long
// dimension, and rows left over after the last whole vector take the same
// sequence through `One`. So every width gives the same bits.
//
// The short dimension is a template parameter, so that its loop unrolls and
// accumulators stay in registers; kernels dispatch on it at run time.
#include <cstddef>

#include "kernels/isa_kernels.hpp"
#include "kernels/sum_loops.hpp"
#include "kernels/width_table.hpp"

namespace nnsweep::kernels {
namespace {

using Index = std::ptrdiff_t;

template <class Isa>
struct DenseLoops {
  using V = typename Isa::V;
  static constexpr Index lanes = static_cast<Index>(Isa::lanes);

  // The rows [row, row + Rows * width) of combine(), Rows vectors of `width`
  // lanes (width 1: One).
  template <class I, int Short, int Rows, bool WithBias>
  static void combine_rows(const double* M, Index ld_m, const double* S, Index ld_s,
                           const double* bias, double* out, Index ld_out, Index row, Index m) {
    constexpr Index width = static_cast<Index>(I::lanes);
    for (Index i = 0; i < m; ++i) {
      const double* s = S + i * ld_s;
      typename I::V acc[Rows];
      for (int v = 0; v < Rows; ++v) {
        const Index r = row + v * width;
        acc[v] = WithBias ? I::load(bias + r) : I::mul(I::load(M + r), I::broadcast(s[0]));
      }
      for (int k = WithBias ? 0 : 1; k < Short; ++k) {
        const typename I::V sk = I::broadcast(s[k]);
        for (int v = 0; v < Rows; ++v) {
          acc[v] = I::add(acc[v], I::mul(I::load(M + k * ld_m + row + v * width), sk));
        }
      }
      for (int v = 0; v < Rows; ++v) I::store(out + i * ld_out + row + v * width, acc[v]);
    }
  }

  // combine() into one contiguous row: vectors across the columns, each S(k, .)
  // gathered with stride ld_s. Returns the first column not done.
  template <class I, int Short, bool WithBias>
  static Index combine_row(const double* M, Index ld_m, const double* S, Index ld_s,
                           const double* bias, double* out, Index i, Index m) {
    constexpr Index width = static_cast<Index>(I::lanes);
    for (; i + width <= m; i += width) {
      const double* s = S + i * ld_s;
      typename I::V acc =
          WithBias ? I::broadcast(bias[0]) : I::mul(I::broadcast(M[0]), I::gather(s, ld_s));
      for (int k = WithBias ? 0 : 1; k < Short; ++k) {
        acc = I::add(acc, I::mul(I::broadcast(M[k * ld_m]), I::gather(s + k, ld_s)));
      }
      I::store(out + i, acc);
    }
    return i;
  }

  template <int Short, bool WithBias>
  static void combine(const double* M, Index ld_m, const double* S, Index ld_s, const double* bias,
                      double* out, Index ld_out, Index rows, Index m) {
    if (rows == 1 && ld_out == 1) {
      const Index done = combine_row<Isa, Short, WithBias>(M, ld_m, S, ld_s, bias, out, 0, m);
      combine_row<One, Short, WithBias>(M, ld_m, S, ld_s, bias, out, done, m);
      return;
    }
    Index row = 0;
    for (; row + 4 * lanes <= rows; row += 4 * lanes) {
      combine_rows<Isa, Short, 4, WithBias>(M, ld_m, S, ld_s, bias, out, ld_out, row, m);
    }
    for (; row + lanes <= rows; row += lanes) {
      combine_rows<Isa, Short, 1, WithBias>(M, ld_m, S, ld_s, bias, out, ld_out, row, m);
    }
    for (; row < rows; ++row) {
      combine_rows<One, Short, 1, WithBias>(M, ld_m, S, ld_s, bias, out, ld_out, row, m);
    }
  }

  // accumulate() over the rows [row, row + Rows * width).
  template <class I, int Short, int Rows>
  static void accumulate_rows(const double* L, Index ld_l, const double* S, Index ld_s, double* out,
                              Index ld_out, Index row, Index m) {
    constexpr Index width = static_cast<Index>(I::lanes);
    typename I::V acc[Short][Rows];
    for (int s = 0; s < Short; ++s) {
      for (int v = 0; v < Rows; ++v) acc[s][v] = I::broadcast(0.0);
    }
    for (Index i = 0; i < m; ++i) {
      typename I::V l[Rows];
      for (int v = 0; v < Rows; ++v) l[v] = I::load(L + i * ld_l + row + v * width);
      for (int s = 0; s < Short; ++s) {
        const typename I::V si = I::broadcast(S[i * ld_s + s]);
        for (int v = 0; v < Rows; ++v) acc[s][v] = I::add(acc[s][v], I::mul(l[v], si));
      }
    }
    for (int s = 0; s < Short; ++s) {
      for (int v = 0; v < Rows; ++v) I::store(out + s * ld_out + row + v * width, acc[s][v]);
    }
  }

  template <int Short>
  static void accumulate(const double* L, Index ld_l, const double* S, Index ld_s, double* out,
                         Index ld_out, Index rows, Index m) {
    // Enough independent sums to hide the adds' latency, few enough to stay
    // in registers.
    constexpr int block = Short <= 2 ? 4 : Short <= 4 ? 2 : 1;
    Index row = 0;
    for (; row + block * lanes <= rows; row += block * lanes) {
      accumulate_rows<Isa, Short, block>(L, ld_l, S, ld_s, out, ld_out, row, m);
    }
    for (; row + lanes <= rows; row += lanes) {
      accumulate_rows<Isa, Short, 1>(L, ld_l, S, ld_s, out, ld_out, row, m);
    }
    for (; row < rows; ++row) accumulate_rows<One, Short, 1>(L, ld_l, S, ld_s, out, ld_out, row, m);
  }

  template <int Short>
  static void fill(DenseTable& table) {
    table.combine_bias[Short] = &combine<Short, true>;
    table.combine[Short] = &combine<Short, false>;
    table.accumulate[Short] = &accumulate<Short>;
    if constexpr (Short > 1) fill<Short - 1>(table);
  }
};

template <class Isa>
DenseTable dense_table_of() {
  DenseTable table{};
  DenseLoops<Isa>::template fill<kMaxShort>(table);
  table.numpy_row_sums = &numpy_row_sums_loops<Isa>;
  table.numpy_dot = &numpy_dot_loops<Isa>;
  return table;
}

}  // namespace
}  // namespace nnsweep::kernels
