#pragma once
// From a generated dataset to what a run trains and is tested on: the
// dataset's split parameters (registry/dataset.hpp) applied as sklearn would,
//   X_train, X_test, y_train, y_test = train_test_split(X, y,
//       test_size=test_fraction, random_state=split_seed,
//       stratify=y if stratify else None)
//   scaler = StandardScaler().fit(X_train)   # when standardize
//   X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
// With test_fraction 0 the whole set is the training part, unshuffled.
#include <optional>

#include "registry/dataset.hpp"

namespace nnsweep {

struct PreparedData {
  Dataset train;
  std::optional<Dataset> test;  // absent when test_fraction is 0
  // The examples of the generated set in each part, in order (empty when the
  // whole set is the training part).
  std::vector<std::int64_t> train_index, test_index;
};

// `params` are the resolved dataset parameters (the split parameters among
// them). Throws SplitError (data/split.hpp) when the split is impossible.
PreparedData prepare_data(const Dataset& data, const Params& params);

// The class of each example, for stratifying: the label of a one-row Y, or
// the row holding the largest value of a one-hot Y.
std::vector<double> class_labels(const Eigen::MatrixXd& Y);

}  // namespace nnsweep
