// Adagrad (Duchi, Hazan & Singer, 2011), in PyTorch's form (eps outside the
// square root, no lr_decay: that is the inverse_time schedule):
//   s += g^2;  p -= learning_rate * g / (sqrt(s) + epsilon)
#include "builtin.hpp"

namespace nnsweep::optimizers {
namespace {

class Adagrad final : public Optimizer {
 public:
  explicit Adagrad(const Params& params)
      : epsilon_(params.real("epsilon")), initial_(params.real("initial_accumulator")) {}

  void reset(const ParameterLayout& layout) override {
    sum_ = Eigen::VectorXd::Constant(layout.size, initial_);
  }
  void step(Vector params, ConstVector gradient, double learning_rate) override {
    sum_.array() += gradient.array().square();
    params.array() -= learning_rate * (gradient.array() / (sum_.array().sqrt() + epsilon_));
  }

 private:
  double epsilon_;
  double initial_;
  Eigen::VectorXd sum_;
};

}  // namespace

void register_adagrad(Registries& registries) {
  registries.optimizers.add(
      {"adagrad",
       "Adagrad: s += g^2; p -= learning_rate * g / (sqrt(s) + epsilon)",
       {real_param("learning_rate", 0.01, 0.0, 1e12, "step size", true),
        real_param("epsilon", 1e-10, 0.0, 1.0, "added to the denominator for stability", true),
        real_param("initial_accumulator", 0.0, 0.0, 1e12,
                   "starting value of the sum of squared gradients")}},
      [](const Params& params) { return std::make_unique<Adagrad>(params); });
}

}  // namespace nnsweep::optimizers
