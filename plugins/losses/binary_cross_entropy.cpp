// Binary cross-entropy, as the seed post's compute_cost:
//   cost = -(1/m) * np.sum(log(A) * Y + log(1 - A) * (1 - Y))
#include <cmath>

#include "builtin.hpp"
#include "util/numpy_sum.hpp"

namespace nnsweep {
namespace {

class BinaryCrossEntropy final : public Loss {
 public:
  double cost(ConstBlock A, ConstBlock Y) const override {
    const auto rows = static_cast<std::size_t>(A.rows());
    // numpy sums a C-ordered (row-major) array, so walk along rows first.
    const auto cols = static_cast<std::size_t>(A.cols());
    auto row_major_term = [&](std::size_t k) {
      const auto row = static_cast<Eigen::Index>(k / cols);
      const auto col = static_cast<Eigen::Index>(k % cols);
      const double a = A(row, col);
      const double y = Y(row, col);
      return std::log(a) * y + std::log(1.0 - a) * (1.0 - y);
    };
    const double m = static_cast<double>(A.cols());
    return -(1.0 / m) * numpy_pairwise_sum(row_major_term, rows * cols);
  }

  void gradient(ConstBlock A, ConstBlock Y, Block dA) const override {
    dA.array() = (A.array() - Y.array()) / (A.array() * (1.0 - A.array()));
  }

  std::string_view fused_output() const override { return "sigmoid"; }

  double accuracy(ConstBlock A, ConstBlock Y) const override {
    const auto right = ((A.array() > 0.5) == (Y.array() > 0.5)).count();
    return static_cast<double>(right) / static_cast<double>(A.size());
  }
};

}  // namespace

void register_binary_cross_entropy(Registries& registries) {
  registries.losses.add(
      {"binary_cross_entropy", "-(1/m) sum(y log a + (1-y) log(1-a)); labels 0/1", {}},
      [](const Params&) { return std::make_unique<BinaryCrossEntropy>(); });
}

}  // namespace nnsweep
