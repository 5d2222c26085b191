#pragma once
// np.sum(M, axis=1) for a column-major M, every row in numpy's pairwise
// order (util/numpy_sum.hpp) but all rows at once: each step of the pairwise
// tree is a vector operation down the rows, which are contiguous in a
// column. Row r of the result equals numpy_pairwise_sum over row r to the last
// bit.
#include <Eigen/Core>
#include <vector>

namespace nnsweep {

class NumpyRowSums {
 public:
  // Buffers for matrices of up to `rows` rows and `columns` columns; sum()
  // then allocates nothing.
  NumpyRowSums(Eigen::Index rows, Eigen::Index columns);

  // out(r) = np.sum(M[r, :]), M being rows x columns within the sizes above.
  // A matrix of a few rows goes row by row: vector steps down 1 to 3 values
  // would cost more than they save. Either way the bits are numpy's.
  void sum(const Eigen::Ref<const Eigen::MatrixXd>& M, Eigen::Ref<Eigen::VectorXd> out);

 private:
  // Sums columns [begin, begin + count) of M into level `depth`'s result.
  void sum_range(const Eigen::Ref<const Eigen::MatrixXd>& M, Eigen::Index begin, Eigen::Index count,
                 std::size_t depth);
  Eigen::Index rows_;
  // Per depth of the pairwise recursion: its 8 lanes and its result.
  std::vector<Eigen::MatrixXd> lanes_;
  std::vector<Eigen::VectorXd> results_;
};

}  // namespace nnsweep
