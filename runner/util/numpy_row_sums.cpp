#include "util/numpy_row_sums.hpp"

#include "util/numpy_sum.hpp"

namespace nnsweep {
namespace {

constexpr Eigen::Index kBlock = 128, kLanes = 8;

// Levels of the pairwise recursion for `columns`: halving until a block fits.
std::size_t depth_for(Eigen::Index columns) {
  std::size_t depth = 1;
  for (; columns > kBlock; columns = columns - (columns / 2 - (columns / 2) % kLanes)) ++depth;
  return depth;
}

}  // namespace

NumpyRowSums::NumpyRowSums(Eigen::Index rows, Eigen::Index columns) : rows_(rows) {
  for (std::size_t level = 0; level < depth_for(columns) + 2; ++level) {
    lanes_.emplace_back(rows, kLanes);
    results_.emplace_back(rows);
  }
}

void NumpyRowSums::sum_range(const Eigen::Ref<const Eigen::MatrixXd>& M, Eigen::Index begin,
                             Eigen::Index count, std::size_t depth) {
  const Eigen::Index rows = M.rows();
  auto result = results_[depth].head(rows);
  if (count < kLanes) {
    result.setZero();
    for (Eigen::Index i = 0; i < count; ++i) result += M.col(begin + i);
    return;
  }
  if (count <= kBlock) {
    auto lanes = lanes_[depth].topRows(rows);
    for (Eigen::Index j = 0; j < kLanes; ++j) lanes.col(j) = M.col(begin + j);
    Eigen::Index i = kLanes;
    for (; i < count - (count % kLanes); i += kLanes) {
      for (Eigen::Index j = 0; j < kLanes; ++j) lanes.col(j) += M.col(begin + i + j);
    }
    result = ((lanes.col(0) + lanes.col(1)) + (lanes.col(2) + lanes.col(3))) +
             ((lanes.col(4) + lanes.col(5)) + (lanes.col(6) + lanes.col(7)));
    for (; i < count; ++i) result += M.col(begin + i);
    return;
  }
  Eigen::Index half = count / 2;
  half -= half % kLanes;
  sum_range(M, begin, half, depth + 1);
  results_[depth].head(rows) = results_[depth + 1].head(rows);
  sum_range(M, begin + half, count - half, depth + 1);
  results_[depth].head(rows) += results_[depth + 1].head(rows);
}

void NumpyRowSums::sum(const Eigen::Ref<const Eigen::MatrixXd>& M,
                       Eigen::Ref<Eigen::VectorXd> out) {
  if (M.rows() < 4) {
    for (Eigen::Index row = 0; row < M.rows(); ++row) {
      const auto element = [&](std::size_t k) { return M(row, static_cast<Eigen::Index>(k)); };
      out(row) = numpy_pairwise_sum(element, static_cast<std::size_t>(M.cols()));
    }
    return;
  }
  sum_range(M, 0, M.cols(), 0);
  out = results_[0].head(M.rows());
}

}  // namespace nnsweep
