// Step decay, as PyTorch's StepLR: the rate is multiplied by gamma every
// step_size epochs, factor(t) = gamma^floor(t / step_size).
#include <cmath>

#include "builtin.hpp"

namespace nnsweep::schedules {
namespace {

class StepDecay final : public Schedule {
 public:
  explicit StepDecay(const Params& params)
      : step_size_(params.integer("step_size")), gamma_(params.real("gamma")) {}
  double factor(std::int64_t epoch) override {
    return std::pow(gamma_, static_cast<double>(epoch / step_size_));
  }

 private:
  std::int64_t step_size_;
  double gamma_;
};

}  // namespace

void register_step(Registries& registries) {
  registries.schedules.add(
      {"step",
       "step decay: factor gamma^floor(t / step_size) in epoch t, as torch's StepLR",
       {int_param("step_size", 1000, 1, 1000000000, "epochs between two decays"),
        real_param("gamma", 0.1, 0.0, 1.0, "factor applied at each decay", true)}},
      [](const Params& params) { return std::make_unique<StepDecay>(params); });
}

}  // namespace nnsweep::schedules
