// Cosine decay with linear warm-up. With W = warmup, s = warmup_start,
// P = period (0: the epochs left after the warm-up) and f = min_factor:
//   t < W:          factor = s + (1 - s) * t / W
//   W <= t < W + P: factor = f + (1 - f) * (1 + cos(pi * (t - W) / P)) / 2
//   t >= W + P:     factor = f
// Without warm-up this is PyTorch's CosineAnnealingLR(T_max=P, eta_min=f*lr)
// (which rises again after P; here the rate stays at f); with s = 0, f = 0
// and the default period it is Hugging Face's
// get_cosine_schedule_with_warmup (whose first epoch has rate 0).
#include <algorithm>
#include <cmath>
#include <numbers>

#include "builtin.hpp"

namespace nnsweep::schedules {
namespace {

class CosineDecay final : public Schedule {
 public:
  explicit CosineDecay(const Params& params)
      : warmup_(params.integer("warmup")),
        period_param_(params.integer("period")),
        warmup_start_(params.real("warmup_start")),
        min_factor_(params.real("min_factor")) {}

  void reset(std::int64_t epochs) override {
    period_ = period_param_ > 0 ? period_param_ : std::max<std::int64_t>(epochs - warmup_, 1);
  }

  double factor(std::int64_t epoch) override {
    if (epoch < warmup_) {
      return warmup_start_ +
             (1.0 - warmup_start_) * static_cast<double>(epoch) / static_cast<double>(warmup_);
    }
    const std::int64_t since = epoch - warmup_;
    if (since >= period_) return min_factor_;
    const double angle =
        std::numbers::pi * static_cast<double>(since) / static_cast<double>(period_);
    return min_factor_ + (1.0 - min_factor_) * (1.0 + std::cos(angle)) / 2.0;
  }

 private:
  std::int64_t warmup_;
  std::int64_t period_param_;
  double warmup_start_;
  double min_factor_;
  std::int64_t period_ = 1;
};

}  // namespace

void register_cosine(Registries& registries) {
  registries.schedules.add(
      {"cosine",
       "cosine decay from 1 to min_factor over period epochs, after a linear warm-up",
       {int_param("warmup", 0, 0, 1000000000,
                  "epochs of linear warm-up from warmup_start to 1; 0 = none"),
        real_param("warmup_start", 0.0, 0.0, 1.0, "the factor of the first warm-up epoch"),
        int_param("period", 0, 0, 1000000000,
                  "epochs of the cosine after the warm-up; 0 = the rest of the run"),
        real_param("min_factor", 0.0, 0.0, 1.0,
                   "the factor the cosine ends at, and keeps after its period")}},
      [](const Params& params) { return std::make_unique<CosineDecay>(params); });
}

}  // namespace nnsweep::schedules
