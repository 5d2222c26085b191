// Exponential decay, as Keras' ExponentialDecay (and, with decay_steps 1,
// PyTorch's ExponentialLR): factor(t) = gamma^(t / decay_steps), the step
// schedule without its staircase.
#include <cmath>

#include "builtin.hpp"

namespace nnsweep::schedules {
namespace {

class ExponentialDecay final : public Schedule {
 public:
  explicit ExponentialDecay(const Params& params)
      : gamma_(params.real("gamma")),
        decay_steps_(static_cast<double>(params.integer("decay_steps"))) {}
  double factor(std::int64_t epoch) override {
    return std::pow(gamma_, static_cast<double>(epoch) / decay_steps_);
  }

 private:
  double gamma_;
  double decay_steps_;
};

}  // namespace

void register_exponential(Registries& registries) {
  registries.schedules.add(
      {"exponential",
       "exponential decay: factor gamma^(t / decay_steps) in epoch t",
       {real_param("gamma", 0.5, 0.0, 1.0, "factor per decay_steps epochs", true),
        int_param("decay_steps", 1000, 1, 1000000000,
                  "epochs over which the rate is multiplied by gamma (1: torch's ExponentialLR)")}},
      [](const Params& params) { return std::make_unique<ExponentialDecay>(params); });
}

}  // namespace nnsweep::schedules
