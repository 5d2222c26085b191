#pragma once
// The forward pass of a network over a block of examples, and its cost: what
// training and evaluation share.
//
// Layer l computes Z_l = W_l A_{l-1} + b_l and A_l = g_l(Z_l), with A_0 = X
// (features x examples). Buffers hold up to `capacity` examples; a pass over
// fewer (the last mini-batch of an epoch) uses their leading columns. The
// constructor allocates everything; run() and cost() allocate nothing.
#include <memory>
#include <vector>

#include "config/experiment.hpp"
#include "train/dense.hpp"
#include "train/network.hpp"

namespace nnsweep {

class ForwardPass {
 public:
  using ConstBlock = Eigen::Ref<const Eigen::MatrixXd>;

  ForwardPass(const ExperimentConfig& config, const Registries& registries,
              const std::vector<Eigen::Index>& sizes, Eigen::Index capacity);

  // Runs `network` (of the sizes given) on the columns of X, at most capacity;
  // `rows`, if given, holds X transposed (train/dense.hpp: InputRows).
  void run(const Network& network, const ConstBlock& X, const InputRows* rows = nullptr);
  // The loss of the latest run against the targets Y (its columns), without
  // weight penalties. With the loss's fused output it is computed from the
  // logits (Loss::cost_from_logits), so a saturated output stays finite.
  double loss(const ConstBlock& Y) const;
  // Whether the output is the loss's fused one: then the output gradient is
  // dZ = A - Y, and loss() is finite exactly when the forward pass is.
  bool fused() const { return fused_; }

  Eigen::Index columns() const { return columns_; }
  std::size_t layers() const { return Z_.size(); }
  // Layer l's (0-based) pre-activation and activation over the latest run's
  // columns. Maps, not blocks: the leading columns of a column-major buffer are
  // contiguous, and Eigen then treats element-wise work on them as one
  // vectorised array even for a one-unit layer (a block's runtime stride
  // makes it loop column by column, one element each).
  Eigen::Map<Eigen::MatrixXd> Z(std::size_t l) { return leading(Z_[l]); }
  Eigen::Map<Eigen::MatrixXd> A(std::size_t l) { return leading(A_[l]); }
  Eigen::Map<const Eigen::MatrixXd> A(std::size_t l) const { return leading(A_[l]); }
  Eigen::Map<const Eigen::MatrixXd> output() const { return A(layers() - 1); }

  const Activation& activation(std::size_t l) const {
    return l + 1 == layers() ? *output_ : *hidden_[l];
  }
  // Whether layer l's activation is element-wise (PluginTraits::elementwise).
  bool elementwise(std::size_t l) const { return elementwise_[l]; }
  // Layer l's activation g applied (forward) or differentiated (backward), an
  // element-wise g on the layer as one column (PluginTraits::elementwise).
  void activate(std::size_t l);
  // dA and dZ are columns [first, first + their columns) of the latest run's.
  void differentiate(std::size_t l, Eigen::Map<Eigen::MatrixXd> dA, Eigen::Map<Eigen::MatrixXd> dZ,
                     Eigen::Index first = 0);
  const Loss& loss_plugin() const { return *loss_; }
  // Layer l's activation's backward form (PluginTraits::derivative); `none`
  // for one that is not element-wise.
  DerivativeFromOutput derivative(std::size_t l) const { return derivative_[l]; }

  // The first `columns` columns of a buffer (the latest run's, by default).
  Eigen::Map<Eigen::MatrixXd> leading(Eigen::MatrixXd& buffer, Eigen::Index columns = -1) const {
    return {buffer.data(), buffer.rows(), columns < 0 ? columns_ : columns};
  }
  Eigen::Map<const Eigen::MatrixXd> leading(const Eigen::MatrixXd& buffer,
                                            Eigen::Index columns = -1) const {
    return {buffer.data(), buffer.rows(), columns < 0 ? columns_ : columns};
  }

 private:
  std::vector<std::unique_ptr<Activation>> hidden_;  // one per hidden layer
  std::unique_ptr<Activation> output_;
  std::unique_ptr<Loss> loss_;
  std::vector<bool> elementwise_;                 // per layer
  std::vector<DerivativeFromOutput> derivative_;  // per layer
  bool fused_;
  std::vector<Eigen::MatrixXd> Z_, A_;  // per layer, n_l x capacity
  Eigen::Index columns_ = 0;
};

// The weight penalties of `regularization` for the network's current weights:
// l1 * sum|w| + l2 * sum(w^2) / 2 (biases are not penalised).
double weight_penalty(const Network& network, const Regularization& regularization);

}  // namespace nnsweep
