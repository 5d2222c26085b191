#include "train/dense.hpp"

#include "kernels/dense_kernels.hpp"

namespace nnsweep {

// Shapes with a narrow side go to kernels/dense_kernels.hpp, vectorised at the
// CPU's widest SIMD width with the same bits at every width; the rest to Eigen.

void dense_forward(const ConstMatrixRef& W, const ConstMatrixRef& b, const ConstMatrixRef& X,
                   MatrixMap Z) {
  const Eigen::Index outputs = W.rows(), inputs = W.cols();
  if (inputs <= kNarrow) {
    kernels::combine(W.data(), W.outerStride(), X.data(), X.outerStride(), b.data(), Z.data(),
                     Z.outerStride(), outputs, inputs, X.cols());
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
  if (outputs == 1 && inputs <= kNarrow && dZ.innerStride() == 1) {
    // A one-unit layer with few inputs: G(0, j) = np.sum(dZ * X[j, :]).
    kernels::numpy_dot(dZ.data(), X.data(), X.outerStride(), inputs, m, scratch.data());
    G = Eigen::Map<const Eigen::MatrixXd>(scratch.data(), 1, inputs);
    return;
  }
  if (inputs <= kNarrow) {
    // Down the outputs: G(:, j) = sum_i dZ(:, i) X(j, i).
    kernels::accumulate(dZ.data(), dZ.outerStride(), X.data(), X.outerStride(), G.data(),
                        G.outerStride(), outputs, inputs, m);
    return;
  }
  if (outputs <= kNarrow) {
    // Down the inputs, into G transposed: Gt(:, r) = sum_i X(:, i) dZ(r, i).
    kernels::accumulate(X.data(), X.outerStride(), dZ.data(), dZ.outerStride(), scratch.data(),
                        inputs, inputs, outputs, m);
    G = Eigen::Map<const Eigen::MatrixXd>(scratch.data(), inputs, outputs).transpose();
    return;
  }
  G.noalias() = dZ * X.transpose();
}

void input_gradient(const ConstMatrixRef& W, const ConstMatrixRef& dZ, MatrixMap dA,
                    Eigen::VectorXd& scratch) {
  const Eigen::Index outputs = W.rows(), inputs = W.cols();
  if (input_gradient_by_columns(outputs)) {
    // W's rows as contiguous columns, then dA(:, i) = sum_k Wt(:, k) dZ(k, i).
    double* wt = scratch.data();
    for (Eigen::Index k = 0; k < outputs; ++k) {
      for (Eigen::Index j = 0; j < inputs; ++j) wt[k * inputs + j] = W(k, j);
    }
    kernels::combine(wt, inputs, dZ.data(), dZ.outerStride(), nullptr, dA.data(), dA.outerStride(),
                     inputs, outputs, dZ.cols());
    return;
  }
  dA.noalias() = W.transpose() * dZ;
}

}  // namespace nnsweep
