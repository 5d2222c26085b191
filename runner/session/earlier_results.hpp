#pragma once
// Whether a run's result from an earlier session (its journal, or the results
// file being replaced) can stand for the run as planned now. Both sources are
// checked by CRC or by HDF5 only for damage, not for sense: a record with a
// valid checksum can still hold layer sizes that do not match its parameter
// count, or a network of another shape than the plan's (a crafted or
// mis-merged file). Such a result is not used: the run is trained again.
#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "config/experiment.hpp"
#include "train/run_result.hpp"

namespace nnsweep {

// What the plan allows a run's result to hold: its network's layer sizes
// (inputs, hidden..., outputs), and at most how many points each cost curve
// has (one every record_every epochs of as many epochs as the run may train).
struct PlannedShape {
  std::vector<Eigen::Index> network;
  std::size_t most_curve_points = 0;
};

// The most cost points a run trained as `train` says can record.
std::size_t most_curve_points(const TrainConfig& train);

// Empty when `result` fits a run of shape `planned`: a known status; either
// no parameters or exactly the network's sizes with their parameter count;
// cost curves no longer than planned, and a test curve either absent or as
// long as the training curve. Otherwise what is wrong, for the warning. Before
// the curve check, a crafted record with a curve of 10^8 points widened every
// run's row of the curve table to as many, and the session ran out of memory.
std::string misfit(const RunResult& result, const PlannedShape& planned);

}  // namespace nnsweep
