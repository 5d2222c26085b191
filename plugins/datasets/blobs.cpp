// sklearn.datasets.make_blobs, bit for bit: isotropic Gaussian clusters drawn
// from np.random.RandomState(seed) as make_blobs(random_state=seed).
//
// Labels: the cluster index 0..K-1, K classes (one per centre).
//
// sklearn's `centers` is a count or an array of points. Params hold no real
// arrays, so the count is `centers` and the points are the text parameter
// `center_points` ("x0,x1; x0,x1"); when given, it wins over `centers` and
// `n_features`, as an array does in sklearn. `center_box` (a pair) is
// `center_box_min` and `center_box_max`.
#include <stdexcept>

#include "builtin.hpp"
#include "datasets/sklearn_support.hpp"

namespace nnsweep::datasets {
namespace {

class Blobs final : public DatasetGenerator {
 public:
  explicit Blobs(const Params& params)
      : n_samples_(params.integer("n_samples")),
        n_features_(params.integer("n_features")),
        centers_(params.integer("centers")),
        points_(datasets::parse_points(params.string("center_points"), "blobs center_points")),
        cluster_std_(params.real("cluster_std")),
        box_min_(params.real("center_box_min")),
        box_max_(params.real("center_box_max")),
        seed_(static_cast<std::uint32_t>(params.integer("seed"))),
        shuffle_(params.boolean("shuffle")) {}

  Dataset generate() const override {
    NumpyRandomState random(seed_);
    std::vector<std::vector<double>> centers = points_;
    if (centers.empty()) {
      // uniform(box_min, box_max, size=(centers, n_features)), row-major.
      centers.assign(static_cast<std::size_t>(centers_), {});
      for (auto& center : centers) {
        for (std::int64_t f = 0; f < n_features_; ++f) {
          center.push_back(random.uniform(box_min_, box_max_));
        }
      }
    }
    const auto counts =
        datasets::split_evenly(n_samples_, static_cast<std::int64_t>(centers.size()));
    const datasets::RowData rows = datasets::draw_blobs(random, centers, counts, cluster_std_);
    const auto order = datasets::shuffled_order(random, n_samples_, shuffle_);
    return Dataset{datasets::columns_of(rows, order), datasets::labels_of(rows, order),
                   Task::classification, static_cast<std::int64_t>(centers.size())};
  }

 private:
  std::int64_t n_samples_;
  std::int64_t n_features_;
  std::int64_t centers_;
  std::vector<std::vector<double>> points_;
  double cluster_std_;
  double box_min_;
  double box_max_;
  std::uint32_t seed_;
  bool shuffle_;
};

}  // namespace

void register_blobs(Registries& registries) {
  registries.datasets.add(
      {"blobs",
       "isotropic Gaussian clusters (sklearn.datasets.make_blobs), labels = cluster index",
       {int_param("n_samples", 100, 1, 100000000,
                  "number of examples, split evenly (the first n % K clusters get one more)"),
        int_param("n_features", 2, 1, 100000, "features per example (ignored with center_points)"),
        int_param("centers", 3, 1, 100000,
                  "number of clusters, centres uniform in the centre box (ignored with "
                  "center_points)"),
        string_param("center_points", "",
                     "cluster centres as 'x0,x1; x0,x1; ...' (sklearn's centers "
                     "array); empty = draw `centers` centres"),
        real_param("cluster_std", 1.0, 0.0, 1e6, "standard deviation of every cluster"),
        real_param("center_box_min", -10.0, -1e12, 1e12, "lower corner of the centre box"),
        real_param("center_box_max", 10.0, -1e12, 1e12, "upper corner of the centre box"),
        seed_param(0, "numpy seed, as make_blobs(random_state=seed)"),
        bool_param("shuffle", true, "shuffle the examples, as make_blobs(shuffle=True)")},
       {.task = Task::classification}},
      [](const Params& params) { return std::make_unique<Blobs>(params); });
}

}  // namespace nnsweep::datasets
