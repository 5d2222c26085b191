#pragma once
// The float32 computations of one training run (`train.dtype: float32`):
// the data in float, the forward pass (train/float_forward.hpp) and the
// backward pass, in float, on the examples of the current batch. The Trainer
// (train/trainer.hpp) keeps everything else in double: the parameters, the
// gradient the optimizer steps with, the weight penalties, the batch order.
// The Evaluator uses it for costs and metrics in float too.
//
// The backward pass is the seed post's, as Trainer's: dZ of the output layer
// (A - Y for a fused output, else the loss's gradient through the
// activation's), G_l = dZ_l A_{l-1}^T, db_l = the row sums of dZ_l, dA_{l-1}
// = W_l^T dZ_l, each in float with train/float_dense.hpp's products; G and db are scaled by 1/m in
// double, as they are written to the network's gradient.
//
// The constructor allocates everything, including a float copy of the data;
// nothing else allocates.
#include <cstdint>
#include <span>
#include <vector>

#include "train/float_forward.hpp"

namespace nnsweep {

class FloatTraining {
 public:
  // X (features x examples) and its targets (as train/targets.hpp encodes
  // them) are rounded to float once, here. `plugins` must outlive it.
  // `capacity`: examples per batch; with fewer than X has, select() chooses them.
  FloatTraining(const ForwardPass& plugins, const std::vector<Eigen::Index>& sizes,
                const Eigen::MatrixXd& X, const Eigen::MatrixXd& targets, Eigen::Index capacity);

  // Makes these examples (indices into X, at most capacity) the current batch.
  void select(std::span<const std::int64_t> examples);
  // The forward pass of `network` on the current batch (every example until
  // select() is called).
  void propagate(const Network& network);
  // The loss of the latest propagate() (no weight penalties).
  double loss() const { return forward_.loss(targets()); }
  // The gradient of loss() with respect to the network's parameters, into
  // network.gradient(), without weight penalties.
  void backward(Network& network);

  ConstFloatMap output() const { return forward_.output(); }

 private:
  ConstFloatMap inputs() const;
  const FloatInputRows* input_rows() const;  // null unless X_rows_ is kept
  ConstFloatMap targets() const;

  FloatForward forward_;
  Eigen::MatrixXf X_, targets_;              // every example
  Eigen::MatrixXf batch_X_, batch_targets_;  // the current batch, when it is not all of them
  Eigen::MatrixXf X_rows_;                   // X_ transposed, for a one-unit first layer
  FloatInputRows input_rows_{};
  bool batched_ = false;
  Eigen::Index columns_;
  std::vector<Eigen::MatrixXf> dA_, dZ_, G_;  // per layer
  std::vector<Eigen::VectorXf> bias_sums_;    // per layer
  Eigen::VectorXf scratch_;                   // float_weight_gradient's
};

}  // namespace nnsweep
