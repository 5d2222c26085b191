// sklearn.datasets.make_gaussian_quantiles: one isotropic Gaussian cut into
// n_classes nested shells of equal count by distance from the mean, drawn from
// np.random.RandomState(seed) as make_gaussian_quantiles(random_state=seed).
//
// The one LAPACK step: numpy's multivariate_normal(mean, cov * I) takes the SVD
// of cov * I and multiplies the standard normals by sqrt(s) * v through BLAS.
// Debian's reference LAPACK returns v = I and s = cov exactly for this matrix
// (checked for 1..25 features and several cov), and a product with a diagonal
// matrix is exact, so the result is standard_normal * sqrt(cov) + mean bit for
// bit. From 26 features on LAPACK's v and s carry rounding error, so there the
// match is to 1e-12 relative (an argsort near-tie could in principle still swap
// two examples).
//
// Labels: the shell index 0..K-1, K classes.
//
// `mean` is an array in sklearn; here it is text, "0.5, -1" (one number per
// feature), empty for the origin.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "builtin.hpp"
#include "datasets/sklearn_support.hpp"

namespace nnsweep::datasets {
namespace {

class GaussianQuantiles final : public DatasetGenerator {
 public:
  explicit GaussianQuantiles(const Params& params)
      : n_samples_(params.integer("n_samples")),
        n_features_(params.integer("n_features")),
        n_classes_(params.integer("n_classes")),
        mean_(datasets::parse_reals(params.string("mean"), "gaussian_quantiles mean")),
        cov_(params.real("cov")),
        seed_(static_cast<std::uint32_t>(params.integer("seed"))),
        shuffle_(params.boolean("shuffle")) {
    if (mean_.empty()) mean_.assign(static_cast<std::size_t>(n_features_), 0.0);
    if (static_cast<std::int64_t>(mean_.size()) != n_features_) {
      throw DataError("gaussian_quantiles: mean needs n_features = " + std::to_string(n_features_) +
                      " numbers, got " + std::to_string(mean_.size()));
    }
    if (n_samples_ < n_classes_) {
      throw DataError("gaussian_quantiles: n_samples must be at least n_classes");
    }
  }

  Dataset generate() const override {
    NumpyRandomState random(seed_);
    datasets::RowData rows;
    rows.n_samples = n_samples_;
    rows.n_features = n_features_;
    const double scale = std::sqrt(cov_);  // sqrt(s) with s = cov, see the header
    for (std::int64_t i = 0; i < n_samples_; ++i) {
      for (std::int64_t f = 0; f < n_features_; ++f) {
        rows.x.push_back(random.standard_normal() * scale + mean_[static_cast<std::size_t>(f)]);
      }
    }
    // argsort(sum((X - mean) ** 2, axis=1)), summed as numpy sums a row.
    std::vector<double> distance(static_cast<std::size_t>(n_samples_));
    std::vector<double> squares(static_cast<std::size_t>(n_features_));
    for (std::int64_t i = 0; i < n_samples_; ++i) {
      for (std::int64_t f = 0; f < n_features_; ++f) {
        const double d = rows.at(i, f) - mean_[static_cast<std::size_t>(f)];
        squares[static_cast<std::size_t>(f)] = d * d;
      }
      distance[static_cast<std::size_t>(i)] = datasets::numpy_row_sum(squares.data(), n_features_);
    }
    // numpy's default argsort is not stable, but continuous draws make equal
    // distances a measure-zero event (cov > 0 is required), so any correct
    // sort gives numpy's order; a stable one keeps it deterministic regardless.
    std::vector<std::int64_t> by_distance(static_cast<std::size_t>(n_samples_));
    std::iota(by_distance.begin(), by_distance.end(), std::int64_t{0});
    std::stable_sort(by_distance.begin(), by_distance.end(), [&](std::int64_t a, std::int64_t b) {
      return distance[static_cast<std::size_t>(a)] < distance[static_cast<std::size_t>(b)];
    });
    // Shell labels in sorted order: `step` of each class, the remainder in the last.
    const std::int64_t step = n_samples_ / n_classes_;
    rows.y.resize(static_cast<std::size_t>(n_samples_));
    for (std::int64_t k = 0; k < n_samples_; ++k) {
      const std::int64_t label = std::min(k / step, n_classes_ - 1);
      rows.y[static_cast<std::size_t>(by_distance[static_cast<std::size_t>(k)])] =
          static_cast<double>(label);
    }
    // sklearn reorders X by the sort before shuffling: compose the two orders.
    const auto shuffled = datasets::shuffled_order(random, n_samples_, shuffle_);
    std::vector<std::int64_t> order(shuffled.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
      order[i] = by_distance[static_cast<std::size_t>(shuffled[i])];
    }
    return Dataset{datasets::columns_of(rows, order), datasets::labels_of(rows, order),
                   Task::classification, n_classes_};
  }

 private:
  std::int64_t n_samples_;
  std::int64_t n_features_;
  std::int64_t n_classes_;
  std::vector<double> mean_;
  double cov_;
  std::uint32_t seed_;
  bool shuffle_;
};

}  // namespace

void register_gaussian_quantiles(Registries& registries) {
  registries.datasets.add(
      {"gaussian_quantiles",
       "nested Gaussian shells of equal size (sklearn.datasets.make_gaussian_quantiles), "
       "labels = shell index",
       {int_param("n_samples", 100, 1, 100000000, "number of examples (at least n_classes)"),
        int_param("n_features", 2, 1, 100000, "dimension of the Gaussian"),
        int_param("n_classes", 3, 1, 100000,
                  "number of shells, each n/K examples, the remainder in the outermost"),
        string_param("mean", "", "centre as 'x0, x1, ...' (one per feature); empty = origin"),
        real_param("cov", 1.0, 0.0, 1e12, "variance of every feature (covariance cov * I)",
                   /*min_exclusive=*/true),
        seed_param(0, "numpy seed, as make_gaussian_quantiles(random_state=seed)"),
        bool_param("shuffle", true, "shuffle the examples")},
       {.task = Task::classification}},
      [](const Params& params) { return std::make_unique<GaussianQuantiles>(params); });
}

}  // namespace nnsweep::datasets
