#pragma once
// The loops of kernels/dense_kernels.hpp's numpy_row_sums, for any Isa of
// kernels/isa_kernels.hpp; included only by the per-width files.
//
// numpy's pairwise order (util/numpy_sum.hpp) for every row at once: vectors
// run down the rows, which are contiguous in a column, and each step of the
// pairwise tree is one vector operation. Rows after the last whole vector go
// in one partial vector with the same steps, so every width gives numpy's bits.
#include <cstddef>

#include "kernels/isa_kernels.hpp"

namespace nnsweep::kernels {
namespace {

template <class I>
struct PairwiseRows {
  using V = typename I::V;
  using Index = std::ptrdiff_t;
  static constexpr Index kBlock = 128, kLanes = 8;

  // The sums of M(row .. row + lanes, begin .. begin + count) along the
  // columns; with valid < lanes, of the first `valid` rows only.
  static V sum(const double* M, Index ld, Index row, Index begin, Index count,
               Index valid = Index(I::lanes)) {
    const double* column = M + begin * ld + row;
    const auto load = [valid](const double* p) {
      return valid == Index(I::lanes) ? I::load(p) : I::load_partial(p, valid);
    };
    if (count < kLanes) {
      V total = I::broadcast(0.0);
      for (Index i = 0; i < count; ++i) total = I::add(total, load(column + i * ld));
      return total;
    }
    if (count <= kBlock) {
      V lanes[kLanes];
      for (Index j = 0; j < kLanes; ++j) lanes[j] = load(column + j * ld);
      Index i = kLanes;
      for (; i < count - (count % kLanes); i += kLanes) {
        for (Index j = 0; j < kLanes; ++j) lanes[j] = I::add(lanes[j], load(column + (i + j) * ld));
      }
      V total = I::add(I::add(I::add(lanes[0], lanes[1]), I::add(lanes[2], lanes[3])),
                       I::add(I::add(lanes[4], lanes[5]), I::add(lanes[6], lanes[7])));
      for (; i < count; ++i) total = I::add(total, load(column + i * ld));
      return total;
    }
    Index half = count / 2;
    half -= half % kLanes;
    const V first = sum(M, ld, row, begin, half, valid);
    return I::add(first, sum(M, ld, row, begin + half, count - half, valid));
  }
};

// numpy's pairwise sum of the terms x[i] (Products: x[i] * y[i * ld_y]) for
// contiguous x: numpy's eight partial sums of a block are eight virtual
// lanes, 8 / lanes vectors of the Isa, so the same adds happen at every width.
template <class I, bool Products>
struct PairwiseContiguous {
  using V = typename I::V;
  using Index = std::ptrdiff_t;
  static constexpr Index kBlock = 128, kLanes = 8, kParts = kLanes / Index(I::lanes);

  static double term(const double* x, const double* y, Index ld_y, Index i) {
    if constexpr (Products) return x[i] * y[i * ld_y];
    return x[i];
  }
  static V terms(const double* x, const double* y, Index ld_y, Index i) {
    if constexpr (Products) return I::mul(I::load(x + i), I::gather(y + i * ld_y, ld_y));
    return I::load(x + i);
  }

  static double sum(const double* x, const double* y, Index ld_y, Index begin, Index count) {
    if (count < kLanes) {
      double total = 0.0;
      for (Index i = 0; i < count; ++i) total += term(x, y, ld_y, begin + i);
      return total;
    }
    if (Products && ld_y != 1 && count <= kBlock) {
      // Strided y: copied contiguous first, as hardware gathers are slow.
      double packed[kBlock];
      for (Index i = 0; i < count; ++i) packed[i] = y[(begin + i) * ld_y];
      return sum(x + begin, packed, 1, 0, count);
    }
    if (count <= kBlock) {
      V parts[kParts];
      for (Index p = 0; p < kParts; ++p) parts[p] = terms(x, y, ld_y, begin + p * Index(I::lanes));
      Index i = kLanes;
      for (; i < count - (count % kLanes); i += kLanes) {
        for (Index p = 0; p < kParts; ++p) {
          parts[p] = I::add(parts[p], terms(x, y, ld_y, begin + i + p * Index(I::lanes)));
        }
      }
      double lane[kLanes];
      for (Index p = 0; p < kParts; ++p) I::store(lane + p * Index(I::lanes), parts[p]);
      double total =
          ((lane[0] + lane[1]) + (lane[2] + lane[3])) + ((lane[4] + lane[5]) + (lane[6] + lane[7]));
      for (; i < count; ++i) total += term(x, y, ld_y, begin + i);
      return total;
    }
    Index half = count / 2;
    half -= half % kLanes;
    const double first = sum(x, y, ld_y, begin, half);
    return first + sum(x, y, ld_y, begin + half, count - half);
  }
};

// column_dots (kernels/dense_kernels.hpp): each column's products in eight
// virtual lanes, 8 / lanes vectors of the Isa, Columns columns at a time so
// that their sums' adds overlap.
template <class I>
struct ColumnDots {
  using V = typename I::V;
  using Index = std::ptrdiff_t;
  static constexpr Index kLanes = 8, kParts = kLanes / Index(I::lanes), kColumns = 4;

  // Part p of the block at `at`, of which `valid` virtual lanes hold terms;
  // the others read as +0.
  static V part(const double* at, Index p, Index valid) {
    const Index first = p * Index(I::lanes), here = valid - first;
    if (here >= Index(I::lanes)) return I::load(at + first);
    if (here <= 0) return I::broadcast(0.0);
    return I::load_partial(at + first, here);
  }

  // ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)) of the eight lanes: in
  // registers where the Isa offers it (the same adds), else through memory.
  static double tree(const V* parts) {
    if constexpr (requires { I::tree8(parts); }) {
      return I::tree8(parts);
    } else {
      double s[kLanes];
      for (Index p = 0; p < kParts; ++p) I::store(s + p * Index(I::lanes), parts[p]);
      return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
    }
  }

  template <Index Count>
  static void columns(const double* w, const double* A, Index ld_a, Index n, double* out) {
    V sums[Count][kParts];
    // The first block starts the sums, whole blocks add to them, and a last
    // short block adds +0 where it has no terms.
    const auto add_block = [&](Index block, Index valid, bool first) {
      for (Index p = 0; p < kParts; ++p) {
        const V weights =
            valid == kLanes ? I::load(w + block + p * Index(I::lanes)) : part(w + block, p, valid);
        for (Index c = 0; c < Count; ++c) {
          const double* a = A + c * ld_a + block;
          const V product = I::mul(
              weights, valid == kLanes ? I::load(a + p * Index(I::lanes)) : part(a, p, valid));
          sums[c][p] = first ? product : I::add(sums[c][p], product);
        }
      }
    };
    const Index whole = n / kLanes * kLanes;
    if (whole == 0) {
      add_block(0, n, true);
    } else {
      add_block(0, kLanes, true);
      for (Index block = kLanes; block < whole; block += kLanes) add_block(block, kLanes, false);
      if (whole < n) add_block(whole, n - whole, false);
    }
    for (Index c = 0; c < Count; ++c) out[c] = tree(sums[c]);
  }
};

template <class Isa>
void column_dots_loops(const double* w, const double* A, std::ptrdiff_t ld_a, std::ptrdiff_t n,
                       std::ptrdiff_t m, double* out) {
  using Dots = ColumnDots<Isa>;
  if (n == 0) {
    for (std::ptrdiff_t i = 0; i < m; ++i) out[i] = 0.0;
    return;
  }
  std::ptrdiff_t i = 0;
  for (; i + Dots::kColumns <= m; i += Dots::kColumns) {
    Dots::template columns<Dots::kColumns>(w, A + i * ld_a, ld_a, n, out + i);
  }
  for (; i < m; ++i) Dots::template columns<1>(w, A + i * ld_a, ld_a, n, out + i);
}

template <class Isa>
void numpy_dot_loops(const double* x, const double* S, std::ptrdiff_t k_step, std::ptrdiff_t i_step,
                     std::ptrdiff_t short_dim, std::ptrdiff_t m, double* out) {
  for (std::ptrdiff_t s = 0; s < short_dim; ++s) {
    out[s] = PairwiseContiguous<Isa, true>::sum(x, S + s * k_step, i_step, 0, m);
  }
}

template <class Isa>
void numpy_row_sums_loops(const double* M, std::ptrdiff_t ld, std::ptrdiff_t rows,
                          std::ptrdiff_t columns, double* out) {
  if (rows == 1 && ld == 1) {
    // One contiguous row: vectors along it.
    out[0] = PairwiseContiguous<Isa, false>::sum(M, nullptr, 0, 0, columns);
    return;
  }
  const auto lanes = static_cast<std::ptrdiff_t>(Isa::lanes);
  std::ptrdiff_t row = 0;
  for (; row + lanes <= rows; row += lanes) {
    Isa::store(out + row, PairwiseRows<Isa>::sum(M, ld, row, 0, columns));
  }
  if (row < rows) {
    Isa::store_partial(out + row, PairwiseRows<Isa>::sum(M, ld, row, 0, columns, rows - row),
                       rows - row);
  }
}

}  // namespace
}  // namespace nnsweep::kernels
