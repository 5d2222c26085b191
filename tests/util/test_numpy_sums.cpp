// numpy's pairwise summation: the block-filled sum equals the element-wise
// one (the row sums of every row at once are tested in
// tests/kernels/test_dense_kernels.cpp).
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstring>

#include <Eigen/Core>

#include "util/numpy_sum.hpp"

namespace {

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

// Values whose sums depend on the order: mixed signs and magnitudes.
Eigen::MatrixXd sample(Eigen::Index rows, Eigen::Index cols) {
  Eigen::MatrixXd M(rows, cols);
  for (Eigen::Index i = 0; i < M.size(); ++i) {
    M(i) = std::sin(1.7 * double(i)) * std::pow(10.0, double(i % 9) - 4.0);
  }
  return M;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(numpy_sums)

BOOST_AUTO_TEST_CASE(block_filled_sum_equals_the_element_wise_one) {
  const Eigen::MatrixXd M = sample(1, 5000);
  for (std::size_t n : {0, 1, 7, 8, 127, 128, 129, 255, 256, 1000, 5000}) {
    const auto element = [&](std::size_t k) { return M(0, Eigen::Index(k)); };
    const auto fill = [&](std::size_t begin, std::size_t count, double* out) {
      for (std::size_t i = 0; i < count; ++i) out[i] = element(begin + i);
    };
    BOOST_TEST(same_bits(nnsweep::numpy_pairwise_sum_by_block(fill, 0, n),
                         nnsweep::numpy_pairwise_sum(element, n)),
               "n " << n);
  }
}

BOOST_AUTO_TEST_SUITE_END()
