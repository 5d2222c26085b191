#include "train/float_dense.hpp"

#include "kernels/vector_math_float.hpp"
#include "train/dense.hpp"  // kNarrow

namespace nnsweep {

void float_dense_forward(const ConstFloatRef& W, const ConstFloatRef& b, const ConstFloatRef& X,
                         FloatMap Z) {
  const Eigen::Index outputs = W.rows(), inputs = W.cols();
  if (inputs <= kNarrow) {
    // Z(:, i) = b + sum_k W(:, k) X(k, i): X's columns are the short operand.
    kernels::combine(W.data(), W.outerStride(), X.data(), 1, X.outerStride(), b.data(), Z.data(),
                     Z.outerStride(), outputs, inputs, X.cols());
    return;
  }
  Z.noalias() = W * X;
  if (outputs == 1) {
    // One unit: its values are one contiguous row, added to as one array.
    Z.array() += b(0, 0);
  } else {
    Z.colwise() += b.col(0);
  }
}

void float_weight_gradient(const ConstFloatRef& dZ, const ConstFloatRef& X, FloatMap G,
                           Eigen::VectorXf& scratch) {
  const Eigen::Index outputs = dZ.rows(), inputs = X.rows(), m = dZ.cols();
  // A one-unit layer with fewer inputs than a vector's lanes would sum each
  // entry as one long chain: Eigen's dot products split it.
  if (inputs <= kNarrow && outputs > 1) {
    // Down the outputs: G(:, j) = sum_i dZ(:, i) X(j, i).
    kernels::accumulate(dZ.data(), dZ.outerStride(), X.data(), X.outerStride(), G.data(),
                        G.outerStride(), outputs, inputs, m);
    return;
  }
  if (outputs <= kNarrow && inputs > kNarrow) {
    // Down the inputs, into G transposed: Gt(:, r) = sum_i X(:, i) dZ(r, i).
    kernels::accumulate(X.data(), X.outerStride(), dZ.data(), dZ.outerStride(), scratch.data(),
                        inputs, inputs, outputs, m);
    G = ConstFloatMap(scratch.data(), inputs, outputs).transpose();
    return;
  }
  G.noalias() = dZ * X.transpose();
}

void float_input_gradient(const ConstFloatRef& Wt, const ConstFloatRef& dZ, FloatMap dA) {
  const Eigen::Index inputs = Wt.rows(), outputs = Wt.cols();
  if (outputs <= kNarrow) {
    // dA(:, i) = sum_k Wt(:, k) dZ(k, i).
    kernels::combine(Wt.data(), Wt.outerStride(), dZ.data(), 1, dZ.outerStride(), nullptr,
                     dA.data(), dA.outerStride(), inputs, outputs, dZ.cols());
    return;
  }
  dA.noalias() = Wt * dZ;
}

}  // namespace nnsweep
