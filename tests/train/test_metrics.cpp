// Metrics against sklearn.metrics (tests/fixtures/metrics.txt, written by
// generate_metrics_fixtures.py): accuracy, precision, recall and F1 (binary
// for two classes, macro for more, zero_division=0), RMSE and R^2.
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "fixtures.hpp"
#include "train/metrics.hpp"

using namespace nnsweep::testing;

namespace {

// The fields of one line between " | " separators, as numbers.
std::vector<std::vector<double>> sections(const std::vector<std::string>& tokens,
                                          std::size_t from) {
  std::vector<std::vector<double>> out(1);
  for (std::size_t i = from; i < tokens.size(); ++i) {
    if (tokens[i] == "|") {
      out.emplace_back();
    } else {
      out.back().push_back(to_double(tokens[i]));
    }
  }
  return out;
}

Eigen::MatrixXd row_major(const std::vector<double>& values, Eigen::Index rows, Eigen::Index cols) {
  Eigen::MatrixXd matrix(rows, cols);
  for (Eigen::Index r = 0; r < rows; ++r) {
    for (Eigen::Index c = 0; c < cols; ++c) matrix(r, c) = values[std::size_t(r * cols + c)];
  }
  return matrix;
}

bool close(double value, double expected, double relative) {
  return std::abs(value - expected) <= relative * std::max(1.0, std::abs(expected));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(metrics)

BOOST_AUTO_TEST_CASE(classification_and_regression_metrics_equal_sklearn) {
  std::size_t classify = 0, regress = 0;
  for (const auto& tokens : fixture_lines("metrics.txt")) {
    nnsweep::Dataset data;
    Eigen::MatrixXd outputs;
    std::vector<double> expected;
    if (tokens[0] == "classify") {
      ++classify;
      const auto rows = std::stol(tokens[2]), m = std::stol(tokens[3]);
      const auto fields = sections(tokens, 5);
      outputs = row_major(fields[0], rows, m);
      data.Y = row_major(fields[1], 1, m);
      data.classes = std::stol(tokens[1]);
      expected = fields[2];
    } else {
      ++regress;
      const auto targets = std::stol(tokens[1]), m = std::stol(tokens[2]);
      const auto fields = sections(tokens, 4);
      outputs = row_major(fields[0], targets, m);
      data.Y = row_major(fields[1], targets, m);
      data.task = nnsweep::Task::regression;
      expected = fields[2];
    }
    data.X = Eigen::MatrixXd::Zero(1, outputs.cols());
    const nnsweep::Metrics metrics = nnsweep::task_metrics(outputs, data);
    BOOST_TEST_CONTEXT(tokens[0] << " " << tokens[1] << " " << tokens[2] << " " << tokens[3]) {
      BOOST_TEST(std::isnan(metrics.cost), "the cost is the caller's");
      if (data.task == nnsweep::Task::classification) {
        // Counts and ratios of counts: the same bits as sklearn.
        BOOST_TEST(metrics.accuracy == expected[0]);
        BOOST_TEST(metrics.precision == expected[1]);
        BOOST_TEST(metrics.recall == expected[2]);
        BOOST_TEST(metrics.f1 == expected[3]);
        BOOST_TEST((std::isnan(metrics.rmse) && std::isnan(metrics.r2)));
      } else {
        // Sums of squares, whose order numpy picks by array shape.
        BOOST_TEST(close(metrics.rmse, expected[0], 1e-13), metrics.rmse << " vs " << expected[0]);
        BOOST_TEST(close(metrics.r2, expected[1], 1e-13), metrics.r2 << " vs " << expected[1]);
        BOOST_TEST(std::isnan(metrics.accuracy));
      }
    }
  }
  BOOST_TEST(classify >= 10u);
  BOOST_TEST(regress >= 5u);
}

BOOST_AUTO_TEST_CASE(metric_names_and_fields_line_up) {
  nnsweep::Metrics metrics;
  for (std::size_t k = 0; k < nnsweep::kMetricCount; ++k) metric_at(metrics, k) = double(k);
  BOOST_TEST(metrics.cost == 0.0);
  BOOST_TEST(metrics.accuracy == 1.0);
  BOOST_TEST(metrics.f1 == 4.0);
  BOOST_TEST(metrics.r2 == 6.0);
  BOOST_TEST(std::string(nnsweep::kMetricNames[4]) == "f1");
}

BOOST_AUTO_TEST_SUITE_END()
