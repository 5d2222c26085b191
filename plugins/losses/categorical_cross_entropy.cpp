// Categorical cross-entropy over one-hot targets, as numpy code writes it:
//   cost = -(1/m) * np.sum(Y * np.log(A))
// and, for a softmax output, the same cost from the pre-activation Z through
// log-softmax, which never takes log(0):
//   log_softmax(Z) = (Z - max) - log(sum(exp(Z - max)))   (per column)
//   cost = -(1/m) * np.sum(Y * log_softmax(Z))
// Sums run over the K x m entries in row-major order, pairwise, as np.sum.
#include <cmath>

#include "builtin.hpp"
#include "util/numpy_sum.hpp"

namespace nnsweep::losses {
namespace {

// The helpers below serve double and float blocks alike: each term is
// computed in the blocks' type, and the sums run in double.
template <class ConstBlock, class Term>
double sum_row_major(const ConstBlock& values, const Term& term) {
  const auto cols = static_cast<std::size_t>(values.cols());
  auto row_major_term = [&](std::size_t k) {
    return term(static_cast<Eigen::Index>(k / cols), static_cast<Eigen::Index>(k % cols));
  };
  return numpy_pairwise_sum(row_major_term, static_cast<std::size_t>(values.rows()) * cols);
}

template <class ConstBlock>
double cross_entropy(const ConstBlock& A, const ConstBlock& Y) {
  const auto term = [&](Eigen::Index k, Eigen::Index i) -> double {
    return Y(k, i) == 0 ? 0.0 : Y(k, i) * std::log(A(k, i));
  };
  return -(1.0 / static_cast<double>(A.cols())) * sum_row_major(A, term);
}

template <class ConstBlock>
double cross_entropy_from_logits(const ConstBlock& Z, const ConstBlock& Y) {
  using Scalar = typename ConstBlock::Scalar;
  // A zero target contributes an exact zero; only the others need the column's
  // log-sum-exp (one per example for one-hot targets).
  const auto term = [&](Eigen::Index k, Eigen::Index i) -> double {
    if (Y(k, i) == 0) return 0.0;
    const Scalar largest = Z.col(i).maxCoeff();
    Scalar sum = 0;
    for (Eigen::Index j = 0; j < Z.rows(); ++j) sum += std::exp(Z(j, i) - largest);
    return Y(k, i) * ((Z(k, i) - largest) - std::log(sum));
  };
  return -(1.0 / static_cast<double>(Z.cols())) * sum_row_major(Z, term);
}

class CategoricalCrossEntropy final : public Loss {
 public:
  double cost(ConstBlock A, ConstBlock Y) const override { return cross_entropy(A, Y); }
  double cost_from_logits(ConstBlock Z, ConstBlock Y) const override {
    return cross_entropy_from_logits(Z, Y);
  }
  void gradient(ConstBlock A, ConstBlock Y, Block dA) const override {
    dA.array() = -Y.array() / A.array();
  }
  double cost_float(ConstFloatBlock A, ConstFloatBlock Y) const override {
    return cross_entropy(A, Y);
  }
  double cost_from_logits_float(ConstFloatBlock Z, ConstFloatBlock Y) const override {
    return cross_entropy_from_logits(Z, Y);
  }
  void gradient_float(ConstFloatBlock A, ConstFloatBlock Y, FloatBlock dA) const override {
    dA.array() = -Y.array() / A.array();
  }
};

}  // namespace

void register_categorical_cross_entropy(Registries& registries) {
  registries.losses.add({"categorical_cross_entropy",
                         "-(1/m) sum(y log a) over one-hot targets; one softmax output per class",
                         {},
                         {.requires_output = OutputRange::simplex,
                          .fused_output = "softmax",
                          .targets = LossTargets::one_hot}},
                        [](const Params&) { return std::make_unique<CategoricalCrossEntropy>(); });
}

}  // namespace nnsweep::losses
