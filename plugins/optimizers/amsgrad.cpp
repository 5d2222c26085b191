// AMSGrad (Reddi, Kale & Kumar, 2018): Adam dividing by the largest second
// moment so far, so that no parameter's step size ever grows; with Adam's
// bias corrections, as PyTorch's Adam(amsgrad=True):
//   m = beta1 * m + (1 - beta1) * g;  v = beta2 * v + (1 - beta2) * g^2
//   v_max = max(v_max, v)
//   p -= learning_rate * (m / (1 - beta1^t)) / (sqrt(v_max / (1 - beta2^t)) + epsilon)
#include <cmath>

#include "builtin.hpp"

namespace nnsweep::optimizers {
namespace {

class AMSGrad final : public Optimizer {
 public:
  explicit AMSGrad(const Params& params)
      : beta1_(params.real("beta1")),
        beta2_(params.real("beta2")),
        epsilon_(params.real("epsilon")) {}

  void reset(const ParameterLayout& layout) override {
    first_moment_ = Eigen::VectorXd::Zero(layout.size);
    second_moment_ = Eigen::VectorXd::Zero(layout.size);
    largest_second_ = Eigen::VectorXd::Zero(layout.size);
    steps_ = 0;
  }

  void step(Vector params, ConstVector gradient, double learning_rate) override {
    ++steps_;
    first_moment_ = beta1_ * first_moment_ + (1.0 - beta1_) * gradient;
    second_moment_ = beta2_ * second_moment_ + (1.0 - beta2_) * gradient.cwiseAbs2();
    largest_second_ = largest_second_.cwiseMax(second_moment_);
    const double correction1 = 1.0 - std::pow(beta1_, static_cast<double>(steps_));
    const double correction2 = 1.0 - std::pow(beta2_, static_cast<double>(steps_));
    params.array() -= learning_rate * (first_moment_.array() / correction1) /
                      ((largest_second_.array() / correction2).sqrt() + epsilon_);
  }

 private:
  double beta1_;
  double beta2_;
  double epsilon_;
  Eigen::VectorXd first_moment_, second_moment_, largest_second_;
  long steps_ = 0;
};

}  // namespace

void register_amsgrad(Registries& registries) {
  registries.optimizers.add(
      {"amsgrad",
       "AMSGrad: Adam dividing by the largest second moment estimate so far",
       {real_param("learning_rate", 0.001, 0.0, 1e12, "step size", true),
        real_param("beta1", 0.9, 0.0, 0.999999, "decay of the first moment estimate"),
        real_param("beta2", 0.999, 0.0, 0.999999999, "decay of the second moment estimate"),
        real_param("epsilon", 1e-8, 0.0, 1.0, "added to the denominator for stability", true)}},
      [](const Params& params) { return std::make_unique<AMSGrad>(params); });
}

}  // namespace nnsweep::optimizers
