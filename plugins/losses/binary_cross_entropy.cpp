// Binary cross-entropy, as the seed post's compute_cost:
//   cost = -(1/m) * np.sum(log(A) * Y + log(1 - A) * (1 - Y))
// and, for a sigmoid output, the same cost from the pre-activation Z:
//   cost = (1/m) * sum(y * softplus(-z) + (1 - y) * softplus(z))
// since -log(sigmoid(z)) = softplus(-z) and -log(1 - sigmoid(z)) = softplus(z).
#include <algorithm>
#include <cmath>
#include <type_traits>

#include "builtin.hpp"
#include "kernels/vector_math.hpp"
#include "kernels/vector_math_float.hpp"
#include "util/numpy_sum.hpp"

namespace nnsweep::losses {
namespace {

// log(1 + exp(x)) without overflow or cancellation: exp only ever sees -|x| <= 0,
// and log1p keeps full precision when exp(-|x|) is tiny. The same function as
// kernels::softplus, for the rare labels that are neither 0 nor 1.
double softplus(double x) {
  double y;
  kernels::softplus(&x, &y, 1);
  return y;
}

// The helpers below serve double and float blocks alike: each term is
// computed in the blocks' type, and the sums run in double.

// The pairwise (numpy) sum of term(value, y) over all entries. numpy sums a
// C-ordered (row-major) array, so walk along rows first.
template <class ConstBlock, class Term>
double sum_row_major(const ConstBlock& values, const ConstBlock& Y, const Term& term) {
  const auto rows = static_cast<std::size_t>(values.rows());
  const auto cols = static_cast<std::size_t>(values.cols());
  auto row_major_term = [&](std::size_t k) {
    const auto row = static_cast<Eigen::Index>(k / cols);
    const auto col = static_cast<Eigen::Index>(k % cols);
    return term(values(row, col), Y(row, col));
  };
  return numpy_pairwise_sum(row_major_term, rows * cols);
}

template <class ConstBlock>
double cross_entropy(const ConstBlock& A, const ConstBlock& Y) {
  using Scalar = typename ConstBlock::Scalar;
  const auto logprob = [](Scalar a, Scalar y) -> double {
    return std::log(a) * y + std::log(Scalar(1) - a) * (Scalar(1) - y);
  };
  const double m = static_cast<double>(A.cols());
  return -(1.0 / m) * sum_row_major(A, Y, logprob);
}

template <class ConstBlock>
double cross_entropy_from_logits(const ConstBlock& Z, const ConstBlock& Y) {
  using Scalar = typename ConstBlock::Scalar;
  // With a 0/1 label one of the two products is an exact zero, so the term is
  // softplus(-z) for 1 and softplus(z) for 0: softplus((1 - 2y) z), exactly.
  // Each block of terms is made by one vectorised softplus (in the blocks'
  // type); other labels take the general form, in double, one term at a time.
  const Eigen::Index cols = Z.cols();
  const auto fill = [&](std::size_t begin, std::size_t n, double* terms) {
    // Entry k in row-major order (as numpy sums a C-ordered array) is at
    // (k / cols, k % cols); walk it with counters, not divisions.
    const auto for_each_entry = [&](const auto& visit) {
      Eigen::Index row = Eigen::Index(begin) / cols, col = Eigen::Index(begin) % cols;
      for (std::size_t i = 0; i < n; ++i) {
        visit(i, Z(row, col), Y(row, col));
        if (++col == cols) col = 0, ++row;
      }
    };
    // Doubles go straight into `terms`; floats through a block of their own
    // (zeroed: GCC cannot see that every entry used is written first).
    Scalar float_terms[std::is_same_v<Scalar, double> ? 1 : 128] = {};
    Scalar* values = float_terms;
    if constexpr (std::is_same_v<Scalar, double>) values = terms;
    bool binary = true;
    for_each_entry([&](std::size_t i, Scalar z, Scalar y) {
      binary = binary && (y == 0 || y == 1);
      values[i] = y == 1 ? -z : z;
    });
    if (binary) {
      kernels::softplus(values, values, n);
      if constexpr (!std::is_same_v<Scalar, double>) std::copy(values, values + n, terms);
      return;
    }
    for_each_entry([&](std::size_t i, double z, double y) {
      terms[i] = y * softplus(-z) + (1.0 - y) * softplus(z);
    });
  };
  const double m = static_cast<double>(Z.cols());
  // (1/m) * sum: the post's -(1/m) * sum(logprobs) with the sign folded into the terms.
  return (1.0 / m) * numpy_pairwise_sum_by_block(fill, 0, std::size_t(Z.size()));
}

template <class ConstBlock, class Block>
void cross_entropy_gradient(const ConstBlock& A, const ConstBlock& Y, Block& dA) {
  using Scalar = typename Block::Scalar;
  dA.array() = (A.array() - Y.array()) / (A.array() * (Scalar(1) - A.array()));
}

class BinaryCrossEntropy final : public Loss {
 public:
  double cost(ConstBlock A, ConstBlock Y) const override { return cross_entropy(A, Y); }
  double cost_from_logits(ConstBlock Z, ConstBlock Y) const override {
    return cross_entropy_from_logits(Z, Y);
  }
  void gradient(ConstBlock A, ConstBlock Y, Block dA) const override {
    cross_entropy_gradient(A, Y, dA);
  }
  double cost_float(ConstFloatBlock A, ConstFloatBlock Y) const override {
    return cross_entropy(A, Y);
  }
  double cost_from_logits_float(ConstFloatBlock Z, ConstFloatBlock Y) const override {
    return cross_entropy_from_logits(Z, Y);
  }
  void gradient_float(ConstFloatBlock A, ConstFloatBlock Y, FloatBlock dA) const override {
    cross_entropy_gradient(A, Y, dA);
  }
};

}  // namespace

void register_binary_cross_entropy(Registries& registries) {
  registries.losses.add({"binary_cross_entropy",
                         "-(1/m) sum(y log a + (1-y) log(1-a)); two classes, one sigmoid output",
                         {},
                         {.requires_output = OutputRange::unit_interval,
                          .fused_output = "sigmoid",
                          .targets = LossTargets::two_classes}},
                        [](const Params&) { return std::make_unique<BinaryCrossEntropy>(); });
}

}  // namespace nnsweep::losses
