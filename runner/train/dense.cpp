#include "train/dense.hpp"

namespace nnsweep {

// The column loops are written on raw pointers: for layers of a few units
// Eigen's per-column expressions cost more than their arithmetic, and plain
// loops let the compiler vectorise and unroll the short inner ones.

void dense_forward(const ConstMatrixRef& W, const ConstMatrixRef& b, const ConstMatrixRef& X,
                   MatrixMap Z) {
  const Eigen::Index outputs = W.rows(), inputs = W.cols();
  if (inputs <= kNarrow && outputs >= kLong) {
    for (Eigen::Index i = 0; i < X.cols(); ++i) {
      double* z = &Z(0, i);
      for (Eigen::Index r = 0; r < outputs; ++r) z[r] = b(r, 0);
      for (Eigen::Index k = 0; k < inputs; ++k) {
        const double x = X(k, i);
        const double* w = W.data() + k * W.outerStride();
        for (Eigen::Index r = 0; r < outputs; ++r) z[r] += w[r] * x;
      }
    }
    return;
  }
  Z.noalias() = W * X;
  // One unit: its values are one contiguous row, added to as one array.
  if (outputs == 1) {
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
      const double* dz = dZ.data() + i * dZ.outerStride();
      for (Eigen::Index j = 0; j < inputs; ++j) {
        const double x = X(j, i);
        double* g = &G(0, j);
        for (Eigen::Index r = 0; r < outputs; ++r) g[r] += dz[r] * x;
      }
    }
    return;
  }
  if (outputs <= kNarrow && inputs >= kLong) {
    // Down the inputs, into G transposed: Gt(:, r) += X(:, i) dZ(r, i).
    double* gt = scratch.data();
    for (Eigen::Index e = 0; e < inputs * outputs; ++e) gt[e] = 0.0;
    for (Eigen::Index i = 0; i < m; ++i) {
      const double* x = X.data() + i * X.outerStride();
      for (Eigen::Index r = 0; r < outputs; ++r) {
        const double dz = dZ(r, i);
        double* column = gt + r * inputs;
        for (Eigen::Index j = 0; j < inputs; ++j) column[j] += x[j] * dz;
      }
    }
    G = Eigen::Map<const Eigen::MatrixXd>(gt, inputs, outputs).transpose();
    return;
  }
  G.noalias() = dZ * X.transpose();
}

void input_gradient(const ConstMatrixRef& W, const ConstMatrixRef& dZ, MatrixMap dA,
                    Eigen::VectorXd& scratch) {
  const Eigen::Index outputs = W.rows(), inputs = W.cols();
  if (outputs <= kNarrow && inputs >= kLong) {
    // W's rows as contiguous columns, then dA(:, i) = sum_k Wt(:, k) dZ(k, i).
    double* wt = scratch.data();
    for (Eigen::Index k = 0; k < outputs; ++k) {
      for (Eigen::Index j = 0; j < inputs; ++j) wt[k * inputs + j] = W(k, j);
    }
    for (Eigen::Index i = 0; i < dZ.cols(); ++i) {
      double* a = &dA(0, i);
      const double dz0 = dZ(0, i);
      for (Eigen::Index j = 0; j < inputs; ++j) a[j] = wt[j] * dz0;
      for (Eigen::Index k = 1; k < outputs; ++k) {
        const double dz = dZ(k, i);
        const double* w = wt + k * inputs;
        for (Eigen::Index j = 0; j < inputs; ++j) a[j] += w[j] * dz;
      }
    }
    return;
  }
  dA.noalias() = W.transpose() * dZ;
}

}  // namespace nnsweep
