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

namespace nnsweep {
namespace {

template <class Term>
double sum_row_major(Loss::ConstBlock values, const Term& term) {
  const auto cols = static_cast<std::size_t>(values.cols());
  auto row_major_term = [&](std::size_t k) {
    return term(static_cast<Eigen::Index>(k / cols), static_cast<Eigen::Index>(k % cols));
  };
  return numpy_pairwise_sum(row_major_term, static_cast<std::size_t>(values.rows()) * cols);
}

class CategoricalCrossEntropy final : public Loss {
 public:
  double cost(ConstBlock A, ConstBlock Y) const override {
    const auto term = [&](Eigen::Index k, Eigen::Index i) {
      return Y(k, i) == 0.0 ? 0.0 : Y(k, i) * std::log(A(k, i));
    };
    return -(1.0 / static_cast<double>(A.cols())) * sum_row_major(A, term);
  }

  double cost_from_logits(ConstBlock Z, ConstBlock Y) const override {
    // A zero target contributes an exact zero; only the others need the column's
    // log-sum-exp (one per example for one-hot targets).
    const auto term = [&](Eigen::Index k, Eigen::Index i) {
      if (Y(k, i) == 0.0) return 0.0;
      const double largest = Z.col(i).maxCoeff();
      double sum = 0.0;
      for (Eigen::Index j = 0; j < Z.rows(); ++j) sum += std::exp(Z(j, i) - largest);
      return Y(k, i) * ((Z(k, i) - largest) - std::log(sum));
    };
    return -(1.0 / static_cast<double>(Z.cols())) * sum_row_major(Z, term);
  }

  void gradient(ConstBlock A, ConstBlock Y, Block dA) const override {
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

}  // namespace nnsweep
