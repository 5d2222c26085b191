// Plain gradient descent, as the seed post's update_parameters: p = p - lr * g.
#include "builtin.hpp"

namespace nnsweep::optimizers {
namespace {

class GradientDescent final : public Optimizer {
 public:
  explicit GradientDescent(const Params& params) : learning_rate_(params.real("learning_rate")) {}
  void step(Vector params, ConstVector gradient) override { params -= learning_rate_ * gradient; }

 private:
  double learning_rate_;
};

}  // namespace

void register_gd(Registries& registries) {
  registries.optimizers.add(
      {"gd",
       "full-batch gradient descent: p -= learning_rate * g",
       {real_param("learning_rate", 0.01, 0.0, 1e12, "step size", true)}},
      [](const Params& params) { return std::make_unique<GradientDescent>(params); });
}

}  // namespace nnsweep::optimizers
