// Reduce on plateau, as PyTorch's ReduceLROnPlateau(mode="min") with eps 0:
// after each observed cost, a cost below best * (1 - threshold) (rel) or
// best - threshold (abs) is the new best; otherwise one more bad
// observation. During a cooldown bad observations do not count. After more
// than `patience` bad observations in a row the factor becomes
// max(factor * reduction, min_factor) and a cooldown of `cooldown`
// observations starts. The runner observes the test cost (the training cost
// without a test part) every `every` epochs (registry/schedule.hpp).
#include <algorithm>
#include <limits>

#include "builtin.hpp"

namespace nnsweep::schedules {
namespace {

class ReduceOnPlateau final : public Schedule {
 public:
  explicit ReduceOnPlateau(const Params& params)
      : reduction_(params.real("factor")),
        patience_(params.integer("patience")),
        threshold_(params.real("threshold")),
        relative_(params.string("threshold_mode") == "rel"),
        cooldown_(params.integer("cooldown")),
        min_factor_(params.real("min_factor")),
        every_(params.integer("every")) {}

  void reset(std::int64_t) override {
    factor_ = 1.0;
    best_ = std::numeric_limits<double>::infinity();
    bad_ = 0;
    cooling_ = 0;
  }
  double factor(std::int64_t) override { return factor_; }
  std::int64_t observe_every() const override { return every_; }

  void observe(std::int64_t, double cost) override {
    // NaN compares false: never an improvement, as in torch.
    if (cost < (relative_ ? best_ * (1.0 - threshold_) : best_ - threshold_)) {
      best_ = cost;
      bad_ = 0;
    } else {
      ++bad_;
    }
    if (cooling_ > 0) {
      --cooling_;
      bad_ = 0;
    }
    if (bad_ > patience_) {
      factor_ = std::max(factor_ * reduction_, min_factor_);
      cooling_ = cooldown_;
      bad_ = 0;
    }
  }

 private:
  double reduction_;
  std::int64_t patience_;
  double threshold_;
  bool relative_;
  std::int64_t cooldown_;
  double min_factor_;
  std::int64_t every_;
  double factor_ = 1.0;
  double best_ = std::numeric_limits<double>::infinity();
  std::int64_t bad_ = 0, cooling_ = 0;
};

}  // namespace

void register_reduce_on_plateau(Registries& registries) {
  registries.schedules.add(
      {"reduce_on_plateau",
       "multiply the rate by factor when the watched cost (test, else training) stops improving",
       {real_param("factor", 0.1, 0.0, 1.0, "what the rate is multiplied by at each reduction",
                   true),
        int_param("patience", 10, 0, 1000000000,
                  "observations without improvement tolerated before a reduction"),
        real_param("threshold", 1e-4, 0.0, 1e12, "how much lower a cost must be to improve"),
        choice_param("threshold_mode", "rel", {"rel", "abs"},
                     "rel: below best * (1 - threshold); abs: below best - threshold"),
        int_param("cooldown", 0, 0, 1000000000,
                  "observations after a reduction during which none are counted as bad"),
        real_param("min_factor", 0.0, 0.0, 1.0, "the factor never goes below this"),
        int_param("every", 1, 1, 1000000000,
                  "observe the cost every N epochs (those with epoch % N == 0)")}},
      [](const Params& params) { return std::make_unique<ReduceOnPlateau>(params); });
}

}  // namespace nnsweep::schedules
