#include "train/dense.hpp"

#include "kernels/dense_kernels.hpp"

namespace nnsweep {

// Shapes with a narrow side go to kernels/dense_kernels.hpp, vectorised at the
// CPU's widest SIMD width with the same bits at every width; the rest to Eigen.

namespace {

kernels::ShortOperand short_operand(const ConstMatrixRef& X, const InputRows* rows) {
  return rows ? kernels::ShortOperand::rows(rows->data, rows->ld)
              : kernels::ShortOperand::columns(X.data(), X.outerStride());
}

}  // namespace

void dense_forward(const ConstMatrixRef& W, const ConstMatrixRef& b, const ConstMatrixRef& X,
                   MatrixMap Z, const InputRows* rows) {
  const Eigen::Index outputs = W.rows(), inputs = W.cols();
  if (inputs <= kNarrow) {
    // Rows of X help a one-unit layer only (kernels::ShortOperand).
    kernels::combine(W.data(), W.outerStride(), short_operand(X, outputs == 1 ? rows : nullptr),
                     b.data(), Z.data(), Z.outerStride(), outputs, inputs, X.cols());
    return;
  }
  if (outputs == 1 && W.outerStride() == 1 && X.innerStride() == 1) {
    // One unit: its values are one contiguous row, added to as one array.
    kernels::column_dots(W.data(), X.data(), X.outerStride(), inputs, X.cols(), Z.data());
    Z.array() += b(0, 0);
    return;
  }
  Z.noalias() = W * X;
  Z.colwise() += b.col(0);
}

void weight_gradient(const ConstMatrixRef& dZ, const ConstMatrixRef& X, MatrixMap G,
                     Eigen::VectorXd& scratch, const InputRows* rows) {
  const Eigen::Index outputs = dZ.rows(), inputs = X.rows(), m = dZ.cols();
  if (outputs == 1 && inputs <= kNarrow && dZ.innerStride() == 1) {
    // A one-unit layer with few inputs: G(0, j) = np.sum(dZ * X[j, :]).
    kernels::numpy_dot(dZ.data(), short_operand(X, rows), inputs, m, scratch.data());
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

namespace {

// W's rows as contiguous columns (W transposed, leading dimension W.cols()),
// so that dA(:, i) = sum_k Wt(:, k) dZ(k, i) runs down contiguous columns.
const double* transposed(const ConstMatrixRef& W, Eigen::VectorXd& scratch) {
  double* wt = scratch.data();
  for (Eigen::Index k = 0; k < W.rows(); ++k) {
    for (Eigen::Index j = 0; j < W.cols(); ++j) wt[k * W.cols() + j] = W(k, j);
  }
  return wt;
}

}  // namespace

void input_gradient(const ConstMatrixRef& W, const ConstMatrixRef& dZ, MatrixMap dA,
                    Eigen::VectorXd& scratch) {
  const Eigen::Index outputs = W.rows(), inputs = W.cols();
  if (input_gradient_by_columns(outputs)) {
    kernels::combine(transposed(W, scratch), inputs,
                     kernels::ShortOperand::columns(dZ.data(), dZ.outerStride()), nullptr,
                     dA.data(), dA.outerStride(), inputs, outputs, dZ.cols());
    return;
  }
  dA.noalias() = W.transpose() * dZ;
}

bool input_gradient_through(const ConstMatrixRef& W, const ConstMatrixRef& dZ,
                            const ConstMatrixRef& A, DerivativeFromOutput form, MatrixMap dZ_below,
                            Eigen::VectorXd& scratch, MatrixMap* G) {
  const auto kernel_form = form == DerivativeFromOutput::one_minus_square
                               ? kernels::Derivative::one_minus_square
                               : kernels::Derivative::logistic;
  // weight_gradient sums such shapes down A's rows (its accumulate path).
  if (G && W.rows() <= kernels::kMaxGradientShort && W.cols() > kNarrow) {
    // G transposed after W transposed in scratch, as weight_gradient's path
    // for these shapes sums it.
    double* gradient = scratch.data() + W.size();
    kernels::combine_derivative_gradient(
        kernel_form, transposed(W, scratch), W.cols(),
        kernels::ShortOperand::columns(dZ.data(), dZ.outerStride()), A.data(), A.outerStride(),
        dZ_below.data(), dZ_below.outerStride(), gradient, W.cols(), W.cols(), W.rows(), dZ.cols());
    *G = Eigen::Map<const Eigen::MatrixXd>(gradient, W.cols(), W.rows()).transpose();
    return true;
  }
  kernels::combine_derivative(kernel_form, transposed(W, scratch), W.cols(),
                              kernels::ShortOperand::columns(dZ.data(), dZ.outerStride()), A.data(),
                              A.outerStride(), dZ_below.data(), dZ_below.outerStride(), W.cols(),
                              W.rows(), dZ.cols());
  return false;
}

}  // namespace nnsweep
