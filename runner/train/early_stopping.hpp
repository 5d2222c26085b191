#pragma once
// Early stopping on the test cost, with Keras' rules (EarlyStopping with
// monitor="val_loss", mode="min"): after each epoch, the test cost improves
// when cost + min_delta < best (the best starts at +inf, so the first finite
// cost improves, and NaN never does). Each epoch without improvement counts
// one; an improvement resets the count. Training stops after an epoch (not the
// first) that brings the count to `patience`.
#include <cstdint>
#include <limits>

#include "config/experiment.hpp"

namespace nnsweep {

class EarlyStoppingWatch {
 public:
  explicit EarlyStoppingWatch(const EarlyStopping& settings) : settings_(settings) {}

  // The test cost after epoch `epoch` (0-based, in order); true to stop now.
  bool observe(std::int64_t epoch, double test_cost);
  // Whether the latest observed epoch is the new best.
  bool improved() const { return improved_; }
  std::int64_t best_epoch() const { return best_epoch_; }  // -1 before any improvement
  double best_cost() const { return best_; }

 private:
  EarlyStopping settings_;
  double best_ = std::numeric_limits<double>::infinity();
  std::int64_t best_epoch_ = -1;
  std::int64_t wait_ = 0;
  bool improved_ = false;
};

}  // namespace nnsweep
