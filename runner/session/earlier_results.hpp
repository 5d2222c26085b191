#pragma once
// Whether a run's result from an earlier session (its journal, or the results
// file being replaced) can stand for the run as planned now. Both sources are
// checked by CRC or by HDF5 only for damage, not for sense: a record with a
// valid checksum can still hold layer sizes that do not match its parameter
// count, or a network of another shape than the plan's (a crafted or
// mis-merged file). Such a result is not used: the run is trained again.
#include <string>
#include <vector>

#include <Eigen/Core>

#include "train/run_result.hpp"

namespace nnsweep {

// Empty when `result` fits a run whose network has the layer sizes `network`
// (inputs, hidden..., outputs): a known status, and either no parameters or
// exactly the network's sizes with their parameter count. Otherwise what is
// wrong, for the warning.
std::string misfit(const RunResult& result, const std::vector<Eigen::Index>& network);

}  // namespace nnsweep
