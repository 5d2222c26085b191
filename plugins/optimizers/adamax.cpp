// Adamax (Kingma & Ba, 2015, section 7.1): Adam with the infinity norm, in
// PyTorch's form (epsilon added to |g| inside the maximum, so that a
// parameter whose gradients were all 0 divides by epsilon, not by 0):
//   m = beta1 * m + (1 - beta1) * g;  u = max(beta2 * u, |g| + epsilon)
//   p -= (learning_rate / (1 - beta1^t)) * m / u
#include <cmath>

#include "builtin.hpp"

namespace nnsweep::optimizers {
namespace {

class Adamax final : public Optimizer {
 public:
  explicit Adamax(const Params& params)
      : beta1_(params.real("beta1")),
        beta2_(params.real("beta2")),
        epsilon_(params.real("epsilon")) {}

  void reset(const ParameterLayout& layout) override {
    first_moment_ = Eigen::VectorXd::Zero(layout.size);
    norm_ = Eigen::VectorXd::Zero(layout.size);
    steps_ = 0;
  }

  void step(Vector params, ConstVector gradient, double learning_rate) override {
    ++steps_;
    first_moment_ = beta1_ * first_moment_ + (1.0 - beta1_) * gradient;
    norm_.array() = (beta2_ * norm_.array()).max(gradient.array().abs() + epsilon_);
    const double correction1 = 1.0 - std::pow(beta1_, static_cast<double>(steps_));
    params.array() -= (learning_rate / correction1) * (first_moment_.array() / norm_.array());
  }

 private:
  double beta1_;
  double beta2_;
  double epsilon_;
  Eigen::VectorXd first_moment_, norm_;
  long steps_ = 0;
};

}  // namespace

void register_adamax(Registries& registries) {
  registries.optimizers.add(
      {"adamax",
       "Adamax: Adam with an exponentially weighted infinity norm instead of the second moment",
       {real_param("learning_rate", 0.002, 0.0, 1e12, "step size", true),
        real_param("beta1", 0.9, 0.0, 0.999999, "decay of the first moment estimate"),
        real_param("beta2", 0.999, 0.0, 0.999999999, "decay of the infinity norm"),
        real_param("epsilon", 1e-8, 0.0, 1.0, "added to |g| for stability", true)}},
      [](const Params& params) { return std::make_unique<Adamax>(params); });
}

}  // namespace nnsweep::optimizers
