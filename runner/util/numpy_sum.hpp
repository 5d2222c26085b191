#pragma once
// numpy's pairwise summation (np.sum / np.add.reduce on float64).
//
// Why: numpy does not add left to right. It sums blocks of up to 128 values with
// eight running partial sums and splits longer runs in halves. Reproducing that
// order makes our costs equal numpy's to the last bit, not merely close.
// `element(i)` returns the i-th term, so callers can sum an expression without
// materialising it (and without allocating).
#include <cstddef>

namespace nnsweep {

template <class Element>
double numpy_pairwise_sum(const Element& element, std::size_t begin, std::size_t count) {
  constexpr std::size_t kBlock = 128;
  constexpr std::size_t kLanes = 8;
  if (count < kLanes) {
    double sum = 0.0;
    for (std::size_t i = 0; i < count; ++i) sum += element(begin + i);
    return sum;
  }
  if (count <= kBlock) {
    double lanes[kLanes];
    for (std::size_t j = 0; j < kLanes; ++j) lanes[j] = element(begin + j);
    std::size_t i = kLanes;
    for (; i < count - (count % kLanes); i += kLanes) {
      for (std::size_t j = 0; j < kLanes; ++j) lanes[j] += element(begin + i + j);
    }
    double sum = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) +
                 ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
    for (; i < count; ++i) sum += element(begin + i);
    return sum;
  }
  std::size_t half = count / 2;
  half -= half % kLanes;
  return numpy_pairwise_sum(element, begin, half) +
         numpy_pairwise_sum(element, begin + half, count - half);
}

template <class Element>
double numpy_pairwise_sum(const Element& element, std::size_t count) {
  return numpy_pairwise_sum(element, 0, count);
}

// The same sum, with the terms made a block at a time: fill(begin, n, out)
// writes terms begin .. begin + n - 1 (n <= 128, numpy's block) to out. Why:
// a vectorised function (kernels/vector_math.hpp) then makes each block's
// terms in one call, and the sum keeps numpy's order to the last bit.
template <class Fill>
double numpy_pairwise_sum_by_block(const Fill& fill, std::size_t begin, std::size_t count) {
  constexpr std::size_t kBlock = 128;
  if (count <= kBlock) {
    double terms[kBlock];
    fill(begin, count, terms);
    return numpy_pairwise_sum([&](std::size_t i) { return terms[i]; }, 0, count);
  }
  std::size_t half = count / 2;
  half -= half % 8;
  return numpy_pairwise_sum_by_block(fill, begin, half) +
         numpy_pairwise_sum_by_block(fill, begin + half, count - half);
}

}  // namespace nnsweep
