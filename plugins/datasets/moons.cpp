// sklearn.datasets.make_moons, bit for bit, drawing from numpy's legacy generator
// seeded as `np.random.seed(seed)` before the call (the seed post's setup).
#include <cmath>
#include <numbers>
#include <numeric>
#include <vector>

#include "builtin.hpp"
#include "datasets/sklearn_support.hpp"
#include "random/numpy_random.hpp"

namespace nnsweep::datasets {
namespace {

// numpy.linspace(0, stop, count): i * step, with the last value exactly `stop`.
std::vector<double> numpy_linspace(double stop, std::int64_t count) {
  std::vector<double> values(static_cast<std::size_t>(count));
  if (count == 1) values[0] = 0.0;
  if (count < 2) return values;
  const double step = stop / static_cast<double>(count - 1);
  for (std::int64_t i = 0; i < count; ++i) values[i] = static_cast<double>(i) * step;
  values.back() = stop;
  return values;
}

class Moons final : public DatasetGenerator {
 public:
  explicit Moons(const Params& params)
      : n_samples_(params.integer("n_samples")),
        noise_(params.real("noise")),
        seed_(static_cast<std::uint32_t>(params.integer("seed"))),
        shuffle_(params.boolean("shuffle")) {}

  Dataset generate() const override {
    const std::int64_t n_outer = n_samples_ / 2;
    const std::int64_t n_inner = n_samples_ - n_outer;
    // Rows as sklearn builds them: all outer points, then all inner ones.
    std::vector<double> x0, x1, label;
    for (double t : numpy_linspace(std::numbers::pi, n_outer)) {
      x0.push_back(std::cos(t));
      x1.push_back(std::sin(t));
      label.push_back(0.0);
    }
    for (double t : numpy_linspace(std::numbers::pi, n_inner)) {
      x0.push_back(1.0 - std::cos(t));
      x1.push_back(1.0 - std::sin(t) - 0.5);
      label.push_back(1.0);
    }
    NumpyRandomState random(seed_);
    std::vector<std::int64_t> order(static_cast<std::size_t>(n_samples_));
    std::iota(order.begin(), order.end(), std::int64_t{0});
    if (shuffle_) random.shuffle(std::span<std::int64_t>(order));

    Dataset data{Eigen::MatrixXd(2, n_samples_), Eigen::MatrixXd(1, n_samples_),
                 Task::classification, 2};
    for (Eigen::Index i = 0; i < n_samples_; ++i) {
      const auto row = static_cast<std::size_t>(order[static_cast<std::size_t>(i)]);
      data.X(0, i) = x0[row];
      data.X(1, i) = x1[row];
      data.Y(0, i) = label[row];
    }
    datasets::add_two_feature_noise(data.X, random, noise_);
    return data;
  }

 private:
  std::int64_t n_samples_;
  double noise_;
  std::uint32_t seed_;
  bool shuffle_;
};

}  // namespace

void register_moons(Registries& registries) {
  registries.datasets.add(
      {"moons",
       "two interleaving half circles (sklearn.datasets.make_moons), 2 features, labels 0/1",
       {int_param("n_samples", 100, 1, 100000000, "number of examples (outer moon gets n/2)"),
        real_param("noise", 0.0, 0.0, 1e6, "standard deviation of Gaussian noise; 0 = none"),
        seed_param(0, "numpy seed, as np.random.seed(seed) before make_moons"),
        bool_param("shuffle", true, "shuffle the examples, as make_moons(shuffle=True)")},
       {.task = Task::classification}},
      [](const Params& params) { return std::make_unique<Moons>(params); });
}

}  // namespace nnsweep::datasets
