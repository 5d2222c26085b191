// `xor`: four Gaussian clusters, one per quadrant, labelled by the quadrant's
// XOR: centres (1, 1) and (-1, -1) are class 0, (1, -1) and (-1, 1) class 1.
// No sklearn original; docs/datasets.md defines it as numpy/sklearn code:
//   X, c = make_blobs(n_samples, centers=[[1, 1], [-1, -1], [1, -1], [-1, 1]],
//                     cluster_std=cluster_std, shuffle=shuffle, random_state=seed)
//   y = c // 2
// so it draws exactly the stream make_blobs draws. A point's label is its
// cluster's, so wide clusters spill across the axes as label noise.
#include "builtin.hpp"
#include "datasets/sklearn_support.hpp"

namespace nnsweep::datasets {
namespace {

class Xor final : public DatasetGenerator {
 public:
  explicit Xor(const Params& params)
      : n_samples_(params.integer("n_samples")),
        cluster_std_(params.real("cluster_std")),
        seed_(static_cast<std::uint32_t>(params.integer("seed"))),
        shuffle_(params.boolean("shuffle")) {}

  Dataset generate() const override {
    // The order fixes which clusters get the extra examples when 4 does not
    // divide n_samples; labels follow from it as index / 2.
    static const std::vector<std::vector<double>> kCenters = {{1, 1}, {-1, -1}, {1, -1}, {-1, 1}};
    NumpyRandomState random(seed_);
    datasets::RowData rows =
        datasets::draw_blobs(random, kCenters, datasets::split_evenly(n_samples_, 4), cluster_std_);
    for (double& label : rows.y) label = label >= 2.0 ? 1.0 : 0.0;
    const auto order = datasets::shuffled_order(random, n_samples_, shuffle_);
    return Dataset{datasets::columns_of(rows, order), datasets::labels_of(rows, order),
                   Task::classification, 2};
  }

 private:
  std::int64_t n_samples_;
  double cluster_std_;
  std::uint32_t seed_;
  bool shuffle_;
};

}  // namespace

void register_xor(Registries& registries) {
  registries.datasets.add(
      {"xor",
       "four Gaussian clusters at (+-1, +-1), labelled 0/1 by the XOR of their quadrant",
       {int_param("n_samples", 200, 1, 100000000,
                  "number of examples, split evenly over the 4 clusters (first ones get extras)"),
        real_param("cluster_std", 0.5, 0.0, 1e6, "standard deviation of each cluster"),
        seed_param(0, "numpy seed of the make_blobs call that draws the clusters"),
        bool_param("shuffle", true, "shuffle the examples")},
       {.task = Task::classification}},
      [](const Params& params) { return std::make_unique<Xor>(params); });
}

}  // namespace nnsweep::datasets
