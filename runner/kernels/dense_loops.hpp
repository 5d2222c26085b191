#pragma once
// The loops of kernels/dense_kernels.hpp's accumulate(), and the table of
// every function of one width (combine's loops are in combine_loops.hpp, the
// numpy sums' in sum_loops.hpp), written once for any Isa of
// kernels/isa_kernels.hpp and included only by the per-width files (see
// there for why everything here has internal linkage).
//
// As combine's: one fixed sequence of multiplies and adds per output element
// at every width, vectors down the long dimension, the last partial.
#include <cstddef>

#include "kernels/combine_loops.hpp"
#include "kernels/isa_kernels.hpp"
#include "kernels/sum_loops.hpp"
#include "kernels/width_table.hpp"

namespace nnsweep::kernels {
namespace {

// Isa's element type T is double or float, Single its one-lane Isa (as
// CombineLoops'). The float tables hold the plain products only
// (fill_products): float32 training fuses no derivatives and sums nothing in
// numpy's order.
template <class Isa, class Single = One>
struct DenseLoops {
  using V = typename Isa::V;
  using T = typename Isa::T;
  using Combine = CombineLoops<Isa, Single>;
  static constexpr Index lanes = static_cast<Index>(Isa::lanes);

  // accumulate() over the rows [row, row + Rows * width); with Partial, the
  // last vector holds only `valid` (< width) rows, as in combine_rows.
  template <class I, int Short, int Rows, bool Partial = false>
  static void accumulate_rows(const T* L, Index ld_l, const T* S, Index ld_s, T* out, Index ld_out,
                              Index row, Index m, Index valid = 0) {
    constexpr Index width = static_cast<Index>(I::lanes);
    typename I::V acc[Short][Rows];
    for (int s = 0; s < Short; ++s) {
      for (int v = 0; v < Rows; ++v) acc[s][v] = I::broadcast(T(0));
    }
    for (Index i = 0; i < m; ++i) {
      typename I::V l[Rows];
      for (int v = 0; v < Rows; ++v) {
        const T* p = L + i * ld_l + row + v * width;
        if (Partial && v == Rows - 1) {
          l[v] = I::load_partial(p, valid);
        } else {
          l[v] = I::load(p);
        }
      }
      for (int s = 0; s < Short; ++s) {
        const typename I::V si = I::broadcast(S[i * ld_s + s]);
        for (int v = 0; v < Rows; ++v) acc[s][v] = I::add(acc[s][v], I::mul(l[v], si));
      }
    }
    for (int s = 0; s < Short; ++s) {
      for (int v = 0; v < Rows; ++v) {
        T* target = out + s * ld_out + row + v * width;
        if (Partial && v == Rows - 1) {
          I::store_partial(target, acc[s][v], valid);
        } else {
          I::store(target, acc[s][v]);
        }
      }
    }
  }

  template <int Short>
  static void accumulate(const T* L, Index ld_l, const T* S, Index ld_s, T* out, Index ld_out,
                         Index rows, Index m) {
    // Enough independent sums to hide the adds' latency, few enough to stay
    // in registers.
    constexpr int block = Short <= 2 ? 4 : Short <= 4 ? 2 : 1;
    Index row = 0;
    for (; row + block * lanes <= rows; row += block * lanes) {
      accumulate_rows<Isa, Short, block>(L, ld_l, S, ld_s, out, ld_out, row, m);
    }
    // The rest in one pass too: its sums are chains of m adds, which one
    // vector at a time would wait on.
    const Index rest = rows - row, partial = rest % lanes;
    const Index vectors = rest / lanes + (partial ? 1 : 0);
    if (vectors == 0) return;
    if (partial) {
      accumulate_rest<Short, block, true>(vectors, L, ld_l, S, ld_s, out, ld_out, row, m, partial);
    } else {
      accumulate_rest<Short, block, false>(vectors, L, ld_l, S, ld_s, out, ld_out, row, m, 0);
    }
  }

  // accumulate_rows over `vectors` (1 to Most) vectors, the last partial with Partial.
  template <int Short, int Most, bool Partial>
  static void accumulate_rest(Index vectors, const T* L, Index ld_l, const T* S, Index ld_s, T* out,
                              Index ld_out, Index row, Index m, Index valid) {
    if constexpr (Most > 1) {
      if (vectors == Most) {
        accumulate_rows<Isa, Short, Most, Partial>(L, ld_l, S, ld_s, out, ld_out, row, m, valid);
        return;
      }
      accumulate_rest<Short, Most - 1, Partial>(vectors, L, ld_l, S, ld_s, out, ld_out, row, m,
                                                valid);
    } else {
      accumulate_rows<Isa, Short, 1, Partial>(L, ld_l, S, ld_s, out, ld_out, row, m, valid);
    }
  }

  // combine (with and without bias) and accumulate, for short dimensions 1
  // to Short, into any table of this T.
  template <int Short, class Table>
  static void fill_products(Table& table) {
    table.combine_bias[Short] = &Combine::template combine<Short, true>;
    table.combine[Short] = &Combine::template combine<Short, false>;
    table.accumulate[Short] = &accumulate<Short>;
    if constexpr (Short > 1) fill_products<Short - 1>(table);
  }

  template <int Short>
  static void fill_derivatives(DenseTable& table) {
    table.combine_derivative[0][Short] = &Combine::template combine<Short, false, kOneMinusSquare>;
    table.combine_derivative[1][Short] = &Combine::template combine<Short, false, kLogistic>;
    if constexpr (Short <= kMaxGradientShort) {
      table.combine_derivative_gradient[0][Short] =
          &Combine::template combine<Short, false, kOneMinusSquare, true>;
      table.combine_derivative_gradient[1][Short] =
          &Combine::template combine<Short, false, kLogistic, true>;
    }
    if constexpr (Short > 1) fill_derivatives<Short - 1>(table);
  }
};

template <class Isa>
DenseTable dense_table_of() {
  DenseTable table{};
  DenseLoops<Isa>::template fill_products<kMaxShort>(table);
  DenseLoops<Isa>::template fill_derivatives<kMaxShort>(table);
  table.numpy_row_sums = &numpy_row_sums_loops<Isa>;
  table.numpy_dot = &numpy_dot_loops<Isa>;
  table.column_dots = &column_dots_loops<Isa>;
  return table;
}

// Every function of one width, as vector_math.cpp dispatches them.
template <class Isa>
WidthTable width_table_of() {
  return {&Loops<Isa>::tanh,          &Loops<Isa>::exp,
          &Loops<Isa>::sigmoid,       &Loops<Isa>::softplus,
          &Loops<Isa>::expm1,         &Loops<Isa>::erfc,
          &Loops<Isa>::tanh_backward, &Loops<Isa>::sigmoid_backward,
          dense_table_of<Isa>()};
}

}  // namespace
}  // namespace nnsweep::kernels