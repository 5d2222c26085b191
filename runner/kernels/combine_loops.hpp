#pragma once
// combine() and its fused forms (kernels/dense_kernels.hpp), written once for
// any Isa of kernels/isa_kernels.hpp; included only by dense_loops.hpp, in the
// per-width files (see isa_kernels.hpp for why everything has internal
// linkage).
//
// Each output element is computed by one fixed sequence of multiplies and
// adds (never fused), whatever the width: vectors run down the long
// dimension, and rows left over after the last whole vector go in one
// partial vector (masked loads and stores) through the same sequence. So
// every width gives the same bits.
//
// The short dimension is a template parameter, so that its loop unrolls and
// accumulators stay in registers; kernels dispatch on it at run time.
#include <cstddef>

#include "kernels/isa_kernels.hpp"
#include "kernels/width_table.hpp"

namespace nnsweep::kernels {
namespace {

using Index = std::ptrdiff_t;

template <int N>
struct VectorCount {};  // a count of vectors as a type, to pick a template

// Isa's element type T is double or float; Single is the one-lane Isa of the
// same T (isa_kernels.hpp's One, float_loops.hpp's OneFloat), for the columns
// of a one-row result after the last whole vector.
template <class Isa, class Single = One>
struct CombineLoops {
  using V = typename Isa::V;
  using T = typename Isa::T;
  static constexpr Index lanes = static_cast<Index>(Isa::lanes);

  // The rows [row, row + Rows * width) of combine(), Rows vectors of `width`
  // lanes (width 1: Single); with Partial, the last vector holds only `valid`
  // (< width) rows, and its other lanes are neither read nor written. A Form
  // other than kPlain multiplies each sum by that derivative of through.A;
  // with Gradient, through.gradient(:, k) also gets accumulate(A, S)'s sums.
  template <class I, int Short, int Rows, bool WithBias, int Form, bool Partial = false,
            bool Gradient = false>
  static void combine_rows(const T* M, Index ld_m, const T* S, Index k_step, Index i_step,
                           const T* bias, const ThroughOf<T>& through, T* out, Index ld_out,
                           Index row, Index m, Index valid = 0) {
    const T* A = through.A;
    const Index ld_a = through.ld_a;
    constexpr Index width = static_cast<Index>(I::lanes);
    const auto load = [valid](int v, const T* p) {
      if (Partial && v == Rows - 1) return I::load_partial(p, valid);
      return I::load(p);
    };
    // The weights and biases of these rows, loaded once for every column.
    typename I::V weights[Short][Rows], biases[Rows];
    for (int v = 0; v < Rows; ++v) {
      if constexpr (WithBias) biases[v] = load(v, bias + row + v * width);
      for (int k = 0; k < Short; ++k) weights[k][v] = load(v, M + k * ld_m + row + v * width);
    }
    typename I::V gradient[Gradient ? Short : 1][Rows];
    for (int k = 0; k < (Gradient ? Short : 0); ++k) {
      for (int v = 0; v < Rows; ++v) gradient[k][v] = I::broadcast(T(0));
    }
    for (Index i = 0; i < m; ++i) {
      const T* s = S + i * i_step;
      typename I::V acc[Rows];
      for (int v = 0; v < Rows; ++v) {
        acc[v] = WithBias ? biases[v] : I::mul(weights[0][v], I::broadcast(s[0]));
      }
      for (int k = WithBias ? 0 : 1; k < Short; ++k) {
        const typename I::V sk = I::broadcast(s[k * k_step]);
        for (int v = 0; v < Rows; ++v) acc[v] = I::add(acc[v], I::mul(weights[k][v], sk));
      }
      for (int v = 0; v < Rows; ++v) {
        if constexpr (Form != kPlain) {
          const typename I::V a = load(v, A + i * ld_a + row + v * width);
          acc[v] = times_derivative<I, Form>(acc[v], a);
          if constexpr (Gradient) {
            for (int k = 0; k < Short; ++k) {
              gradient[k][v] = I::add(gradient[k][v], I::mul(a, I::broadcast(s[k * k_step])));
            }
          }
        }
        T* target = out + i * ld_out + row + v * width;
        if (Partial && v == Rows - 1) {
          I::store_partial(target, acc[v], valid);
        } else {
          I::store(target, acc[v]);
        }
      }
    }
    for (int k = 0; k < (Gradient ? Short : 0); ++k) {
      for (int v = 0; v < Rows; ++v) {
        T* target = through.gradient + k * through.ld_gradient + row + v * width;
        if (Partial && v == Rows - 1) {
          I::store_partial(target, gradient[k][v], valid);
        } else {
          I::store(target, gradient[k][v]);
        }
      }
    }
  }

  // combine() into one contiguous row: vectors across the columns. S(k, i) is
  // S[k * k_step + i * i_step]. Returns the first column not done.
  template <class I, int Short, bool WithBias, int Form>
  static Index combine_row(const T* M, Index ld_m, const T* S, Index k_step, Index i_step,
                           const T* bias, const T* A, Index ld_a, T* out, Index i, Index m) {
    constexpr Index width = static_cast<Index>(I::lanes);
    for (; i + width <= m; i += width) {
      const T* s = S + i * i_step;
      typename I::V acc =
          WithBias ? I::broadcast(bias[0]) : I::mul(I::broadcast(M[0]), I::gather(s, i_step));
      for (int k = WithBias ? 0 : 1; k < Short; ++k) {
        acc = I::add(acc, I::mul(I::broadcast(M[k * ld_m]), I::gather(s + k * k_step, i_step)));
      }
      if constexpr (Form != kPlain)
        acc = times_derivative<I, Form>(acc, I::gather(A + i * ld_a, ld_a));
      I::store(out + i, acc);
    }
    return i;
  }

  // One contiguous row, S(k, i) = S[k * k_step + i * i_step]. Rows of S that
  // are contiguous (i_step 1) are read in place; others a block of columns at
  // a time, each row of the block first copied contiguous (gathers are slow).
  template <int Short, bool WithBias, int Form>
  static void combine_one_row(const T* M, Index ld_m, const T* S, Index k_step, Index i_step,
                              const T* bias, const ThroughOf<T>& through, T* out, Index m) {
    const T* A = through.A;
    const Index ld_a = through.ld_a;
    if (i_step == 1) {
      const Index done =
          combine_row<Isa, Short, WithBias, Form>(M, ld_m, S, k_step, 1, bias, A, ld_a, out, 0, m);
      combine_row<Single, Short, WithBias, Form>(M, ld_m, S, k_step, 1, bias, A, ld_a, out, done,
                                                 m);
      return;
    }
    constexpr Index kColumns = 128;
    T packed[Short][kColumns];
    for (Index first = 0; first < m; first += kColumns) {
      const Index count = m - first < kColumns ? m - first : kColumns;
      const T* block = S + first * i_step;
      for (Index i = 0; i < count; ++i) {
        for (int k = 0; k < Short; ++k) packed[k][i] = block[i * i_step + k * k_step];
      }
      const T* a = A ? A + first * ld_a : nullptr;
      const Index done = combine_row<Isa, Short, WithBias, Form>(
          M, ld_m, &packed[0][0], kColumns, 1, bias, a, ld_a, out + first, 0, count);
      combine_row<Single, Short, WithBias, Form>(M, ld_m, &packed[0][0], kColumns, 1, bias, a, ld_a,
                                                 out + first, done, count);
    }
  }

  // With Gradient even one row goes through combine_rows: combine_one_row
  // has no gradient.
  template <int Short, bool WithBias, int Form = kPlain, bool Gradient = false>
  static void combine(const T* M, Index ld_m, const T* S, Index k_step, Index i_step, const T* bias,
                      const ThroughOf<T>* through_or_null, T* out, Index ld_out, Index rows,
                      Index m) {
    const ThroughOf<T> through = through_or_null ? *through_or_null : ThroughOf<T>{};
    if (!Gradient && rows == 1 && ld_out == 1) {
      combine_one_row<Short, WithBias, Form>(M, ld_m, S, k_step, i_step, bias, through, out, m);
      return;
    }
    constexpr int block = 4;
    Index row = 0;
    for (; row + block * lanes <= rows; row += block * lanes) {
      combine_rows<Isa, Short, block, WithBias, Form, false, Gradient>(
          M, ld_m, S, k_step, i_step, bias, through, out, ld_out, row, m);
    }
    // The rest in one pass over the columns too (as accumulate's), not one
    // pass per vector.
    const Index rest = rows - row, partial = rest % lanes;
    const Index vectors = rest / lanes + (partial ? 1 : 0);
    if (vectors == 0) return;
    const auto rest_rows = [&]<int Rows>(VectorCount<Rows>) {
      if (partial) {
        combine_rows<Isa, Short, Rows, WithBias, Form, true, Gradient>(
            M, ld_m, S, k_step, i_step, bias, through, out, ld_out, row, m, partial);
      } else {
        combine_rows<Isa, Short, Rows, WithBias, Form, false, Gradient>(
            M, ld_m, S, k_step, i_step, bias, through, out, ld_out, row, m);
      }
    };
    switch (vectors) {
      case 1:
        rest_rows(VectorCount<1>{});
        break;
      case 2:
        rest_rows(VectorCount<2>{});
        break;
      case 3:
        rest_rows(VectorCount<3>{});
        break;
      default:
        rest_rows(VectorCount<4>{});
        break;
    }
  }
};

}  // namespace
}  // namespace nnsweep::kernels
