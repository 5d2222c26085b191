#pragma once
// Inputs for the contract tests, which check every registered plugin without
// naming it: random blocks, outputs and targets of the kinds a plugin
// declares (PluginTraits), and blocks inside larger matrices (header-only).
#include <Eigen/Core>

#include <cmath>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "registry/registry.hpp"

namespace nnsweep::testing {

// A registered plugin, created with its declared defaults.
template <class Interface>
struct CreatedPlugin {
  std::string name;
  const PluginDescription* description;
  std::unique_ptr<Interface> plugin;
};

template <class Interface>
std::vector<CreatedPlugin<Interface>> every_plugin(const Registry<Interface>& registry) {
  std::vector<CreatedPlugin<Interface>> plugins;
  for (const std::string& name : registry.names()) {
    const PluginDescription* description = registry.describe(name);
    plugins.push_back(
        {name, description, registry.create(name, default_params(description->params))});
  }
  return plugins;
}

// Fixed seeds: a failure must be reproducible.
inline std::mt19937_64 sample_generator(std::uint64_t seed = 20240611) {
  return std::mt19937_64(seed);
}

inline Eigen::MatrixXd uniform_matrix(Eigen::Index rows, Eigen::Index cols, double low, double high,
                                      std::mt19937_64& generator) {
  std::uniform_real_distribution<double> value(low, high);
  Eigen::MatrixXd M(rows, cols);
  for (Eigen::Index i = 0; i < M.size(); ++i) M(i) = value(generator);
  return M;
}

// Each column mapped to positive values that sum to 1.
inline Eigen::MatrixXd columns_on_simplex(const Eigen::MatrixXd& Z) {
  Eigen::MatrixXd E = Z.array().exp().matrix();
  for (Eigen::Index c = 0; c < E.cols(); ++c) E.col(c) /= E.col(c).sum();
  return E;
}

// Outputs an output activation of that range can give; inside (0, 1) with a
// margin, so that a finite difference step stays in range.
inline Eigen::MatrixXd outputs_in(OutputRange range, Eigen::Index rows, Eigen::Index cols,
                                  std::mt19937_64& generator) {
  switch (range) {
    case OutputRange::unit_interval:
      return uniform_matrix(rows, cols, 0.05, 0.95, generator);
    case OutputRange::simplex:
      return columns_on_simplex(uniform_matrix(rows, cols, -2.0, 2.0, generator));
    case OutputRange::any:
      break;
  }
  return uniform_matrix(rows, cols, -3.0, 3.0, generator);
}

// The output rows a loss of these targets is used with: one unit for two
// classes, one per class (three here) for one-hot, any number for real.
inline Eigen::Index output_rows(LossTargets targets) {
  return targets == LossTargets::two_classes ? 1 : targets == LossTargets::one_hot ? 3 : 2;
}

// Targets as the runner makes them for a loss (runner/train/targets.hpp).
inline Eigen::MatrixXd targets_of(LossTargets targets, Eigen::Index cols,
                                  std::mt19937_64& generator) {
  const Eigen::Index rows = output_rows(targets);
  if (targets == LossTargets::real) return uniform_matrix(rows, cols, -2.0, 2.0, generator);
  Eigen::MatrixXd Y = Eigen::MatrixXd::Zero(rows, cols);
  std::uniform_int_distribution<int> label(0, targets == LossTargets::one_hot ? int(rows) - 1 : 1);
  for (Eigen::Index c = 0; c < cols; ++c) {
    const int k = label(generator);
    if (targets == LossTargets::one_hot) {
      Y(k, c) = 1.0;
    } else {
      Y(0, c) = k;
    }
  }
  return Y;
}

// Equal values, NaN equal to NaN: what "the same results" means below.
inline bool same_value(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || a == b;
}

template <class Matrix>
bool identical(const Matrix& a, const Matrix& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  for (Eigen::Index c = 0; c < a.cols(); ++c) {
    for (Eigen::Index r = 0; r < a.rows(); ++r) {
      if (!same_value(a(r, c), b(r, c))) return false;
    }
  }
  return true;
}

// A matrix inside a larger one: view() is a block with an outer stride, as
// Eigen::Ref admits. The entries around it hold `fill`, so that a plugin
// reading or writing outside its block shows.
template <class Matrix>
class Padded {
 public:
  using Scalar = typename Matrix::Scalar;
  Padded(const Matrix& values, Scalar fill)
      : rows_(values.rows()), cols_(values.cols()), fill_(fill) {
    all_ = Matrix::Constant(rows_ + 3, cols_ + 2, fill);
    view() = values;
  }
  Eigen::Block<Matrix> view() { return all_.block(1, 1, rows_, cols_); }
  // Every entry outside view() still the fill.
  bool untouched_outside() const {
    Matrix outside = all_;
    outside.block(1, 1, rows_, cols_).setConstant(fill_);
    return identical(outside, Matrix(Matrix::Constant(all_.rows(), all_.cols(), fill_)));
  }

 private:
  Eigen::Index rows_, cols_;
  Scalar fill_;
  Matrix all_;
};

// Inputs padded with NaN, outputs with a number a plugin would not write.
template <class Matrix>
Padded<Matrix> padded_input(const Matrix& values) {
  return Padded<Matrix>(values, std::numeric_limits<typename Matrix::Scalar>::quiet_NaN());
}
template <class Matrix>
Padded<Matrix> padded_output(const Matrix& shape) {
  return Padded<Matrix>(Matrix::Constant(shape.rows(), shape.cols(), 42), 42);
}

}  // namespace nnsweep::testing
