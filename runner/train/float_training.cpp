#include "train/float_training.hpp"

#include <algorithm>

namespace nnsweep {
namespace {

// sums(r) = the sum of dZ's row r. A map of whole columns, not a Ref: a
// one-row map is one contiguous array, which Eigen sums in vectors.
void row_sums(const FloatMap& dZ, Eigen::VectorXf& sums) {
  if (dZ.rows() == 1) {
    sums(0) = dZ.sum();
    return;
  }
  sums.setZero();
  for (Eigen::Index i = 0; i < dZ.cols(); ++i) sums += dZ.col(i);
}

}  // namespace

FloatTraining::FloatTraining(const ForwardPass& plugins, const std::vector<Eigen::Index>& sizes,
                             const Eigen::MatrixXd& X, const Eigen::MatrixXd& targets,
                             Eigen::Index capacity)
    : forward_(plugins, sizes, capacity),
      X_(X.cast<float>()),
      targets_(targets.cast<float>()),
      columns_(X.cols()) {
  Eigen::Index scratch_size = 0;
  if (capacity < X.cols()) {
    batch_X_.resize(X.rows(), capacity);
    batch_targets_.resize(targets.rows(), capacity);
    batched_ = true;
    columns_ = capacity;
    batch_X_ = X_.leftCols(capacity);
    batch_targets_ = targets_.leftCols(capacity);
  }
  for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
    dA_.emplace_back(sizes[l + 1], capacity);
    dZ_.emplace_back(sizes[l + 1], capacity);
    G_.emplace_back(sizes[l + 1], sizes[l]);
    bias_sums_.emplace_back(sizes[l + 1]);
    scratch_size = std::max(scratch_size, sizes[l] * sizes[l + 1]);
  }
  scratch_.resize(scratch_size);
  // All examples in every batch, and one first-layer unit: its kernels read
  // the features by rows (train/float_dense.hpp: FloatInputRows).
  if (!batched_ && sizes.size() > 1 && sizes[1] == 1) {
    X_rows_ = X_.transpose();
    input_rows_ = {X_rows_.data(), X_rows_.rows()};
  }
}

void FloatTraining::select(std::span<const std::int64_t> examples) {
  columns_ = static_cast<Eigen::Index>(examples.size());
  for (Eigen::Index j = 0; j < columns_; ++j) {
    const auto example = static_cast<Eigen::Index>(examples[static_cast<std::size_t>(j)]);
    batch_X_.col(j) = X_.col(example);
    batch_targets_.col(j) = targets_.col(example);
  }
}

ConstFloatMap FloatTraining::inputs() const {
  return forward_.leading(batched_ ? batch_X_ : X_, columns_);
}

ConstFloatMap FloatTraining::targets() const {
  return forward_.leading(batched_ ? batch_targets_ : targets_, columns_);
}

const FloatInputRows* FloatTraining::input_rows() const {
  return X_rows_.size() > 0 ? &input_rows_ : nullptr;
}

void FloatTraining::propagate(const Network& network) {
  forward_.run(network, inputs(), input_rows());
}

void FloatTraining::backward(Network& network) {
  const std::size_t last = forward_.layers() - 1;
  const Eigen::Index n = columns_;
  const double inverse_m = 1.0 / static_cast<double>(n);
  FloatMap dZ_last = forward_.leading(dZ_[last], n);
  if (forward_.fused()) {
    dZ_last = forward_.output() - targets();
  } else {
    FloatMap dA_last = forward_.leading(dA_[last], n);
    forward_.loss_plugin().gradient_float(forward_.output(), targets(), dA_last);
    forward_.differentiate(last, dA_last, dZ_last);
  }
  for (std::size_t l = last + 1; l-- > 0;) {
    const FloatMap dZ = forward_.leading(dZ_[l], n);
    const FloatMap G(G_[l].data(), G_[l].rows(), G_[l].cols());
    if (l == 0) {
      float_weight_gradient(dZ, inputs(), G, scratch_, input_rows());
    } else {
      float_weight_gradient(dZ, forward_.A(l - 1), G, scratch_);
    }
    network.weight_gradient(l) = G_[l].cast<double>() * inverse_m;
    row_sums(dZ, bias_sums_[l]);
    network.bias_gradient(l) = bias_sums_[l].cast<double>() * inverse_m;
    if (l > 0) {
      const FloatMap dA = forward_.leading(dA_[l - 1], n);
      float_input_gradient(forward_.weight_transposed(l), dZ, dA);
      forward_.differentiate(l - 1, dA, forward_.leading(dZ_[l - 1], n));
    }
  }
}

}  // namespace nnsweep
