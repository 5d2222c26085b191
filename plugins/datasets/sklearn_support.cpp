#include "datasets/sklearn_support.hpp"

#include <algorithm>
#include <cstdlib>
#include <numeric>
#include <span>
#include <stdexcept>

namespace nnsweep::datasets {

std::vector<double> numpy_linspace(double start, double stop, std::int64_t count, bool endpoint) {
  std::vector<double> values(static_cast<std::size_t>(count));
  const std::int64_t div = endpoint ? count - 1 : count;
  const double delta = stop - start;
  // numpy multiplies by the step (not by delta / div per value) and then adds
  // start; with no step (one point, endpoint) it multiplies 0 by delta.
  const double step = div > 0 ? delta / static_cast<double>(div) : delta;
  for (std::int64_t i = 0; i < count; ++i) {
    values[static_cast<std::size_t>(i)] = static_cast<double>(i) * step + start;
  }
  if (endpoint && count > 1) values.back() = stop;
  return values;
}

namespace {

// numpy's pairwise_sum for doubles (loops_utils.h), PW_BLOCKSIZE 128.
double pairwise_sum(const double* a, std::int64_t n) {
  if (n < 8) {
    double sum = 0.0;
    for (std::int64_t i = 0; i < n; ++i) sum += a[i];
    return sum;
  }
  if (n <= 128) {
    double r[8];
    for (int j = 0; j < 8; ++j) r[j] = a[j];
    std::int64_t i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (int j = 0; j < 8; ++j) r[j] += a[i + j];
    }
    double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) sum += a[i];
    return sum;
  }
  std::int64_t half = n / 2;
  half -= half % 8;
  return pairwise_sum(a, half) + pairwise_sum(a + half, n - half);
}

}  // namespace

double numpy_row_sum(const double* values, std::int64_t count) {
  // The reduction starts from add's identity 0 (checked against numpy 1.24:
  // a[0] + sum(a[1:]) would differ from 3 terms on).
  return 0.0 + pairwise_sum(values, count);
}

std::vector<std::int64_t> shuffled_order(NumpyRandomState& random, std::int64_t n, bool shuffle) {
  std::vector<std::int64_t> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), std::int64_t{0});
  if (shuffle) random.shuffle(std::span<std::int64_t>(order));
  return order;
}

Eigen::MatrixXd columns_of(const RowData& rows, const std::vector<std::int64_t>& order) {
  Eigen::MatrixXd X(rows.n_features, rows.n_samples);
  for (std::int64_t i = 0; i < rows.n_samples; ++i) {
    const std::int64_t row = order[static_cast<std::size_t>(i)];
    for (std::int64_t f = 0; f < rows.n_features; ++f) {
      X(f, i) = rows.x[static_cast<std::size_t>(row * rows.n_features + f)];
    }
  }
  return X;
}

Eigen::MatrixXd labels_of(const RowData& rows, const std::vector<std::int64_t>& order) {
  Eigen::MatrixXd Y(1, rows.n_samples);
  for (std::int64_t i = 0; i < rows.n_samples; ++i) {
    Y(0, i) = rows.y[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])];
  }
  return Y;
}

RowData draw_blobs(NumpyRandomState& random, const std::vector<std::vector<double>>& centers,
                   const std::vector<std::int64_t>& counts, double std) {
  RowData rows;
  rows.n_features = centers.empty() ? 0 : static_cast<std::int64_t>(centers[0].size());
  for (std::size_t c = 0; c < centers.size(); ++c) {
    for (std::int64_t i = 0; i < counts[c]; ++i) {
      // normal(loc, scale) per element, row-major: loc + scale * gauss.
      for (double loc : centers[c]) rows.x.push_back(random.normal(loc, std));
      rows.y.push_back(static_cast<double>(c));
    }
    rows.n_samples += counts[c];
  }
  return rows;
}

std::vector<std::int64_t> split_evenly(std::int64_t n, std::int64_t k) {
  std::vector<std::int64_t> counts(static_cast<std::size_t>(k), n / k);
  for (std::int64_t i = 0; i < n % k; ++i) ++counts[static_cast<std::size_t>(i)];
  return counts;
}

std::vector<double> parse_reals(const std::string& text, const std::string& what) {
  std::vector<double> values;
  const char* p = text.c_str();
  const char* end = p + text.size();
  auto separator = [](char c) { return c == ',' || c == ' ' || c == '\t'; };
  while (p < end) {
    while (p < end && separator(*p)) ++p;
    if (p == end) break;
    char* stop = nullptr;
    // strtod reads the shortest round-trip text exactly, as Python's float() does.
    const double value = std::strtod(p, &stop);
    if (stop == p || (stop < end && !separator(*stop))) {
      throw DataError(what + ": expected numbers separated by commas, got '" + text + "'");
    }
    values.push_back(value);
    p = stop;
  }
  return values;
}

std::vector<std::vector<double>> parse_points(const std::string& text, const std::string& what) {
  std::vector<std::vector<double>> points;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t stop = std::min(text.find(';', begin), text.size());
    std::vector<double> point = parse_reals(text.substr(begin, stop - begin), what);
    if (!point.empty()) points.push_back(std::move(point));
    begin = stop + 1;
  }
  for (const auto& point : points) {
    if (point.size() != points.front().size()) {
      throw DataError(what + ": every point needs the same number of coordinates");
    }
  }
  return points;
}

void add_two_feature_noise(Eigen::MatrixXd& X, NumpyRandomState& random, double noise) {
  if (noise <= 0.0) return;
  for (Eigen::Index i = 0; i < X.cols(); ++i) {
    X(0, i) += random.normal(0.0, noise);
    X(1, i) += random.normal(0.0, noise);
  }
}

}  // namespace nnsweep::datasets
