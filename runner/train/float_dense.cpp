#include "train/float_dense.hpp"

#include "kernels/vector_math_float.hpp"
#include "train/dense.hpp"  // kNarrow

namespace nnsweep {

void float_dense_forward(const ConstFloatRef& W, const ConstFloatRef& b, const ConstFloatRef& X,
                         FloatMap Z, const FloatInputRows* rows) {
  const Eigen::Index outputs = W.rows(), inputs = W.cols();
  if (inputs <= kNarrow) {
    // Z(:, i) = b + sum_k W(:, k) X(k, i): X is the short operand, by rows
    // for one unit when it has them.
    const bool by_rows = rows && outputs == 1;
    kernels::combine(W.data(), W.outerStride(), by_rows ? rows->data : X.data(),
                     by_rows ? rows->ld : 1, by_rows ? 1 : X.outerStride(), b.data(), Z.data(),
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
                           Eigen::VectorXf& scratch, const FloatInputRows* rows) {
  const Eigen::Index outputs = dZ.rows(), inputs = X.rows(), m = dZ.cols();
  if (outputs == 1 && inputs <= kNarrow && dZ.innerStride() == 1) {
    // A one-unit layer with few inputs: G(0, j) = sum_i dZ(0, i) X(j, i), in
    // 16 partial sums (one chain of m adds each would wait on itself).
    kernels::dots(dZ.data(), rows ? rows->data : X.data(), rows ? rows->ld : 1,
                  rows ? 1 : X.outerStride(), inputs, m, scratch.data());
    G = ConstFloatMap(scratch.data(), 1, inputs);
    return;
  }
  if (inputs <= kNarrow) {
    // Down the outputs: G(:, j) = sum_i dZ(:, i) X(j, i).
    kernels::accumulate(dZ.data(), dZ.outerStride(), X.data(), X.outerStride(), G.data(),
                        G.outerStride(), outputs, inputs, m);
    return;
  }
  if (outputs <= kNarrow) {
    // Down the inputs (more than kNarrow of them), into G transposed: Gt(:, r) = sum_i X(:, i)
    // dZ(r, i).
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
