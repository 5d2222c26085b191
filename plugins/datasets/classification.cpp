// sklearn.datasets.make_classification: Gaussian clusters on the vertices of a
// hypercube, with redundant, repeated and useless features, drawn from
// np.random.RandomState(seed) as make_classification(random_state=seed).
//
// Bit for bit except for two BLAS products: each cluster's random covariance
// (X_k @ A) and the redundant features (X_inf @ B) are np.dot calls, whose
// summation order is the BLAS library's own. We sum left to right from 0,
// which is what Debian's reference BLAS (netlib dgemm/dgemv/ddot, no FMA) does,
// so against the committed fixtures these are exact too; an optimised BLAS
// (OpenBLAS, MKL) reorders and fuses them, which is why the tests allow 1e-12
// relative there. Labels never depend on those products.
//
// Labels: the class index 0..n_classes-1. `weights` (an array in sklearn) is text here:
// "0.2, 0.8", n_classes or n_classes - 1 numbers; empty means balanced.
// `shift` and `scale` take sklearn's scalar forms only (not None = random).
#include <cmath>
#include <numeric>
#include <set>
#include <stdexcept>

#include "builtin.hpp"
#include "datasets/sklearn_support.hpp"

namespace nnsweep::datasets {
namespace {

// sklearn.utils.random.sample_without_replacement(population, count, rng),
// method "auto": a permutation prefix for ratios in (0.01, 0.99), else tracking
// selection below 0.2, else reservoir sampling.
std::vector<std::int64_t> sample_without_replacement(NumpyRandomState& random,
                                                     std::int64_t population, std::int64_t count) {
  const double ratio =
      population != 0 ? static_cast<double>(count) / static_cast<double>(population) : 1.0;
  std::vector<std::int64_t> out(static_cast<std::size_t>(count));
  if (ratio > 0.01 && ratio < 0.99) {
    const auto all = random.permutation(static_cast<std::size_t>(population));
    std::copy(all.begin(), all.begin() + count, out.begin());
  } else if (ratio < 0.2) {
    std::set<std::int64_t> selected;
    for (auto& value : out) {
      std::int64_t j = random.randint(population);
      while (selected.count(j)) j = random.randint(population);
      selected.insert(j);
      value = j;
    }
  } else {
    std::iota(out.begin(), out.end(), std::int64_t{0});
    for (std::int64_t i = count; i < population; ++i) {
      const std::int64_t j = random.randint(i + 1);
      if (j < count) out[static_cast<std::size_t>(j)] = i;
    }
  }
  return out;
}

// _generate_hypercube(samples, dimensions, rng): distinct 0/1 rows. Beyond 30
// dimensions the leading ones are randint(2) draws made first, row-major.
std::vector<std::vector<double>> hypercube(NumpyRandomState& random, std::int64_t samples,
                                           std::int64_t dimensions) {
  std::vector<std::vector<double>> rows(static_cast<std::size_t>(samples));
  if (dimensions > 30) {
    for (auto& row : rows) {
      for (std::int64_t d = 0; d < dimensions - 30; ++d) {
        row.push_back(static_cast<double>(random.randint(2)));
      }
    }
    const auto rest = hypercube(random, samples, 30);
    for (std::size_t k = 0; k < rows.size(); ++k) {
      rows[k].insert(rows[k].end(), rest[k].begin(), rest[k].end());
    }
    return rows;
  }
  // Each sampled integer's low `dimensions` bits, most significant first.
  const auto codes = sample_without_replacement(random, std::int64_t{1} << dimensions, samples);
  for (std::size_t k = 0; k < rows.size(); ++k) {
    for (std::int64_t d = dimensions - 1; d >= 0; --d) {
      rows[k].push_back(static_cast<double>((codes[k] >> d) & 1));
    }
  }
  return rows;
}

class Classification final : public DatasetGenerator {
 public:
  explicit Classification(const Params& params);
  Dataset generate() const override;

 private:
  std::int64_t n_samples_, n_features_, n_informative_, n_redundant_, n_repeated_;
  std::int64_t n_classes_, n_clusters_per_class_;
  std::vector<double> weights_;
  double flip_y_, class_sep_;
  bool hypercube_;
  double shift_, scale_;
  bool shuffle_;
  std::uint32_t seed_;
};

Classification::Classification(const Params& params)
    : n_samples_(params.integer("n_samples")),
      n_features_(params.integer("n_features")),
      n_informative_(params.integer("n_informative")),
      n_redundant_(params.integer("n_redundant")),
      n_repeated_(params.integer("n_repeated")),
      n_classes_(params.integer("n_classes")),
      n_clusters_per_class_(params.integer("n_clusters_per_class")),
      weights_(datasets::parse_reals(params.string("weights"), "classification weights")),
      flip_y_(params.real("flip_y")),
      class_sep_(params.real("class_sep")),
      hypercube_(params.boolean("hypercube")),
      shift_(params.real("shift")),
      scale_(params.real("scale")),
      shuffle_(params.boolean("shuffle")),
      seed_(static_cast<std::uint32_t>(params.integer("seed"))) {
  // sklearn's own checks, as DataError: parameter declarations
  // cannot express relations between parameters.
  if (n_informative_ + n_redundant_ + n_repeated_ > n_features_) {
    throw DataError(
        "classification: n_informative + n_redundant + n_repeated must be at most n_features");
  }
  const std::int64_t clusters = n_classes_ * n_clusters_per_class_;
  if (n_informative_ < 62 && clusters > (std::int64_t{1} << n_informative_)) {
    throw DataError(
        "classification: n_classes * n_clusters_per_class must be at most 2^n_informative");
  }
  if (weights_.empty()) {
    weights_.assign(static_cast<std::size_t>(n_classes_), 1.0 / static_cast<double>(n_classes_));
  } else if (static_cast<std::int64_t>(weights_.size()) == n_classes_ - 1) {
    // weights + [1.0 - sum(weights)]: Python 3.11's sum, left to right from 0.
    double sum = 0.0;
    for (double w : weights_) sum += w;
    weights_.push_back(1.0 - sum);
  } else if (static_cast<std::int64_t>(weights_.size()) != n_classes_) {
    throw DataError("classification: weights needs n_classes or n_classes - 1 numbers");
  }
  for (double w : weights_) {
    if (!(w >= 0.0)) throw DataError("classification: weights must not be negative");
  }
}

Dataset Classification::generate() const {
  NumpyRandomState random(seed_);
  const std::int64_t n = n_samples_, ni = n_informative_, nr = n_redundant_;
  const std::int64_t n_clusters = n_classes_ * n_clusters_per_class_;
  std::vector<std::int64_t> per_cluster;
  for (std::int64_t k = 0; k < n_clusters; ++k) {
    const double w = weights_[static_cast<std::size_t>(k % n_classes_)];
    per_cluster.push_back(static_cast<std::int64_t>(static_cast<double>(n) * w /
                                                    static_cast<double>(n_clusters_per_class_)));
  }
  const std::int64_t assigned =
      std::accumulate(per_cluster.begin(), per_cluster.end(), std::int64_t{0});
  for (std::int64_t i = 0; i < n - assigned; ++i)
    ++per_cluster[static_cast<std::size_t>(i % n_clusters)];

  datasets::RowData rows;
  rows.n_samples = n;
  rows.n_features = n_features_;
  rows.x.assign(static_cast<std::size_t>(n * n_features_), 0.0);
  rows.y.assign(static_cast<std::size_t>(n), 0.0);

  auto centroids = hypercube(random, n_clusters, ni);
  for (auto& centroid : centroids) {
    for (double& c : centroid) c = c * (2 * class_sep_) - class_sep_;
  }
  if (!hypercube_) {
    for (auto& centroid : centroids) {
      const double u = random.uniform(0.0, 1.0);
      for (double& c : centroid) c *= u;
    }
    std::vector<double> per_feature;
    for (std::int64_t d = 0; d < ni; ++d) per_feature.push_back(random.uniform(0.0, 1.0));
    for (auto& centroid : centroids) {
      for (std::int64_t d = 0; d < ni; ++d)
        centroid[static_cast<std::size_t>(d)] *= per_feature[static_cast<std::size_t>(d)];
    }
  }
  for (std::int64_t i = 0; i < n; ++i) {
    for (std::int64_t d = 0; d < ni; ++d) rows.at(i, d) = random.standard_normal();
  }
  // Row i of X (first `width` features) times the width x columns matrix M,
  // written to features [first, first + columns): sum from 0, left to right
  // (the BLAS step of the header).
  std::vector<double> source(static_cast<std::size_t>(ni));
  auto product = [&](std::int64_t i, const std::vector<double>& m, std::int64_t columns,
                     std::int64_t first) {
    for (std::int64_t l = 0; l < ni; ++l) source[static_cast<std::size_t>(l)] = rows.at(i, l);
    for (std::int64_t j = 0; j < columns; ++j) {
      double sum = 0.0;
      for (std::int64_t l = 0; l < ni; ++l) {
        sum += source[static_cast<std::size_t>(l)] * m[static_cast<std::size_t>(l * columns + j)];
      }
      rows.at(i, first + j) = sum;
    }
  };
  auto random_matrix = [&](std::int64_t count) {  // 2 * uniform(size) - 1, row-major
    std::vector<double> m;
    for (std::int64_t e = 0; e < count; ++e) m.push_back(2 * random.uniform(0.0, 1.0) - 1);
    return m;
  };
  std::int64_t stop = 0;
  for (std::int64_t k = 0; k < n_clusters; ++k) {
    // Python slices clip at n when weights sum above 1.
    const std::int64_t start = std::min(stop, n);
    stop = std::min(stop + per_cluster[static_cast<std::size_t>(k)], n);
    const auto A = random_matrix(ni * ni);  // drawn even for an empty cluster
    const auto& centroid = centroids[static_cast<std::size_t>(k)];
    for (std::int64_t i = start; i < stop; ++i) {
      rows.y[static_cast<std::size_t>(i)] = static_cast<double>(k % n_classes_);
      product(i, A, ni, 0);
      for (std::int64_t d = 0; d < ni; ++d) rows.at(i, d) += centroid[static_cast<std::size_t>(d)];
    }
  }
  if (nr > 0) {
    const auto B = random_matrix(ni * nr);
    for (std::int64_t i = 0; i < n; ++i) product(i, B, nr, ni);
  }
  if (n_repeated_ > 0) {
    const std::int64_t m = ni + nr;
    std::vector<std::int64_t> source_feature;
    for (std::int64_t r = 0; r < n_repeated_; ++r) {
      // ((n - 1) * uniform + 0.5).astype(intp): truncation toward zero.
      source_feature.push_back(
          static_cast<std::int64_t>(static_cast<double>(m - 1) * random.uniform(0.0, 1.0) + 0.5));
    }
    for (std::int64_t i = 0; i < n; ++i) {
      for (std::int64_t r = 0; r < n_repeated_; ++r) {
        rows.at(i, m + r) = rows.at(i, source_feature[static_cast<std::size_t>(r)]);
      }
    }
  }
  const std::int64_t useless_from = ni + nr + n_repeated_;
  for (std::int64_t i = 0; i < n; ++i) {
    for (std::int64_t f = useless_from; f < n_features_; ++f)
      rows.at(i, f) = random.standard_normal();
  }
  // All n uniforms first, then one randint per flipped example in index order.
  std::vector<bool> flip(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i)
    flip[static_cast<std::size_t>(i)] = random.uniform(0.0, 1.0) < flip_y_;
  for (std::int64_t i = 0; i < n; ++i) {
    if (flip[static_cast<std::size_t>(i)])
      rows.y[static_cast<std::size_t>(i)] = static_cast<double>(random.randint(n_classes_));
  }
  for (double& v : rows.x) v = (v + shift_) * scale_;

  // Shuffle examples (sklearn.utils.shuffle), then features (rng.shuffle of arange).
  const auto order = datasets::shuffled_order(random, n, shuffle_);
  const auto features = datasets::shuffled_order(random, n_features_, shuffle_);
  Dataset data{Eigen::MatrixXd(n_features_, n), datasets::labels_of(rows, order),
               Task::classification, n_classes_};
  for (std::int64_t i = 0; i < n; ++i) {
    for (std::int64_t f = 0; f < n_features_; ++f) {
      data.X(f, i) =
          rows.at(order[static_cast<std::size_t>(i)], features[static_cast<std::size_t>(f)]);
    }
  }
  return data;
}

}  // namespace

void register_classification(Registries& registries) {
  registries.datasets.add(
      {"classification",
       "clusters on hypercube vertices (sklearn.datasets.make_classification), "
       "labels = class index",
       {int_param("n_samples", 100, 1, 100000000, "number of examples"),
        int_param("n_features", 20, 1, 100000,
                  "features: informative + redundant + repeated + useless (noise)"),
        int_param("n_informative", 2, 1, 100000,
                  "features carrying the clusters; 2^n_informative >= n_classes * clusters"),
        int_param("n_redundant", 2, 0, 100000, "random linear combinations of the informative"),
        int_param("n_repeated", 0, 0, 100000, "copies of informative or redundant features"),
        int_param("n_classes", 2, 2, 100000, "number of classes"),
        int_param("n_clusters_per_class", 2, 1, 100000, "Gaussian clusters per class"),
        string_param("weights", "",
                     "class proportions 'w0, w1, ...' (n_classes or n_classes - 1 "
                     "numbers); empty = balanced"),
        real_param("flip_y", 0.01, 0.0, 1.0, "fraction of labels replaced by random classes"),
        real_param("class_sep", 1.0, 0.0, 1e6, "half the hypercube's side: larger = easier"),
        bool_param("hypercube", true, "centres on hypercube vertices (false: random polytope)"),
        real_param("shift", 0.0, -1e12, 1e12, "added to every feature value"),
        real_param("scale", 1.0, -1e12, 1e12,
                   "every feature value is multiplied by it, after shift"),
        seed_param(0, "numpy seed, as make_classification(random_state=seed)"),
        bool_param("shuffle", true, "shuffle the examples and the features")},
       {.task = Task::classification}},
      [](const Params& params) { return std::make_unique<Classification>(params); });
}

}  // namespace nnsweep::datasets
