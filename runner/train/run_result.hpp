#pragma once
// What training one run produces. Deliberately free of config and yaml-cpp
// types, so that the store and the CLI can hold results without them.
#include <Eigen/Core>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "train/metrics.hpp"

namespace nnsweep {

enum class RunStatus { ok, diverged, failed };
std::string status_name(RunStatus status);
// The inverse of status_name; anything unknown reads as `failed`.
RunStatus parse_status(const std::string& text);

struct RunResult {
  RunStatus status = RunStatus::ok;
  std::string message;
  // One entry every record_every epochs (with full batch an epoch is one
  // iteration): the training cost of the epoch, as the mean over its batches
  // of each batch's cost before its update, weighted by batch size (Keras'
  // `loss`; with full batch, the cost before the update) ...
  std::vector<double> costs;
  // ... and, with a test part, the test cost of the parameters after the
  // epoch (Keras' `val_loss`); empty without one.
  std::vector<double> test_costs;
  // The final parameters' cost and metrics on the training part, and on the
  // test part (all NaN without one).
  Metrics train, test;
  std::int64_t iterations_run = 0;  // optimizer updates (iterations) done
  std::int64_t epochs_run = 0;      // epochs begun (the last may be partial)
  // With early stopping: the epoch of lowest test cost (0-based), else -1.
  std::int64_t best_epoch = -1;
  double wall_time_s = 0.0;
  std::vector<Eigen::Index> sizes;  // [n_x, hidden..., n_y]
  Eigen::VectorXd parameters;       // flat, in Network's layout
  // Stopped early because the process was asked to stop (SIGINT, SIGTERM):
  // such a result is incomplete and is never journalled or stored.
  bool interrupted = false;
};

}  // namespace nnsweep
