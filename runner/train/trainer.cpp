#include "train/trainer.hpp"

#include <algorithm>
#include <numeric>

#include "kernels/dense_kernels.hpp"
#include "train/dense.hpp"
#include "train/float_training.hpp"
#include "train/targets.hpp"

namespace nnsweep {
namespace {

LossTargets targets_of(const ExperimentConfig& config, const Registries& registries) {
  return registries.losses.describe(config.loss.name)->traits.targets;
}

// Examples per update: a batch of at least every example is the full batch,
// in order (shuffling it would only reorder the sums).
std::int64_t effective_batch(const TrainConfig& train, Eigen::Index examples) {
  return train.batch_size > 0 && train.batch_size < examples ? train.batch_size : examples;
}

}  // namespace

std::vector<Eigen::Index> layer_sizes(const ExperimentConfig& config, const Dataset& data,
                                      const Registries& registries) {
  std::vector<Eigen::Index> sizes{data.X.rows()};
  for (std::int64_t width : config.model.hidden) sizes.push_back(width);
  sizes.push_back(output_units(data, targets_of(config, registries), config.loss.name));
  return sizes;
}

Trainer::Trainer(const Dataset& data, const ExperimentConfig& config, const Registries& registries)
    : data_(data),
      network_(layer_sizes(config, data, registries)),
      forward_(config, registries, network_.sizes(), effective_batch(config.train, data.X.cols())),
      optimizer_(registries.optimizers.create(config.optimizer.name, config.optimizer.params)),
      layout_(network_.layout()),
      learning_rate_(config.optimizer.params.real("learning_rate")),
      l2_decay_(registries.optimizers.describe(config.optimizer.name)->traits.weight_decay ==
                        WeightDecayForm::l2
                    ? config.optimizer.params.real("weight_decay")
                    : 0.0),
      regularization_(config.regularization),
      targets_(encode_targets(data, targets_of(config, registries), config.loss.name)),
      batch_size_(effective_batch(config.train, data.X.cols())),
      batches_((data.X.cols() + batch_size_ - 1) / batch_size_),
      shuffle_(static_cast<std::uint32_t>(config.train.shuffle_seed)),
      batch_columns_(data.X.cols()) {
  Eigen::Index largest_layer = 0;
  for (std::size_t l = 0; l < network_.layer_count(); ++l) {
    dA_.emplace_back(network_.sizes()[l + 1], batch_size_);
    dZ_.emplace_back(network_.sizes()[l + 1], batch_size_);
    largest_layer = std::max(largest_layer, network_.sizes()[l] * network_.sizes()[l + 1]);
  }
  scratch_.resize(2 * largest_layer);  // input_gradient_through's two matrices
  // The double passes' transposed features (float32 runs keep their own data).
  if (config.train.dtype == DType::float64 && network_.sizes()[1] == 1 &&
      network_.sizes()[0] <= kNarrow) {
    input_rows_ = data.X.transpose();
    if (mini_batches()) input_rows_.resize(batch_size_, data.X.rows());
    input_rows_view_ = {input_rows_.data(), input_rows_.rows()};
  }
  if (config.train.dtype == DType::float32) {
    float_ =
        std::make_unique<FloatTraining>(forward_, network_.sizes(), data.X, targets_, batch_size_);
  }
  if (mini_batches()) {
    // Until the first begin_epoch(), the first examples in file order: a
    // valid batch without drawing from the shuffle stream.
    order_.resize(static_cast<std::size_t>(data.X.cols()));
    std::iota(order_.begin(), order_.end(), std::int64_t{0});
    batch_X_.resize(data.X.rows(), batch_size_);
    batch_targets_.resize(targets_.rows(), batch_size_);
    select_batch(0);
  }
  registries.initializers.create(config.model.init.name, config.model.init.params)
      ->initialize(network_.weights(), network_.biases());
  optimizer_->reset(layout_);
}

Trainer::~Trainer() = default;

void Trainer::begin_epoch() {
  if (!mini_batches()) return;
  // permutation(m): a fresh arange(m), shuffled.
  std::iota(order_.begin(), order_.end(), std::int64_t{0});
  shuffle_.shuffle(std::span<std::int64_t>(order_));
}

void Trainer::select_batch(std::int64_t batch) {
  if (!mini_batches()) return;
  const std::int64_t begin = batch * batch_size_;
  batch_columns_ = std::min<std::int64_t>(batch_size_, data_.X.cols() - begin);
  if (float_) {
    float_->select(std::span(order_).subspan(static_cast<std::size_t>(begin),
                                             static_cast<std::size_t>(batch_columns_)));
    return;
  }
  for (Eigen::Index j = 0; j < batch_columns_; ++j) {
    const auto example = static_cast<Eigen::Index>(order_[static_cast<std::size_t>(begin + j)]);
    batch_X_.col(j) = data_.X.col(example);
    batch_targets_.col(j) = targets_.col(example);
    if (input_rows_.size()) input_rows_.row(j) = data_.X.col(example).transpose();
  }
}

void Trainer::propagate() {
  if (float_) {
    float_->propagate(network_);
  } else if (mini_batches()) {
    forward_.run(network_, forward_.leading(batch_X_, batch_columns_), input_rows());
  } else {
    forward_.run(network_, data_.X, input_rows());
  }
}

double Trainer::evaluate() {
  propagate();
  if (float_) return float_->loss() + weight_penalty(network_, regularization_);
  const auto Y = mini_batches() ? forward_.leading(batch_targets_, batch_columns_)
                                : forward_.leading(targets_, targets_.cols());
  return forward_.loss(Y) + weight_penalty(network_, regularization_);
}

void Trainer::backward() {
  const std::size_t last = network_.layer_count() - 1;
  const Eigen::Index n = batch_columns_;
  // Contiguous maps, so that element-wise work is vectorised (ForwardPass::Z).
  const auto X = forward_.leading(mini_batches() ? batch_X_ : data_.X, n);
  const auto Y = forward_.leading(mini_batches() ? batch_targets_ : targets_, n);
  const double inverse_m = 1.0 / static_cast<double>(n);
  if (forward_.fused()) {
    forward_.leading(dZ_[last], n) = forward_.A(last) - Y;
  } else {
    forward_.loss_plugin().gradient(forward_.A(last), Y, forward_.leading(dA_[last], n));
    forward_.differentiate(last, forward_.leading(dA_[last], n), forward_.leading(dZ_[last], n));
  }
  for (std::size_t l = last + 1; l-- > 0;) {
    const auto dZ = forward_.leading(dZ_[l], n);
    auto& weight_gradient = network_.weight_gradient(l);
    MatrixMap gradient(weight_gradient.data(), weight_gradient.rows(), weight_gradient.cols());
    // Into the layer below first: its pass may give this layer's weight
    // gradient too (input_gradient_through).
    const bool gradient_done = l > 0 && back_to_layer(l - 1, n, gradient);
    if (l == 0) {
      nnsweep::weight_gradient(dZ, X, gradient, scratch_, input_rows());
    } else if (!gradient_done) {
      nnsweep::weight_gradient(dZ, forward_.A(l - 1), gradient, scratch_);
    }
    weight_gradient *= inverse_m;
    add_penalty_gradient(l);
    // db = (1/m) * np.sum(dZ, axis=1): numpy's pairwise order along each row.
    auto bias_gradient = network_.bias_gradient(l).col(0);
    kernels::numpy_row_sums(dZ.data(), dZ.outerStride(), dZ.rows(), dZ.cols(),
                            bias_gradient.data());
    bias_gradient *= inverse_m;
  }
}

bool Trainer::back_to_layer(std::size_t l, Eigen::Index n, MatrixMap weight_gradient) {
  const auto& W = network_.weight(l + 1);
  if (input_gradient_by_columns(W.rows()) && forward_.derivative(l) != DerivativeFromOutput::none) {
    return input_gradient_through(W, forward_.leading(dZ_[l + 1], n), forward_.A(l),
                                  forward_.derivative(l), forward_.leading(dZ_[l], n), scratch_,
                                  &weight_gradient);
  }
  const Eigen::Index rows = W.cols();
  // A block of columns small enough that dA stays in the L1 cache between
  // its product and the activation's derivative (about 16 KB).
  const Eigen::Index block =
      input_gradient_by_columns(W.rows()) ? std::max<Eigen::Index>(8, 2048 / rows) : n;
  for (Eigen::Index begin = 0; begin < n; begin += block) {
    const Eigen::Index count = std::min(block, n - begin);
    const auto columns = [&](Eigen::MatrixXd& buffer) {
      return MatrixMap(buffer.data() + begin * buffer.rows(), buffer.rows(), count);
    };
    const auto dZ = columns(dZ_[l + 1]);
    auto dA = columns(dA_[l]);
    input_gradient(W, dZ, dA, scratch_);
    forward_.differentiate(l, dA, columns(dZ_[l]), begin);
  }
  return false;
}

void Trainer::add_penalty_gradient(std::size_t l) {
  auto& weight_gradient = network_.weight_gradient(l);
  if (regularization_.l1 != 0.0) {
    weight_gradient.array() += regularization_.l1 * network_.weight(l).array().sign();
  }
  if (regularization_.l2 != 0.0) weight_gradient += regularization_.l2 * network_.weight(l);
}

void Trainer::backward_float() {
  float_->backward(network_);
  for (std::size_t l = 0; l < network_.layer_count(); ++l) add_penalty_gradient(l);
}

Trainer::Step Trainer::learn() {
  if (float_) {
    backward_float();
  } else {
    backward();
  }
  if (!network_.gradient().allFinite()) return Step::gradient_not_finite;
  if (l2_decay_ != 0.0) {
    add_weight_decay(layout_, l2_decay_, network_.parameters(), network_.gradient());
  }
  optimizer_->step(network_.parameters(), network_.gradient(), learning_rate_);
  if (!network_.parameters().allFinite()) return Step::parameters_not_finite;
  return Step::updated;
}

double Trainer::iterate() {
  const double cost = evaluate();
  learn();
  return cost;
}

Evaluator::Evaluator(const Dataset& data, const ExperimentConfig& config,
                     const Registries& registries)
    : data_(data),
      forward_(config, registries, layer_sizes(config, data, registries), data.X.cols()),
      regularization_(config.regularization),
      targets_(encode_targets(data, targets_of(config, registries), config.loss.name)) {
  if (config.train.dtype == DType::float32) {
    float_ = std::make_unique<FloatTraining>(forward_, layer_sizes(config, data, registries),
                                             data.X, targets_, data.X.cols());
  }
}

Evaluator::~Evaluator() = default;

double Evaluator::cost(const Network& network) {
  if (float_) {
    float_->propagate(network);
    return float_->loss() + weight_penalty(network, regularization_);
  }
  forward_.run(network, data_.X);
  return forward_.loss(targets_) + weight_penalty(network, regularization_);
}

Metrics Evaluator::metrics(const Network& network) {
  const double cost_now = cost(network);
  // float32: from the outputs rounded to double, which allocates (metrics() may).
  Metrics metrics = float_ ? task_metrics(float_->output().cast<double>().eval(), data_)
                           : task_metrics(forward_.output(), data_);
  metrics.cost = cost_now;
  return metrics;
}

}  // namespace nnsweep
