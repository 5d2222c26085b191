// Adam (Kingma & Ba, 2015) with bias-corrected moment estimates:
//   m = beta1 * m + (1 - beta1) * g;  v = beta2 * v + (1 - beta2) * g^2
//   p -= learning_rate * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)
#include <cmath>

#include "builtin.hpp"

namespace nnsweep::optimizers {
namespace {

class Adam final : public Optimizer {
 public:
  explicit Adam(const Params& params)
      : beta1_(params.real("beta1")),
        beta2_(params.real("beta2")),
        epsilon_(params.real("epsilon")) {}

  void reset(const ParameterLayout& layout) override {
    first_moment_ = Eigen::VectorXd::Zero(layout.size);
    second_moment_ = Eigen::VectorXd::Zero(layout.size);
    steps_ = 0;
  }

  void step(Vector params, ConstVector gradient, double learning_rate) override {
    ++steps_;
    first_moment_ = beta1_ * first_moment_ + (1.0 - beta1_) * gradient;
    second_moment_ = beta2_ * second_moment_ + (1.0 - beta2_) * gradient.cwiseAbs2();
    const double correction1 = 1.0 - std::pow(beta1_, static_cast<double>(steps_));
    const double correction2 = 1.0 - std::pow(beta2_, static_cast<double>(steps_));
    params.array() -= learning_rate * (first_moment_.array() / correction1) /
                      ((second_moment_.array() / correction2).sqrt() + epsilon_);
  }

 private:
  double beta1_;
  double beta2_;
  double epsilon_;
  Eigen::VectorXd first_moment_;
  Eigen::VectorXd second_moment_;
  long steps_ = 0;
};

}  // namespace

void register_adam(Registries& registries) {
  registries.optimizers.add(
      {"adam",
       "Adam: bias-corrected first and second moment estimates",
       {real_param("learning_rate", 0.001, 0.0, 1e12, "step size", true),
        real_param("beta1", 0.9, 0.0, 0.999999, "decay of the first moment estimate"),
        real_param("beta2", 0.999, 0.0, 0.999999999, "decay of the second moment estimate"),
        real_param("epsilon", 1e-8, 0.0, 1.0, "added to the denominator for stability", true)}},
      [](const Params& params) { return std::make_unique<Adam>(params); });
}

}  // namespace nnsweep::optimizers
