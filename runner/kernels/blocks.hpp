#pragma once
// The array functions of kernels/vector_math.hpp applied to Eigen blocks, as
// activation and loss plugins receive them: one call for a contiguous block
// (what the trainer passes), one per column for a strided one.
#include <Eigen/Core>

#include "kernels/vector_math.hpp"

namespace nnsweep::kernels {

using ArrayFunction = void (*)(const double* x, double* y, std::size_t n);

// out = f(in), element by element. `in` and `out` have one shape; they may be
// the same block. Allocates nothing.
inline void apply(ArrayFunction f, const Eigen::Ref<const Eigen::MatrixXd>& in,
                  Eigen::Ref<Eigen::MatrixXd> out) {
  const auto contiguous = [](const auto& block) {
    return block.innerStride() == 1 && (block.cols() <= 1 || block.outerStride() == block.rows());
  };
  if (contiguous(in) && contiguous(out)) {
    f(in.data(), out.data(), static_cast<std::size_t>(in.size()));
    return;
  }
  for (Eigen::Index column = 0; column < in.cols(); ++column) {
    f(&in.coeffRef(0, column), &out.coeffRef(0, column), static_cast<std::size_t>(in.rows()));
  }
}

}  // namespace nnsweep::kernels
