#pragma once
// The loops of kernels/dense_kernels.hpp's numpy_row_sums, for any Isa of
// kernels/isa_kernels.hpp; included only by the per-width files.
//
// numpy's pairwise order (util/numpy_sum.hpp) for every row at once: vectors
// run down the rows, which are contiguous in a column, and each step of the
// pairwise tree is one vector operation. Rows after the last whole vector go
// through `One` with the same steps, so every width gives numpy's bits.
#include <cstddef>

#include "kernels/isa_kernels.hpp"

namespace nnsweep::kernels {
namespace {

template <class I>
struct PairwiseRows {
  using V = typename I::V;
  using Index = std::ptrdiff_t;
  static constexpr Index kBlock = 128, kLanes = 8;

  // The sums of M(row .. row + lanes, begin .. begin + count) along the columns.
  static V sum(const double* M, Index ld, Index row, Index begin, Index count) {
    const double* column = M + begin * ld + row;
    if (count < kLanes) {
      V total = I::broadcast(0.0);
      for (Index i = 0; i < count; ++i) total = I::add(total, I::load(column + i * ld));
      return total;
    }
    if (count <= kBlock) {
      V lanes[kLanes];
      for (Index j = 0; j < kLanes; ++j) lanes[j] = I::load(column + j * ld);
      Index i = kLanes;
      for (; i < count - (count % kLanes); i += kLanes) {
        for (Index j = 0; j < kLanes; ++j)
          lanes[j] = I::add(lanes[j], I::load(column + (i + j) * ld));
      }
      V total = I::add(I::add(I::add(lanes[0], lanes[1]), I::add(lanes[2], lanes[3])),
                       I::add(I::add(lanes[4], lanes[5]), I::add(lanes[6], lanes[7])));
      for (; i < count; ++i) total = I::add(total, I::load(column + i * ld));
      return total;
    }
    Index half = count / 2;
    half -= half % kLanes;
    const V first = sum(M, ld, row, begin, half);
    return I::add(first, sum(M, ld, row, begin + half, count - half));
  }
};

template <class Isa>
void numpy_row_sums_loops(const double* M, std::ptrdiff_t ld, std::ptrdiff_t rows,
                          std::ptrdiff_t columns, double* out) {
  const auto lanes = static_cast<std::ptrdiff_t>(Isa::lanes);
  std::ptrdiff_t row = 0;
  for (; row + lanes <= rows; row += lanes) {
    Isa::store(out + row, PairwiseRows<Isa>::sum(M, ld, row, 0, columns));
  }
  for (; row < rows; ++row) out[row] = PairwiseRows<One>::sum(M, ld, row, 0, columns);
}

}  // namespace
}  // namespace nnsweep::kernels
