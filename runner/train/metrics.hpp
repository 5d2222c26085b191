#pragma once
// What a run reports besides its cost, on the training part and on the test
// part, computed as sklearn.metrics computes them:
//  - classification: accuracy_score; precision_score, recall_score and
//    f1_score with average="binary" (pos_label=1) for two classes and
//    average="macro" for more (over the classes present in the labels or the
//    predictions, as sklearn does), zero_division giving 0;
//  - regression: mean_squared_error(squared=False) and r2_score, averaged
//    uniformly over targets (r2 of a constant target: 1 if predicted exactly,
//    else 0, as sklearn's force_finite).
// Predicted classes come from the outputs: one output unit predicts class 1
// where it is above 0.5, several predict the unit with the largest value (the
// first on ties, as np.argmax).
#include <Eigen/Core>
#include <limits>

#include "registry/dataset.hpp"

namespace nnsweep {

struct Metrics {
  static constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
  double cost = kNone;  // the loss with the weight penalties, as the cost curve
  double accuracy = kNone, precision = kNone, recall = kNone, f1 = kNone;  // classification
  double rmse = kNone, r2 = kNone;                                         // regression
};

// The metric names in Metrics' order, as the results file names its columns
// ("train." or "test." before each).
constexpr const char* kMetricNames[] = {"cost", "accuracy", "precision", "recall",
                                        "f1",   "rmse",     "r2"};
constexpr std::size_t kMetricCount = std::size(kMetricNames);
double& metric_at(Metrics& metrics, std::size_t index);
double metric_at(const Metrics& metrics, std::size_t index);

// Everything but the cost, from the network's outputs A (n_outputs x m) on
// `data`, whose Y holds class indices or real targets (registry/dataset.hpp).
Metrics task_metrics(const Eigen::Ref<const Eigen::MatrixXd>& A, const Dataset& data);

}  // namespace nnsweep
