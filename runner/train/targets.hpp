#pragma once
// From a dataset's labels to the targets a loss compares the outputs with, and
// from there the size of the output layer: where it follows from the data, a
// config does not need to say it.
//
//   loss targets   classification, K classes            regression, k targets
//   two_classes    one row of 0/1 (K must be 2)         refused (a config error)
//   one_hot        K rows, one-hot                      refused (a config error)
//   real           one 0/1 row if K is 2, else one-hot  the k rows as they are
#include <Eigen/Core>

#include "registry/dataset.hpp"
#include "registry/loss.hpp"

namespace nnsweep {

// The output units for the dataset with that loss. Throws DataError when they
// cannot go together (binary cross-entropy on three classes), saying what to use.
Eigen::Index output_units(const Dataset& data, LossTargets targets, const std::string& loss);

// The targets, output_units(...) x m. Throws DataError as output_units does.
Eigen::MatrixXd encode_targets(const Dataset& data, LossTargets targets, const std::string& loss);

}  // namespace nnsweep
