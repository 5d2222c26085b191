// Lion (Chen et al., 2023, "Symbolic Discovery of Optimization Algorithms",
// Algorithm 2): the sign of an interpolation of momentum and gradient, with
// weight decay decoupled as the paper applies it (and on the weights only):
//   c = beta1 * m + (1 - beta1) * g
//   w *= 1 - learning_rate * weight_decay
//   p -= learning_rate * sign(c)          (sign(0) = 0)
//   m = beta2 * m + (1 - beta2) * g
#include "builtin.hpp"

namespace nnsweep::optimizers {
namespace {

class Lion final : public Optimizer {
 public:
  explicit Lion(const Params& params)
      : beta1_(params.real("beta1")),
        beta2_(params.real("beta2")),
        weight_decay_(params.real("weight_decay")) {}

  void reset(const ParameterLayout& layout) override {
    layout_ = layout;
    moment_ = Eigen::VectorXd::Zero(layout.size);
  }

  void step(Vector params, ConstVector gradient, double learning_rate) override {
    if (weight_decay_ != 0.0) scale_weights(layout_, 1.0 - learning_rate * weight_decay_, params);
    params.array() -=
        learning_rate * (beta1_ * moment_.array() + (1.0 - beta1_) * gradient.array()).sign();
    moment_ = beta2_ * moment_ + (1.0 - beta2_) * gradient;
  }

 private:
  double beta1_;
  double beta2_;
  double weight_decay_;
  ParameterLayout layout_;
  Eigen::VectorXd moment_;
};

}  // namespace

void register_lion(Registries& registries) {
  PluginDescription description{
      "lion",
      "Lion: p -= learning_rate * sign(beta1*m + (1 - beta1)*g); m = beta2*m + (1 - beta2)*g",
      {real_param("learning_rate", 1e-4, 0.0, 1e12,
                  "step size (every entry moves by exactly this; the paper suggests 3 to 10 "
                  "times smaller than Adam's)",
                  true),
       real_param("beta1", 0.9, 0.0, 0.999999, "weight of the momentum in the step's sign"),
       real_param("beta2", 0.99, 0.0, 0.999999, "decay of the momentum"),
       real_param("weight_decay", 0.0, 0.0, 1e6,
                  "decoupled decay of the weights (not the biases): "
                  "w *= 1 - learning_rate * weight_decay before each step, as the paper")}};
  description.traits.weight_decay = WeightDecayForm::decoupled;
  registries.optimizers.add(std::move(description),
                            [](const Params& params) { return std::make_unique<Lion>(params); });
}

}  // namespace nnsweep::optimizers
