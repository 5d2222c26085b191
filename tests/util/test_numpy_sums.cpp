// numpy's pairwise summation: all rows at once (NumpyRowSums) equals each row
// summed alone (numpy_pairwise_sum), bit for bit, at every length around
// numpy's 8-lane and 128-element blocks; and the block-filled sum equals the
// element-wise one.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstring>

#include "util/numpy_row_sums.hpp"
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

BOOST_AUTO_TEST_CASE(row_sums_equal_each_rows_pairwise_sum) {
  std::vector<Eigen::Index> lengths;
  for (Eigen::Index n = 0; n <= 300; ++n) lengths.push_back(n);
  for (Eigen::Index n : {511, 512, 513, 1000, 1024, 4097, 10000}) lengths.push_back(n);
  for (Eigen::Index rows : {1, 3, 50}) {
    nnsweep::NumpyRowSums sums(rows, 10000);
    for (Eigen::Index n : lengths) {
      const Eigen::MatrixXd M = sample(rows, n);
      Eigen::VectorXd out(rows);
      sums.sum(M, out);
      for (Eigen::Index r = 0; r < rows; ++r) {
        const double expected = nnsweep::numpy_pairwise_sum(
            [&](std::size_t k) { return M(r, Eigen::Index(k)); }, std::size_t(n));
        BOOST_TEST(same_bits(out(r), expected), "rows " << rows << " n " << n << " row " << r);
      }
    }
  }
}

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
