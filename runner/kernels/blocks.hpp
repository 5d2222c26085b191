#pragma once
// The array functions of kernels/vector_math.hpp (and, for float blocks,
// vector_math_float.hpp) applied to Eigen blocks, as activation and loss
// plugins receive them: one call for a contiguous block (what the trainer
// passes), one per column for a strided one.
#include <Eigen/Core>

#include "kernels/vector_math.hpp"
#include "kernels/vector_math_float.hpp"

namespace nnsweep::kernels {

using ArrayFunction = void (*)(const double* x, double* y, std::size_t n);
using GradientFunction = void (*)(const double* a, const double* da, double* dz, std::size_t n);
using FloatArrayFunction = void (*)(const float* x, float* y, std::size_t n);
using FloatGradientFunction = void (*)(const float* a, const float* da, float* dz, std::size_t n);

template <class Block>
bool contiguous(const Block& block) {
  return block.innerStride() == 1 && (block.cols() <= 1 || block.outerStride() == block.rows());
}

template <class Scalar>
void apply_to_blocks(void (*f)(const Scalar*, Scalar*, std::size_t),
                     const Eigen::Ref<const Eigen::Matrix<Scalar, -1, -1>>& in,
                     Eigen::Ref<Eigen::Matrix<Scalar, -1, -1>> out) {
  if (contiguous(in) && contiguous(out)) {
    f(in.data(), out.data(), static_cast<std::size_t>(in.size()));
    return;
  }
  for (Eigen::Index column = 0; column < in.cols(); ++column) {
    f(&in.coeffRef(0, column), &out.coeffRef(0, column), static_cast<std::size_t>(in.rows()));
  }
}

template <class Scalar>
void apply_gradient_to_blocks(void (*f)(const Scalar*, const Scalar*, Scalar*, std::size_t),
                              const Eigen::Ref<const Eigen::Matrix<Scalar, -1, -1>>& a,
                              const Eigen::Ref<const Eigen::Matrix<Scalar, -1, -1>>& da,
                              Eigen::Ref<Eigen::Matrix<Scalar, -1, -1>> dz) {
  if (contiguous(a) && contiguous(da) && contiguous(dz)) {
    f(a.data(), da.data(), dz.data(), static_cast<std::size_t>(a.size()));
    return;
  }
  for (Eigen::Index column = 0; column < a.cols(); ++column) {
    f(&a.coeffRef(0, column), &da.coeffRef(0, column), &dz.coeffRef(0, column),
      static_cast<std::size_t>(a.rows()));
  }
}

// out = f(in), element by element. `in` and `out` have one shape; they may be
// the same block. Allocates nothing.
inline void apply(ArrayFunction f, const Eigen::Ref<const Eigen::MatrixXd>& in,
                  Eigen::Ref<Eigen::MatrixXd> out) {
  apply_to_blocks<double>(f, in, out);
}
inline void apply(FloatArrayFunction f, const Eigen::Ref<const Eigen::MatrixXf>& in,
                  Eigen::Ref<Eigen::MatrixXf> out) {
  apply_to_blocks<float>(f, in, out);
}

// dz = f(a, da), element by element: an activation's backward pass from its
// outputs `a` and the upstream gradient `da`. dz may be da.
inline void apply_gradient(GradientFunction f, const Eigen::Ref<const Eigen::MatrixXd>& a,
                           const Eigen::Ref<const Eigen::MatrixXd>& da,
                           Eigen::Ref<Eigen::MatrixXd> dz) {
  apply_gradient_to_blocks<double>(f, a, da, dz);
}
inline void apply_gradient(FloatGradientFunction f, const Eigen::Ref<const Eigen::MatrixXf>& a,
                           const Eigen::Ref<const Eigen::MatrixXf>& da,
                           Eigen::Ref<Eigen::MatrixXf> dz) {
  apply_gradient_to_blocks<float>(f, a, da, dz);
}

}  // namespace nnsweep::kernels
