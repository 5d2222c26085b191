// `spiral`: the K-arm spiral of the CS231n notes ("Putting it together: a
// minimal neural network case study"). No sklearn original; docs/datasets.md
// gives the defining numpy code, which this follows operation for operation:
//   rng = np.random.RandomState(seed)
//   for class j (n_samples split evenly, the first n % K arms one longer):
//     r = np.linspace(0.0, 1, N); t = np.linspace(j*4, (j+1)*4, N) + rng.randn(N) * noise
//     rows += np.c_[r * np.sin(t), r * np.cos(t)], labels j
//   then, if shuffle, rows reordered by rng.shuffle(np.arange(n_samples)).
// Noise 0 still draws the Gaussians, so the shuffle does not depend on noise.
//
// Labels: the arm index 0..K-1, K classes.
#include <cmath>

#include "builtin.hpp"
#include "datasets/sklearn_support.hpp"

namespace nnsweep::datasets {
namespace {

class Spiral final : public DatasetGenerator {
 public:
  explicit Spiral(const Params& params)
      : n_samples_(params.integer("n_samples")),
        n_classes_(params.integer("n_classes")),
        noise_(params.real("noise")),
        seed_(static_cast<std::uint32_t>(params.integer("seed"))),
        shuffle_(params.boolean("shuffle")) {}

  Dataset generate() const override {
    NumpyRandomState random(seed_);
    datasets::RowData rows;
    rows.n_samples = n_samples_;
    rows.n_features = 2;
    const auto counts = datasets::split_evenly(n_samples_, n_classes_);
    for (std::int64_t j = 0; j < n_classes_; ++j) {
      const std::int64_t n = counts[static_cast<std::size_t>(j)];
      const auto radius = datasets::numpy_linspace(0.0, 1.0, n, true);
      const auto angle = datasets::numpy_linspace(static_cast<double>(j * 4),
                                                  static_cast<double>((j + 1) * 4), n, true);
      for (std::int64_t i = 0; i < n; ++i) {
        const auto k = static_cast<std::size_t>(i);
        const double t = angle[k] + random.standard_normal() * noise_;
        rows.x.insert(rows.x.end(), {radius[k] * std::sin(t), radius[k] * std::cos(t)});
        rows.y.push_back(static_cast<double>(j));
      }
    }
    const auto order = datasets::shuffled_order(random, n_samples_, shuffle_);
    return Dataset{datasets::columns_of(rows, order), datasets::labels_of(rows, order),
                   Task::classification, n_classes_};
  }

 private:
  std::int64_t n_samples_;
  std::int64_t n_classes_;
  double noise_;
  std::uint32_t seed_;
  bool shuffle_;
};

}  // namespace

void register_spiral(Registries& registries) {
  registries.datasets.add(
      {"spiral",
       "K interleaved spiral arms (CS231n notes), 2 features, labels = arm index",
       {int_param("n_samples", 300, 1, 100000000,
                  "number of examples, split evenly over the arms (first ones get extras)"),
        int_param("n_classes", 3, 1, 1000, "number of arms K, one class each"),
        real_param("noise", 0.2, 0.0, 1e6, "standard deviation of the angle noise, in radians"),
        seed_param(0, "numpy seed of np.random.RandomState(seed)"),
        bool_param("shuffle", true, "shuffle the examples")},
       {.task = Task::classification}},
      [](const Params& params) { return std::make_unique<Spiral>(params); });
}

}  // namespace nnsweep::datasets
