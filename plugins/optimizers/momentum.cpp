// Gradient descent with heavy-ball momentum, in PyTorch's form:
//   v = momentum * v + g;  p -= learning_rate * v
#include "builtin.hpp"

namespace nnsweep::optimizers {
namespace {

class Momentum final : public Optimizer {
 public:
  explicit Momentum(const Params& params)
      : learning_rate_(params.real("learning_rate")), momentum_(params.real("momentum")) {}

  void reset(Eigen::Index parameter_count) override {
    velocity_ = Eigen::VectorXd::Zero(parameter_count);
  }
  void step(Vector params, ConstVector gradient) override {
    velocity_ = momentum_ * velocity_ + gradient;
    params -= learning_rate_ * velocity_;
  }

 private:
  double learning_rate_;
  double momentum_;
  Eigen::VectorXd velocity_;
};

}  // namespace

void register_momentum(Registries& registries) {
  registries.optimizers.add(
      {"momentum",
       "gradient descent with momentum: v = momentum*v + g; p -= learning_rate * v",
       {real_param("learning_rate", 0.01, 0.0, 1e12, "step size", true),
        real_param("momentum", 0.9, 0.0, 1.0, "fraction of the previous velocity kept")}},
      [](const Params& params) { return std::make_unique<Momentum>(params); });
}

}  // namespace nnsweep::optimizers
