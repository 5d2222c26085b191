#pragma once
// Dataset plugins: generate a training set from their parameters.
//
// Contract:
//  - generate() is deterministic: the same parameters give the same bits, every
//    time and on every thread. Randomness comes only from the plugin's own seed
//    parameter, never from global state.
//  - The result holds examples as columns: X is n_features x m, Y is n_outputs x m,
//    with m >= 1 and labels in Y as 0.0 / 1.0 for classification sets.
//  - generate() may be called from any thread; it must not touch shared state.
//  - Every dataset also takes the parameters of dataset_split_params() (a
//    train/test split and standard scaling). The runner applies them to what
//    generate() returns (runner/data/prepare.hpp); plugins never see them.
#include <Eigen/Core>
#include <vector>

#include "registry/params.hpp"

namespace nnsweep {

// test_fraction, split_seed, stratify and standardize, with their defaults: no
// test part and no scaling.
std::vector<ParamSpec> dataset_split_params();

struct Dataset {
  Eigen::MatrixXd X;  // n_features x m
  Eigen::MatrixXd Y;  // n_outputs x m
};

class DatasetGenerator {
 public:
  virtual ~DatasetGenerator() = default;
  virtual Dataset generate() const = 0;
};

}  // namespace nnsweep
