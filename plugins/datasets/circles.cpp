// sklearn.datasets.make_circles, bit for bit: a large circle holding a smaller
// one, drawn from np.random.RandomState(seed) as make_circles(random_state=seed).
// Two classes, labels 0 (outer circle) / 1 (inner circle).
#include <cmath>
#include <numbers>

#include "builtin.hpp"
#include "datasets/sklearn_support.hpp"

namespace nnsweep::datasets {
namespace {

class Circles final : public DatasetGenerator {
 public:
  explicit Circles(const Params& params)
      : n_samples_(params.integer("n_samples")),
        factor_(params.real("factor")),
        noise_(params.real("noise")),
        seed_(static_cast<std::uint32_t>(params.integer("seed"))),
        shuffle_(params.boolean("shuffle")) {}

  Dataset generate() const override {
    const std::int64_t n_out = n_samples_ / 2;
    const std::int64_t n_in = n_samples_ - n_out;
    RowData rows;
    rows.n_samples = n_samples_;
    rows.n_features = 2;
    // endpoint=False so that the first point is not also the last.
    const double two_pi = 2 * std::numbers::pi;
    for (double t : datasets::numpy_linspace(0.0, two_pi, n_out, false)) {
      rows.x.insert(rows.x.end(), {std::cos(t), std::sin(t)});
      rows.y.push_back(0.0);
    }
    for (double t : datasets::numpy_linspace(0.0, two_pi, n_in, false)) {
      rows.x.insert(rows.x.end(), {std::cos(t) * factor_, std::sin(t) * factor_});
      rows.y.push_back(1.0);
    }
    NumpyRandomState random(seed_);
    const auto order = datasets::shuffled_order(random, n_samples_, shuffle_);
    Dataset data{datasets::columns_of(rows, order), datasets::labels_of(rows, order),
                 Task::classification, 2};
    datasets::add_two_feature_noise(data.X, random, noise_);
    return data;
  }

 private:
  std::int64_t n_samples_;
  double factor_;
  double noise_;
  std::uint32_t seed_;
  bool shuffle_;
};

}  // namespace

void register_circles(Registries& registries) {
  registries.datasets.add(
      {"circles",
       "a circle inside a larger one (sklearn.datasets.make_circles), 2 features, labels 0/1",
       {int_param("n_samples", 100, 1, 100000000,
                  "number of examples (outer circle gets n/2, inner the rest)"),
        real_param("factor", 0.8, 0.0, std::nextafter(1.0, 0.0),
                   "inner circle radius / outer radius, in [0, 1)"),
        real_param("noise", 0.0, 0.0, 1e6, "standard deviation of Gaussian noise; 0 = none"),
        seed_param(0, "numpy seed, as make_circles(random_state=seed)"),
        bool_param("shuffle", true, "shuffle the examples, as make_circles(shuffle=True)")},
       {.task = Task::classification}},
      [](const Params& params) { return std::make_unique<Circles>(params); });
}

}  // namespace nnsweep::datasets
