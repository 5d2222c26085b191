// Mean squared error over every output and example, as np.mean((A - Y) ** 2)
// and PyTorch's MSELoss compute it: the pairwise sum of (a - y)^2 over the
// k x m entries in row-major order, divided by k * m. For regression (with an
// identity output), or on classes encoded as 0/1 or one-hot targets.
#include "builtin.hpp"
#include "util/numpy_sum.hpp"

namespace nnsweep::losses {
namespace {

// For double and float blocks alike; the sum runs in double.
template <class ConstBlock>
double mean_squared_error(const ConstBlock& A, const ConstBlock& Y) {
  const auto cols = static_cast<std::size_t>(A.cols());
  const auto squared = [&](std::size_t k) {
    const auto row = static_cast<Eigen::Index>(k / cols);
    const auto col = static_cast<Eigen::Index>(k % cols);
    const double error = A(row, col) - Y(row, col);
    return error * error;
  };
  const std::size_t entries = static_cast<std::size_t>(A.rows()) * cols;
  return numpy_pairwise_sum(squared, entries) / static_cast<double>(entries);
}

// m * d(cost)/dA = 2 (a - y) / k.
template <class ConstBlock, class Block>
void mean_squared_error_gradient(const ConstBlock& A, const ConstBlock& Y, Block& dA) {
  using Scalar = typename Block::Scalar;
  dA = (Scalar(2) / static_cast<Scalar>(A.rows())) * (A - Y);
}

class MeanSquaredError final : public Loss {
 public:
  double cost(ConstBlock A, ConstBlock Y) const override { return mean_squared_error(A, Y); }
  void gradient(ConstBlock A, ConstBlock Y, Block dA) const override {
    mean_squared_error_gradient(A, Y, dA);
  }
  double cost_float(ConstFloatBlock A, ConstFloatBlock Y) const override {
    return mean_squared_error(A, Y);
  }
  void gradient_float(ConstFloatBlock A, ConstFloatBlock Y, FloatBlock dA) const override {
    mean_squared_error_gradient(A, Y, dA);
  }
};

}  // namespace

void register_mse(Registries& registries) {
  registries.losses.add({"mse",
                         "mean squared error mean((a - y)^2) over outputs and examples; "
                         "regression, or classes as 0/1 or one-hot targets",
                         {},
                         {.targets = LossTargets::real}},
                        [](const Params&) { return std::make_unique<MeanSquaredError>(); });
}

}  // namespace nnsweep::losses
