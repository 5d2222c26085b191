// Inverse-time decay, as Keras' InverseTimeDecay (staircase=False):
// factor(t) = 1 / (1 + decay_rate * t / decay_steps).
#include "builtin.hpp"

namespace nnsweep::schedules {
namespace {

class InverseTimeDecay final : public Schedule {
 public:
  explicit InverseTimeDecay(const Params& params)
      : decay_rate_(params.real("decay_rate")),
        decay_steps_(static_cast<double>(params.integer("decay_steps"))) {}
  double factor(std::int64_t epoch) override {
    return 1.0 / (1.0 + decay_rate_ * static_cast<double>(epoch) / decay_steps_);
  }

 private:
  double decay_rate_;
  double decay_steps_;
};

}  // namespace

void register_inverse_time(Registries& registries) {
  registries.schedules.add(
      {"inverse_time",
       "inverse-time decay: factor 1 / (1 + decay_rate * t / decay_steps) in epoch t",
       {real_param("decay_rate", 1.0, 0.0, 1e12, "how fast the rate falls"),
        int_param("decay_steps", 1000, 1, 1000000000,
                  "epochs after which the factor is 1 / (1 + decay_rate)")}},
      [](const Params& params) { return std::make_unique<InverseTimeDecay>(params); });
}

}  // namespace nnsweep::schedules
