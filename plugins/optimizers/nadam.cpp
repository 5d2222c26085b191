// Nadam (Dozat, 2016): Adam with Nesterov momentum and the momentum schedule
// mu_t = beta1 * (1 - 0.5 * 0.96^(t * momentum_decay)), as Keras' Nadam and
// PyTorch's NAdam (from 2.0; 1.13 multiplies mu_t into the product of the next
// step twice, tests/fixtures/generate_optimizer_fixtures.py):
//   P_t = mu_1 ... mu_t
//   m = beta1 * m + (1 - beta1) * g;  v = beta2 * v + (1 - beta2) * g^2
//   d = sqrt(v / (1 - beta2^t)) + epsilon
//   p -= learning_rate * ((1 - mu_t) / (1 - P_t) * g + mu_{t+1} / (1 - P_t mu_{t+1}) * m) / d
#include <cmath>

#include "builtin.hpp"

namespace nnsweep::optimizers {
namespace {

class Nadam final : public Optimizer {
 public:
  explicit Nadam(const Params& params)
      : beta1_(params.real("beta1")),
        beta2_(params.real("beta2")),
        epsilon_(params.real("epsilon")),
        momentum_decay_(params.real("momentum_decay")) {}

  void reset(const ParameterLayout& layout) override {
    first_moment_ = Eigen::VectorXd::Zero(layout.size);
    second_moment_ = Eigen::VectorXd::Zero(layout.size);
    steps_ = 0;
    mu_product_ = 1.0;
  }

  void step(Vector params, ConstVector gradient, double learning_rate) override {
    ++steps_;
    const double t = static_cast<double>(steps_);
    const double mu = momentum(t);
    const double mu_next = momentum(t + 1.0);
    mu_product_ *= mu;
    const double gradient_weight = learning_rate * (1.0 - mu) / (1.0 - mu_product_);
    const double moment_weight = learning_rate * mu_next / (1.0 - mu_product_ * mu_next);
    first_moment_ = beta1_ * first_moment_ + (1.0 - beta1_) * gradient;
    second_moment_ = beta2_ * second_moment_ + (1.0 - beta2_) * gradient.cwiseAbs2();
    const double correction2 = 1.0 - std::pow(beta2_, t);
    params.array() -= (gradient_weight * gradient.array() + moment_weight * first_moment_.array()) /
                      ((second_moment_.array() / correction2).sqrt() + epsilon_);
  }

 private:
  double momentum(double t) const {
    return beta1_ * (1.0 - 0.5 * std::pow(0.96, t * momentum_decay_));
  }

  double beta1_;
  double beta2_;
  double epsilon_;
  double momentum_decay_;
  Eigen::VectorXd first_moment_, second_moment_;
  long steps_ = 0;
  double mu_product_ = 1.0;
};

}  // namespace

void register_nadam(Registries& registries) {
  registries.optimizers.add(
      {"nadam",
       "Nadam: Adam with Nesterov momentum and Dozat's momentum schedule",
       {real_param("learning_rate", 0.002, 0.0, 1e12, "step size", true),
        real_param("beta1", 0.9, 0.0, 0.999999, "decay of the first moment estimate"),
        real_param("beta2", 0.999, 0.0, 0.999999999, "decay of the second moment estimate"),
        real_param("epsilon", 1e-8, 0.0, 1.0, "added to the denominator for stability", true),
        real_param("momentum_decay", 0.004, 0.0, 1e6,
                   "psi of the momentum schedule mu_t = beta1 * (1 - 0.5 * 0.96^(t * psi))")}},
      [](const Params& params) { return std::make_unique<Nadam>(params); });
}

}  // namespace nnsweep::optimizers
