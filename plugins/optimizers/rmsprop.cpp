// RMSprop (Hinton's lecture 6e; centred form: Graves, 2013), in PyTorch's
// form (eps outside the square root; momentum on the scaled step):
//   s = alpha * s + (1 - alpha) * g^2
//   centred: a = alpha * a + (1 - alpha) * g, d = sqrt(s - a^2) + epsilon;
//   else d = sqrt(s) + epsilon
//   momentum > 0: b = momentum * b + g / d, p -= learning_rate * b;
//   else p -= learning_rate * g / d
#include "builtin.hpp"

namespace nnsweep::optimizers {
namespace {

class RMSprop final : public Optimizer {
 public:
  explicit RMSprop(const Params& params)
      : alpha_(params.real("alpha")),
        epsilon_(params.real("epsilon")),
        momentum_(params.real("momentum")),
        centered_(params.boolean("centered")) {}

  void reset(const ParameterLayout& layout) override {
    square_ = Eigen::VectorXd::Zero(layout.size);
    denominator_ = Eigen::VectorXd::Zero(layout.size);
    // Only the state the variant needs.
    mean_ = Eigen::VectorXd::Zero(centered_ ? layout.size : 0);
    buffer_ = Eigen::VectorXd::Zero(momentum_ > 0.0 ? layout.size : 0);
  }

  void step(Vector params, ConstVector gradient, double learning_rate) override {
    square_.array() = alpha_ * square_.array() + (1.0 - alpha_) * gradient.array().square();
    if (centered_) {
      mean_ = alpha_ * mean_ + (1.0 - alpha_) * gradient;
      denominator_.array() = (square_.array() - mean_.array().square()).sqrt() + epsilon_;
    } else {
      denominator_.array() = square_.array().sqrt() + epsilon_;
    }
    if (momentum_ > 0.0) {
      buffer_.array() = momentum_ * buffer_.array() + gradient.array() / denominator_.array();
      params -= learning_rate * buffer_;
    } else {
      params.array() -= learning_rate * (gradient.array() / denominator_.array());
    }
  }

 private:
  double alpha_;
  double epsilon_;
  double momentum_;
  bool centered_;
  Eigen::VectorXd square_, mean_, buffer_, denominator_;
};

}  // namespace

void register_rmsprop(Registries& registries) {
  registries.optimizers.add(
      {"rmsprop",
       "RMSprop: divides g by a running root mean square; optional momentum and centred form",
       {real_param("learning_rate", 0.01, 0.0, 1e12, "step size", true),
        real_param("alpha", 0.99, 0.0, 0.999999, "decay of the mean of squared gradients"),
        real_param("epsilon", 1e-8, 0.0, 1.0, "added to the denominator for stability", true),
        real_param("momentum", 0.0, 0.0, 1.0, "momentum on the scaled step; 0 = none"),
        bool_param("centered", false,
                   "divide by the running standard deviation instead: subtract the squared "
                   "running mean of g")}},
      [](const Params& params) { return std::make_unique<RMSprop>(params); });
}

}  // namespace nnsweep::optimizers
