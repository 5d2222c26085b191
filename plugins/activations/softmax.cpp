// Softmax over each column (one example's output units), computed as numpy code
// usually writes it:
//   E = np.exp(Z - Z.max(axis=0, keepdims=True))
//   A = E / E.sum(axis=0, keepdims=True)
// where the column sum adds the units in order (numpy reduces axis 0 of a
// C-ordered array row by row). Output layer only: it normalises across units.
#include <cmath>

#include "builtin.hpp"

namespace nnsweep::activations {
namespace {

// Written once for double and float blocks: Scalar is the blocks' type, and
// every sum runs in it, in the same order.
template <class ConstBlock, class Block>
void softmax_forward(const ConstBlock& Z, Block& A) {
  using Scalar = typename Block::Scalar;
  for (Eigen::Index i = 0; i < Z.cols(); ++i) {
    const Scalar largest = Z.col(i).maxCoeff();
    Scalar sum = 0;
    for (Eigen::Index k = 0; k < Z.rows(); ++k) {
      A(k, i) = std::exp(Z(k, i) - largest);
      sum += A(k, i);
    }
    for (Eigen::Index k = 0; k < Z.rows(); ++k) A(k, i) /= sum;
  }
}

// Per column, the Jacobian-vector product dZ = A * (dA - sum(dA * A)); the
// sum is taken before dZ is written, so dZ may alias dA.
template <class ConstBlock, class Block>
void softmax_backward(const ConstBlock& A, const ConstBlock& dA, Block& dZ) {
  using Scalar = typename Block::Scalar;
  for (Eigen::Index i = 0; i < A.cols(); ++i) {
    Scalar weighted = 0;
    for (Eigen::Index k = 0; k < A.rows(); ++k) weighted += dA(k, i) * A(k, i);
    for (Eigen::Index k = 0; k < A.rows(); ++k) dZ(k, i) = A(k, i) * (dA(k, i) - weighted);
  }
}

class Softmax final : public Activation {
 public:
  void forward(ConstBlock Z, Block A) const override { softmax_forward(Z, A); }
  void backward(ConstBlock, ConstBlock A, ConstBlock dA, Block dZ) const override {
    softmax_backward(A, dA, dZ);
  }
  void forward_float(ConstFloatBlock Z, FloatBlock A) const override { softmax_forward(Z, A); }
  void backward_float(ConstFloatBlock, ConstFloatBlock A, ConstFloatBlock dA,
                      FloatBlock dZ) const override {
    softmax_backward(A, dA, dZ);
  }
};

}  // namespace

void register_softmax(Registries& registries) {
  registries.activations.add(
      {"softmax",
       "exp(z_k) / sum_j exp(z_j) over each example's units; output layer only, "
       "with categorical_cross_entropy",
       {},
       {.range = OutputRange::simplex, .elementwise = false}},
      [](const Params&) { return std::make_unique<Softmax>(); });
}

}  // namespace nnsweep::activations
