// AdamW (Loshchilov & Hutter, 2019): Adam with weight decay decoupled from the
// gradient, as PyTorch's AdamW: before each Adam step the weights (not the
// biases) shrink by the current rate times weight_decay,
//   w *= 1 - learning_rate * weight_decay
// (the paper's eta_t * lambda, with its lambda = learning_rate * weight_decay
// and eta_t the schedule's factor), so the decay never passes through the
// moment estimates.
#include <cmath>

#include "builtin.hpp"

namespace nnsweep::optimizers {
namespace {

class AdamW final : public Optimizer {
 public:
  explicit AdamW(const Params& params)
      : beta1_(params.real("beta1")),
        beta2_(params.real("beta2")),
        epsilon_(params.real("epsilon")),
        weight_decay_(params.real("weight_decay")) {}

  void reset(const ParameterLayout& layout) override {
    layout_ = layout;
    first_moment_ = Eigen::VectorXd::Zero(layout.size);
    second_moment_ = Eigen::VectorXd::Zero(layout.size);
    steps_ = 0;
  }

  void step(Vector params, ConstVector gradient, double learning_rate) override {
    ++steps_;
    scale_weights(layout_, 1.0 - learning_rate * weight_decay_, params);
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
  double weight_decay_;
  ParameterLayout layout_;
  Eigen::VectorXd first_moment_, second_moment_;
  long steps_ = 0;
};

}  // namespace

void register_adamw(Registries& registries) {
  PluginDescription description{
      "adamw",
      "AdamW: Adam with decoupled weight decay, w *= 1 - learning_rate * weight_decay",
      {real_param("learning_rate", 0.001, 0.0, 1e12, "step size", true),
       real_param("beta1", 0.9, 0.0, 0.999999, "decay of the first moment estimate"),
       real_param("beta2", 0.999, 0.0, 0.999999999, "decay of the second moment estimate"),
       real_param("epsilon", 1e-8, 0.0, 1.0, "added to the denominator for stability", true),
       real_param("weight_decay", 0.01, 0.0, 1e6,
                  "decoupled decay of the weights (not the biases): "
                  "w *= 1 - learning_rate * weight_decay before each step, as torch's AdamW")}};
  description.traits.weight_decay = WeightDecayForm::decoupled;
  registries.optimizers.add(std::move(description),
                            [](const Params& params) { return std::make_unique<AdamW>(params); });
}

}  // namespace nnsweep::optimizers
