#pragma once
// Train/test splits and standard scaling, as sklearn computes them, so that a
// numpy user gets the same rows and the same scaled values:
//  - shuffle_split: train_test_split(X, y, test_size=f, random_state=seed)
//  - stratified_split: the same with stratify=y (StratifiedShuffleSplit)
//  - fit_standard_scaler: StandardScaler().fit(X_train) (mean_ and scale_)
// Sizes follow sklearn: n_test = ceil(f * n), n_train = n - n_test. Indices
// come in sklearn's order, so X[train] equals sklearn's X_train row for row.
#include <Eigen/Core>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "registry/dataset.hpp"

namespace nnsweep {

struct SplitIndices {
  std::vector<std::int64_t> train, test;  // example indices
};

// The reason a split is impossible (an empty part, a class too small to
// stratify), in words a config error can carry.
class SplitError : public DataError {
 public:
  using DataError::DataError;
};

// 0 < test_fraction < 1. Throws SplitError when a part would be empty.
SplitIndices shuffle_split(std::int64_t examples, double test_fraction, std::uint32_t seed);

// `labels` holds one class label per example (any values; classes are the
// distinct values in sorted order). Throws SplitError as sklearn would refuse:
// a class with one member, or a part smaller than the number of classes.
SplitIndices stratified_split(const std::vector<double>& labels, double test_fraction,
                              std::uint32_t seed);

// The columns (examples) of X at `indices`, in that order.
Eigen::MatrixXd take_columns(const Eigen::MatrixXd& X, const std::vector<std::int64_t>& indices);

struct Standardization {
  Eigen::VectorXd mean, scale;  // per feature; scale is 1 for constant features
};
// Fits on X (features x examples) exactly as StandardScaler.fit on X^T.
Standardization fit_standard_scaler(const Eigen::MatrixXd& X);
// X := (X - mean) / scale, per feature, as StandardScaler.transform.
void standardize(Eigen::MatrixXd& X, const Standardization& scaling);

}  // namespace nnsweep
