// Plain gradient descent, as the seed post's update_parameters: p = p - lr * g.
#include "builtin.hpp"

namespace nnsweep::optimizers {
namespace {

class GradientDescent final : public Optimizer {
 public:
  void step(Vector params, ConstVector gradient, double learning_rate) override {
    params -= learning_rate * gradient;
  }
};

}  // namespace

void register_gd(Registries& registries) {
  registries.optimizers.add({"gd",
                             "full-batch gradient descent: p -= learning_rate * g",
                             {real_param("learning_rate", 0.01, 0.0, 1e12, "step size", true)}},
                            [](const Params&) { return std::make_unique<GradientDescent>(); });
}

}  // namespace nnsweep::optimizers
