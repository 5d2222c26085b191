// Gradient descent with heavy-ball momentum, in PyTorch's form (SGD with
// momentum, dampening 0):
//   v = momentum * v + g;  p -= learning_rate * v
#include "builtin.hpp"

namespace nnsweep::optimizers {
namespace {

class Momentum final : public Optimizer {
 public:
  explicit Momentum(const Params& params) : momentum_(params.real("momentum")) {}

  void reset(const ParameterLayout& layout) override {
    velocity_ = Eigen::VectorXd::Zero(layout.size);
  }
  void step(Vector params, ConstVector gradient, double learning_rate) override {
    velocity_ = momentum_ * velocity_ + gradient;
    params -= learning_rate * velocity_;
  }

 private:
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
