#include "train/dense.hpp"

namespace nnsweep {

void dense_forward(const ConstMatrixRef& W, const ConstMatrixRef& b, const ConstMatrixRef& X,
                   MatrixMap Z) {
  const Eigen::Index inputs = W.cols();
  if (inputs <= kNarrow && W.rows() >= kLong) {
    for (Eigen::Index i = 0; i < X.cols(); ++i) {
      auto z = Z.col(i);
      z = b.col(0);
      for (Eigen::Index k = 0; k < inputs; ++k) z += W.col(k) * X(k, i);
    }
    return;
  }
  Z.noalias() = W * X;
  // One unit: its values are one contiguous row, added to as one array.
  if (Z.rows() == 1) {
    Z.array() += b(0, 0);
  } else {
    Z.colwise() += b.col(0);
  }
}

void weight_gradient(const ConstMatrixRef& dZ, const ConstMatrixRef& X, MatrixMap G,
                     Eigen::VectorXd& scratch) {
  const Eigen::Index outputs = dZ.rows(), inputs = X.rows(), m = dZ.cols();
  if (inputs <= kNarrow && outputs >= kLong) {
    // Down the outputs: G(:, j) += dZ(:, i) X(j, i).
    G.setZero();
    for (Eigen::Index i = 0; i < m; ++i) {
      for (Eigen::Index j = 0; j < inputs; ++j) G.col(j) += dZ.col(i) * X(j, i);
    }
    return;
  }
  if (outputs <= kNarrow && inputs >= kLong) {
    // Down the inputs, into G transposed: Gt(:, r) += X(:, i) dZ(r, i).
    MatrixMap Gt(scratch.data(), inputs, outputs);
    Gt.setZero();
    for (Eigen::Index i = 0; i < m; ++i) {
      for (Eigen::Index r = 0; r < outputs; ++r) Gt.col(r) += X.col(i) * dZ(r, i);
    }
    G = Gt.transpose();
    return;
  }
  G.noalias() = dZ * X.transpose();
}

void input_gradient(const ConstMatrixRef& W, const ConstMatrixRef& dZ, MatrixMap dA,
                    Eigen::VectorXd& scratch) {
  const Eigen::Index outputs = W.rows(), inputs = W.cols();
  if (outputs <= kNarrow && inputs >= kLong) {
    // W's rows as contiguous columns, then dA(:, i) = sum_k Wt(:, k) dZ(k, i).
    MatrixMap Wt(scratch.data(), inputs, outputs);
    Wt = W.transpose();
    for (Eigen::Index i = 0; i < dZ.cols(); ++i) {
      auto a = dA.col(i);
      a = Wt.col(0) * dZ(0, i);
      for (Eigen::Index k = 1; k < outputs; ++k) a += Wt.col(k) * dZ(k, i);
    }
    return;
  }
  dA.noalias() = W.transpose() * dZ;
}

}  // namespace nnsweep
