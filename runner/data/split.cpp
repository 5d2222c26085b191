#include "data/split.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <span>

#include "random/numpy_random.hpp"
#include "util/format.hpp"

namespace nnsweep {
namespace {

// sklearn's _validate_shuffle_split for a float test_size and no train_size.
std::pair<std::int64_t, std::int64_t> part_sizes(std::int64_t examples, double test_fraction) {
  if (!(test_fraction > 0.0 && test_fraction < 1.0)) {
    throw SplitError("test_fraction must be between 0 and 1");
  }
  const auto test = static_cast<std::int64_t>(std::ceil(test_fraction * double(examples)));
  const std::int64_t train = examples - test;
  if (train <= 0) {
    throw SplitError(format("with %lld examples and test_fraction %s the training part is empty",
                            (long long)examples, format_number(test_fraction).c_str()));
  }
  return {train, test};
}

// rng.permutation(values): a shuffled copy.
std::vector<std::int64_t> permuted(NumpyRandomState& random, std::vector<std::int64_t> values) {
  random.shuffle(std::span<std::int64_t>(values));
  return values;
}

// sklearn.utils._approximate_mode: how many of `draws` to take from each class
// so that the parts keep the class proportions; ties broken by `random`.
std::vector<std::int64_t> approximate_mode(const std::vector<std::int64_t>& counts,
                                           std::int64_t draws, NumpyRandomState& random) {
  const double total =
      static_cast<double>(std::accumulate(counts.begin(), counts.end(), std::int64_t{0}));
  std::vector<double> continuous, floored;
  for (std::int64_t count : counts) {
    continuous.push_back(static_cast<double>(count) / total * static_cast<double>(draws));
    floored.push_back(std::floor(continuous.back()));
  }
  auto need =
      draws - static_cast<std::int64_t>(std::accumulate(floored.begin(), floored.end(), 0.0));
  if (need > 0) {
    std::vector<double> remainder;
    for (std::size_t i = 0; i < counts.size(); ++i) remainder.push_back(continuous[i] - floored[i]);
    std::vector<double> values = remainder;
    std::sort(values.begin(), values.end(), std::greater<>());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    for (double value : values) {
      std::vector<std::int64_t> tied;
      for (std::size_t i = 0; i < remainder.size(); ++i) {
        if (remainder[i] == value) tied.push_back(static_cast<std::int64_t>(i));
      }
      const auto add_now = std::min<std::int64_t>(static_cast<std::int64_t>(tied.size()), need);
      // rng.choice(tied, add_now, replace=False) is permutation(len)[:add_now];
      // it draws even when add_now is 0, so it must be called every time.
      const std::vector<std::int64_t> order = random.permutation(tied.size());
      for (std::int64_t k = 0; k < add_now; ++k)
        floored[std::size_t(tied[std::size_t(order[std::size_t(k)])])] += 1;
      need -= add_now;
    }
  }
  return {floored.begin(), floored.end()};
}

}  // namespace

SplitIndices shuffle_split(std::int64_t examples, double test_fraction, std::uint32_t seed) {
  const auto [train, test] = part_sizes(examples, test_fraction);
  NumpyRandomState random(seed);
  const std::vector<std::int64_t> order = random.permutation(static_cast<std::size_t>(examples));
  SplitIndices split;
  split.test.assign(order.begin(), order.begin() + test);
  split.train.assign(order.begin() + test, order.begin() + test + train);
  return split;
}

SplitIndices stratified_split(const std::vector<double>& labels, double test_fraction,
                              std::uint32_t seed) {
  const auto examples = static_cast<std::int64_t>(labels.size());
  const auto [train, test] = part_sizes(examples, test_fraction);
  // np.unique(labels, return_inverse=True), then each class's examples in order.
  std::map<double, std::vector<std::int64_t>> members;
  for (std::int64_t i = 0; i < examples; ++i) members[labels[std::size_t(i)]].push_back(i);
  std::vector<std::int64_t> counts;
  for (const auto& [label, indices] : members) {
    if (indices.size() < 2) {
      throw SplitError("class " + format_number(label) +
                       " has only 1 example, too few to stratify (at least 2 are needed)");
    }
    counts.push_back(static_cast<std::int64_t>(indices.size()));
  }
  const auto classes = static_cast<std::int64_t>(counts.size());
  if (train < classes || test < classes) {
    throw SplitError(
        format("a stratified split needs at least one example of each of the %lld "
               "classes in each part, but the %s part has %lld",
               (long long)classes, train < classes ? "training" : "test",
               (long long)std::min(train, test)));
  }
  NumpyRandomState random(seed);
  const std::vector<std::int64_t> train_counts = approximate_mode(counts, train, random);
  std::vector<std::int64_t> remaining(counts.size());
  for (std::size_t i = 0; i < counts.size(); ++i) remaining[i] = counts[i] - train_counts[i];
  const std::vector<std::int64_t> test_counts = approximate_mode(remaining, test, random);
  SplitIndices split;
  std::size_t i = 0;
  for (const auto& [label, indices] : members) {
    const std::vector<std::int64_t> order = random.permutation(indices.size());
    for (std::int64_t k = 0; k < train_counts[i] + test_counts[i]; ++k) {
      const std::int64_t example = indices[std::size_t(order[std::size_t(k)])];
      (k < train_counts[i] ? split.train : split.test).push_back(example);
    }
    ++i;
  }
  split.train = permuted(random, std::move(split.train));
  split.test = permuted(random, std::move(split.test));
  return split;
}

Eigen::MatrixXd take_columns(const Eigen::MatrixXd& X, const std::vector<std::int64_t>& indices) {
  Eigen::MatrixXd taken(X.rows(), static_cast<Eigen::Index>(indices.size()));
  for (std::size_t k = 0; k < indices.size(); ++k) {
    taken.col(static_cast<Eigen::Index>(k)) = X.col(static_cast<Eigen::Index>(indices[k]));
  }
  return taken;
}

Standardization fit_standard_scaler(const Eigen::MatrixXd& X) {
  // _incremental_mean_and_var from nothing: numpy sums along axis 0 of the
  // (examples x features) array one example after another, not pairwise.
  const Eigen::Index features = X.rows(), examples = X.cols();
  const auto n = static_cast<double>(examples);
  constexpr double kEpsilon = std::numeric_limits<double>::epsilon();
  Standardization scaling{Eigen::VectorXd(features), Eigen::VectorXd(features)};
  for (Eigen::Index f = 0; f < features; ++f) {
    double sum = 0.0;
    for (Eigen::Index i = 0; i < examples; ++i) sum += X(f, i);
    const double mean = (0.0 + sum) / n;  // sklearn adds the (zero) earlier sum
    const double centre = sum / n;
    double correction = 0.0, squares = 0.0;
    for (Eigen::Index i = 0; i < examples; ++i) {
      const double deviation = X(f, i) - centre;
      correction += deviation;
      squares += deviation * deviation;
    }
    const double variance = (squares - correction * correction / n) / n;
    // _is_constant_feature: a variance within rounding of zero means a constant.
    const double bound = n * kEpsilon * variance + (n * mean * kEpsilon) * (n * mean * kEpsilon);
    scaling.mean(f) = mean;
    scaling.scale(f) = variance <= bound ? 1.0 : std::sqrt(variance);
  }
  return scaling;
}

void standardize(Eigen::MatrixXd& X, const Standardization& scaling) {
  for (Eigen::Index f = 0; f < X.rows(); ++f) {
    X.row(f).array() -= scaling.mean(f);
    X.row(f).array() /= scaling.scale(f);
  }
}

}  // namespace nnsweep
