// sklearn.datasets.make_friedman1, bit for bit: the Friedman #1 regression
// problem, drawn from np.random.RandomState(seed) as make_friedman1(random_state=seed).
//   y = 10 sin(pi x0 x1) + 20 (x2 - 0.5)^2 + 10 x3 + 5 x4 + noise * N(0, 1)
// over n_features uniform features on [0, 1), of which only the first 5 matter.
// Y is 1 x m of real targets (a regression set: no 0/1 labels).
#include <cmath>
#include <numbers>

#include "builtin.hpp"
#include "datasets/sklearn_support.hpp"

namespace nnsweep::datasets {
namespace {

class Friedman1 final : public DatasetGenerator {
 public:
  explicit Friedman1(const Params& params)
      : n_samples_(params.integer("n_samples")),
        n_features_(params.integer("n_features")),
        noise_(params.real("noise")),
        seed_(static_cast<std::uint32_t>(params.integer("seed"))) {}

  Dataset generate() const override {
    NumpyRandomState random(seed_);
    Dataset data{Eigen::MatrixXd(n_features_, n_samples_), Eigen::MatrixXd(1, n_samples_),
                 Task::regression};
    // uniform(size=(n, n_features)): row-major, 0 + 1 * random_sample().
    for (Eigen::Index i = 0; i < n_samples_; ++i) {
      for (Eigen::Index f = 0; f < n_features_; ++f) data.X(f, i) = random.uniform(0.0, 1.0);
    }
    // numpy evaluates the sum left to right, each term as written: (pi * x0) * x1,
    // (x2 - 0.5) ** 2 as a square, and the noise term last. The Gaussians are
    // drawn after all features, even when noise is 0 (sklearn always draws them).
    for (Eigen::Index i = 0; i < n_samples_; ++i) {
      const auto x = data.X.col(i);
      const double centred = x(2) - 0.5;
      data.Y(0, i) = 10 * std::sin(std::numbers::pi * x(0) * x(1)) + 20 * (centred * centred) +
                     10 * x(3) + 5 * x(4) + noise_ * random.standard_normal();
    }
    return data;
  }

 private:
  std::int64_t n_samples_;
  std::int64_t n_features_;
  double noise_;
  std::uint32_t seed_;
};

}  // namespace

void register_friedman1(Registries& registries) {
  registries.datasets.add(
      {"friedman1",
       "Friedman #1 regression (sklearn.datasets.make_friedman1), real targets in Y",
       {int_param("n_samples", 100, 1, 100000000, "number of examples"),
        int_param("n_features", 10, 5, 100000, "uniform features; only the first 5 shape y"),
        real_param("noise", 0.0, 0.0, 1e6, "standard deviation of Gaussian noise added to y"),
        seed_param(0, "numpy seed, as make_friedman1(random_state=seed)")},
       {.task = Task::regression}},
      [](const Params& params) { return std::make_unique<Friedman1>(params); });
}

}  // namespace nnsweep::datasets
