#pragma once
// The array functions of kernels/vector_math.hpp applied to Eigen blocks, as
// activation and loss plugins receive them: one call for a contiguous block
// (what the trainer passes), one per column for a strided one.
#include <Eigen/Core>

#include "kernels/vector_math.hpp"

namespace nnsweep::kernels {

using ArrayFunction = void (*)(const double* x, double* y, std::size_t n);
using GradientFunction = void (*)(const double* a, const double* da, double* dz, std::size_t n);

// out = f(in), element by element. `in` and `out` have one shape; they may be
// the same block. Allocates nothing.
template <class Block>
bool contiguous(const Block& block) {
  return block.innerStride() == 1 && (block.cols() <= 1 || block.outerStride() == block.rows());
}

inline void apply(ArrayFunction f, const Eigen::Ref<const Eigen::MatrixXd>& in,
                  Eigen::Ref<Eigen::MatrixXd> out) {
  if (contiguous(in) && contiguous(out)) {
    f(in.data(), out.data(), static_cast<std::size_t>(in.size()));
    return;
  }
  for (Eigen::Index column = 0; column < in.cols(); ++column) {
    f(&in.coeffRef(0, column), &out.coeffRef(0, column), static_cast<std::size_t>(in.rows()));
  }
}

// dz = f(a, da), element by element: an activation's backward pass from its
// outputs `a` and the upstream gradient `da`. dz may be da.
inline void apply_gradient(GradientFunction f, const Eigen::Ref<const Eigen::MatrixXd>& a,
                           const Eigen::Ref<const Eigen::MatrixXd>& da,
                           Eigen::Ref<Eigen::MatrixXd> dz) {
  if (contiguous(a) && contiguous(da) && contiguous(dz)) {
    f(a.data(), da.data(), dz.data(), static_cast<std::size_t>(a.size()));
    return;
  }
  for (Eigen::Index column = 0; column < a.cols(); ++column) {
    f(&a.coeffRef(0, column), &da.coeffRef(0, column), &dz.coeffRef(0, column),
      static_cast<std::size_t>(a.rows()));
  }
}

}  // namespace nnsweep::kernels
