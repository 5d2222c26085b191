// Gradient descent with Nesterov momentum, in PyTorch's form (SGD with
// nesterov=True; Sutskever et al. 2013, rewritten in the current parameters):
//   v = momentum * v + g;  p -= learning_rate * (g + momentum * v)
#include "builtin.hpp"

namespace nnsweep::optimizers {
namespace {

class Nesterov final : public Optimizer {
 public:
  explicit Nesterov(const Params& params) : momentum_(params.real("momentum")) {}

  void reset(const ParameterLayout& layout) override {
    velocity_ = Eigen::VectorXd::Zero(layout.size);
  }
  void step(Vector params, ConstVector gradient, double learning_rate) override {
    velocity_ = momentum_ * velocity_ + gradient;
    params -= learning_rate * (gradient + momentum_ * velocity_);
  }

 private:
  double momentum_;
  Eigen::VectorXd velocity_;
};

}  // namespace

void register_nesterov(Registries& registries) {
  registries.optimizers.add(
      {"nesterov",
       "gradient descent with Nesterov momentum: v = momentum*v + g; "
       "p -= learning_rate * (g + momentum*v)",
       {real_param("learning_rate", 0.01, 0.0, 1e12, "step size", true),
        real_param("momentum", 0.9, 0.0, 1.0, "fraction of the previous velocity kept")}},
      [](const Params& params) { return std::make_unique<Nesterov>(params); });
}

}  // namespace nnsweep::optimizers
