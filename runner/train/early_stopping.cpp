#include "train/early_stopping.hpp"

namespace nnsweep {

bool EarlyStoppingWatch::observe(std::int64_t epoch, double test_cost) {
  ++wait_;
  // Keras' _is_improvement for mode "min": np.less(current - (-min_delta), best).
  improved_ = test_cost + settings_.min_delta < best_;
  if (improved_) {
    best_ = test_cost;
    best_epoch_ = epoch;
    wait_ = 0;
    return false;
  }
  return wait_ >= settings_.patience && epoch > 0;
}

}  // namespace nnsweep
