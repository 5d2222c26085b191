#pragma once
// Steps shared by the sklearn-equal dataset plugins (circles, blobs, xor,
// gaussian_quantiles, classification, friedman1, spiral), each written to round
// exactly as the numpy 1.24 code it stands for, so the plugins match sklearn
// 1.2 bit for bit. Not a plugin itself.
#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <vector>

#include "random/numpy_random.hpp"
#include "registry/dataset.hpp"
#include "registry/params.hpp"

namespace nnsweep::datasets {

// numpy.linspace(start, stop, count, endpoint): value i is i * step + start with
// step = (stop - start) / div, div = count - 1 (endpoint) or count; with an
// endpoint the last value is exactly `stop`. A single point is `start`.
std::vector<double> numpy_linspace(double start, double stop, std::int64_t count, bool endpoint);

// numpy's float64 add.reduce over one contiguous row (np.sum(..., axis=1)):
// 0 + pairwise_sum, i.e. a plain left-to-right sum below 8 terms, eight
// interleaved partial sums up to 128 terms, and halving beyond that.
double numpy_row_sum(const double* values, std::int64_t count);

// sklearn.utils.shuffle(X, y, random_state=rng) without replacement: the
// example order arange(n) shuffled in place by rng; result[i] = old row order[i].
std::vector<std::int64_t> shuffled_order(NumpyRandomState& random, std::int64_t n, bool shuffle);

// Examples as rows (sklearn's layout, row-major: the order numpy fills arrays)
// turned into the Dataset layout, examples as columns, reordered by `order`.
struct RowData {
  std::int64_t n_samples = 0;
  std::int64_t n_features = 0;
  std::vector<double> x;  // n_samples x n_features, row-major
  std::vector<double> y;  // n_samples
  double& at(std::int64_t row, std::int64_t feature) {
    return x[static_cast<std::size_t>(row * n_features + feature)];
  }
};
Eigen::MatrixXd columns_of(const RowData& rows, const std::vector<std::int64_t>& order);
Eigen::MatrixXd labels_of(const RowData& rows, const std::vector<std::int64_t>& order);

// make_blobs' sampling step: for each centre in turn, counts[i] rows of
// normal(loc=centre, scale=std) drawn row by row, labelled i.
RowData draw_blobs(NumpyRandomState& random, const std::vector<std::vector<double>>& centers,
                   const std::vector<std::int64_t>& counts, double std);

// n split into k near-equal parts, the first n % k one larger (make_blobs'
// n_samples_per_center).
std::vector<std::int64_t> split_evenly(std::int64_t n, std::int64_t k);

// make_moons' and make_circles' noise: X += rng.normal(scale=noise, size=(n, 2)),
// drawn row-major (x0 then x1 of each example). sklearn adds noise only when it
// is not None; noise 0 would add zeros and change nothing, so 0 stands for None
// and draws nothing.
void add_two_feature_noise(Eigen::MatrixXd& X, NumpyRandomState& random, double noise);

// A list of reals written as text, for sklearn parameters that take arrays and
// have no ParamValue type: "0.5, -1.25" (separators: comma or whitespace).
// Empty text gives an empty list. Throws DataError naming `what`.
std::vector<double> parse_reals(const std::string& text, const std::string& what);
// Points written as "x0,x1; x0,x1; ..." (";" between points); all must have the
// same number of coordinates.
std::vector<std::vector<double>> parse_points(const std::string& text, const std::string& what);

}  // namespace nnsweep::datasets
