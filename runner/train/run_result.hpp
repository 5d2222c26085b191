#pragma once
// What training one run produces. Deliberately free of config and yaml-cpp
// types, so that the store and the CLI can hold results without them.
#include <Eigen/Core>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace nnsweep {

enum class RunStatus { ok, diverged, failed };
std::string status_name(RunStatus status);
// The inverse of status_name; anything unknown reads as `failed`.
RunStatus parse_status(const std::string& text);

struct RunResult {
  RunStatus status = RunStatus::ok;
  std::string message;
  std::vector<double> costs;  // at iterations 0, r, 2r, ... (r = record_every)
  double final_cost = 0.0;    // the cost of the final parameters
  double train_accuracy = 0.0;
  // On the test part (NaN without one): the cost at the same iterations as
  // `costs`, and the cost and accuracy of the final parameters.
  std::vector<double> test_costs;
  double test_cost = std::numeric_limits<double>::quiet_NaN();
  double test_accuracy = std::numeric_limits<double>::quiet_NaN();
  std::int64_t iterations_run = 0;
  double wall_time_s = 0.0;
  std::vector<Eigen::Index> sizes;  // [n_x, hidden..., n_y]
  Eigen::VectorXd parameters;       // flat, in Network's layout
  // Stopped early because the process was asked to stop (SIGINT, SIGTERM):
  // such a result is incomplete and is never journalled or stored.
  bool interrupted = false;
};

}  // namespace nnsweep
