#include "train/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "util/numpy_sum.hpp"

namespace nnsweep {

double& metric_at(Metrics& metrics, std::size_t index) {
  double* fields[] = {&metrics.cost, &metrics.accuracy, &metrics.precision, &metrics.recall,
                      &metrics.f1,   &metrics.rmse,     &metrics.r2};
  return *fields[index];
}

double metric_at(const Metrics& metrics, std::size_t index) {
  return metric_at(const_cast<Metrics&>(metrics), index);
}

namespace {

using ConstBlock = Eigen::Ref<const Eigen::MatrixXd>;

std::vector<std::int64_t> predicted_classes(const ConstBlock& A) {
  std::vector<std::int64_t> classes(static_cast<std::size_t>(A.cols()));
  for (Eigen::Index i = 0; i < A.cols(); ++i) {
    Eigen::Index best = 0;
    if (A.rows() == 1) {
      best = A(0, i) > 0.5 ? 1 : 0;
    } else {
      for (Eigen::Index k = 1; k < A.rows(); ++k) {
        if (A(k, i) > A(best, i)) best = k;
      }
    }
    classes[static_cast<std::size_t>(i)] = best;
  }
  return classes;
}

// sklearn's _prf_divide with zero_division=0.
double ratio(std::int64_t numerator, std::int64_t denominator) {
  return denominator == 0 ? 0.0 : static_cast<double>(numerator) / static_cast<double>(denominator);
}

// F1 as sklearn 1.2 forms it: (1 + beta^2) * P * R / (beta^2 * P + R), with a
// zero denominator replaced by 1.
double f_score(double precision, double recall) {
  double denominator = precision + recall;
  if (denominator == 0.0) denominator = 1.0;
  return 2.0 * precision * recall / denominator;
}

double numpy_mean(const std::vector<double>& values) {
  const auto at = [&](std::size_t i) { return values[i]; };
  return numpy_pairwise_sum(at, values.size()) / static_cast<double>(values.size());
}

void classification(const ConstBlock& A, const Dataset& data, Metrics& metrics) {
  const std::vector<std::int64_t> predicted = predicted_classes(A);
  const auto classes = static_cast<std::size_t>(std::max<std::int64_t>(data.classes, 2));
  std::vector<std::int64_t> true_positive(classes), predicted_count(classes), true_count(classes);
  std::int64_t right = 0;
  for (std::size_t i = 0; i < predicted.size(); ++i) {
    const auto truth = static_cast<std::size_t>(data.Y(0, static_cast<Eigen::Index>(i)));
    const auto guess = static_cast<std::size_t>(predicted[i]);
    ++true_count[truth];
    ++predicted_count[guess];
    if (truth == guess) {
      ++true_positive[truth];
      ++right;
    }
  }
  metrics.accuracy = static_cast<double>(right) / static_cast<double>(predicted.size());
  if (data.classes == 2) {
    metrics.precision = ratio(true_positive[1], predicted_count[1]);
    metrics.recall = ratio(true_positive[1], true_count[1]);
    metrics.f1 = f_score(metrics.precision, metrics.recall);
    return;
  }
  std::vector<double> precision, recall, f1;
  for (std::size_t k = 0; k < classes; ++k) {
    if (true_count[k] == 0 && predicted_count[k] == 0) continue;  // absent: not averaged
    precision.push_back(ratio(true_positive[k], predicted_count[k]));
    recall.push_back(ratio(true_positive[k], true_count[k]));
    f1.push_back(f_score(precision.back(), recall.back()));
  }
  metrics.precision = numpy_mean(precision);
  metrics.recall = numpy_mean(recall);
  metrics.f1 = numpy_mean(f1);
}

void regression(const ConstBlock& A, const Dataset& data, Metrics& metrics) {
  const Eigen::Index m = A.cols();
  const auto count = static_cast<std::size_t>(m);
  std::vector<double> rmse, r2;
  for (Eigen::Index t = 0; t < A.rows(); ++t) {
    const auto squared_error = [&](std::size_t i) {
      const double error = data.Y(t, Eigen::Index(i)) - A(t, Eigen::Index(i));
      return error * error;
    };
    const double residual = numpy_pairwise_sum(squared_error, count);
    rmse.push_back(std::sqrt(residual / static_cast<double>(m)));
    const auto target = [&](std::size_t i) { return data.Y(t, Eigen::Index(i)); };
    const double mean = numpy_pairwise_sum(target, count) / static_cast<double>(m);
    const auto squared_spread = [&](std::size_t i) {
      const double spread = data.Y(t, Eigen::Index(i)) - mean;
      return spread * spread;
    };
    const double total = numpy_pairwise_sum(squared_spread, count);
    if (total != 0.0) {
      r2.push_back(1.0 - residual / total);
    } else {
      r2.push_back(residual == 0.0 ? 1.0 : 0.0);
    }
  }
  metrics.rmse = numpy_mean(rmse);
  metrics.r2 = numpy_mean(r2);
}

}  // namespace

Metrics task_metrics(const ConstBlock& A, const Dataset& data) {
  Metrics metrics;
  if (A.cols() == 0) return metrics;
  if (data.task == Task::classification) {
    classification(A, data, metrics);
  } else {
    regression(A, data, metrics);
  }
  return metrics;
}

}  // namespace nnsweep
