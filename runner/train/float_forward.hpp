#pragma once
// ForwardPass (train/forward.hpp) in float, for `train.dtype: float32`:
// the same layers, plugins and cost, with every product and activation
// computed in float (Eigen::MatrixXf, the plugins' *_float methods,
// kernels/vector_math_float.hpp).
//
// The network's parameters stay doubles (the master weights that
// initializers and optimizers see); run() rounds them to float first, which
// costs O(parameters), little next to the O(parameters * examples) products.
// The products are train/float_dense.hpp's, whose bits do not depend on the
// CPU or on NNSWEEP_SIMD. The cost is a double.
//
// The constructor allocates everything; run(), loss() and differentiate()
// allocate nothing (unless a plugin relies on the allocating defaults of its
// float methods: registry/activation.hpp, registry/loss.hpp).
#include <vector>

#include "train/float_dense.hpp"
#include "train/forward.hpp"

namespace nnsweep {

class FloatForward {
 public:
  // Uses the plugins of `plugins` (activations, loss), which must outlive it.
  FloatForward(const ForwardPass& plugins, const std::vector<Eigen::Index>& sizes,
               Eigen::Index capacity);

  // Runs `network` (of the sizes given), rounded to float, on the columns of
  // X, at most capacity.
  void run(const Network& network, const ConstFloatRef& X, const FloatInputRows* rows = nullptr);
  // As ForwardPass::loss, from the float outputs (or logits).
  double loss(const ConstFloatRef& Y) const;

  bool fused() const { return plugins_.fused(); }
  const Loss& loss_plugin() const { return plugins_.loss_plugin(); }
  Eigen::Index columns() const { return columns_; }
  std::size_t layers() const { return Z_.size(); }
  FloatMap A(std::size_t l) { return leading(A_[l]); }
  ConstFloatMap A(std::size_t l) const { return leading(A_[l]); }
  ConstFloatMap output() const { return A(layers() - 1); }
  // Layer l's weights as the latest run() rounded them, and transposed.
  const Eigen::MatrixXf& weight(std::size_t l) const { return W_[l]; }
  const Eigen::MatrixXf& weight_transposed(std::size_t l) const { return Wt_[l]; }
  // As ForwardPass::differentiate: dA and dZ are columns [first, first +
  // their columns) of the latest run's.
  void differentiate(std::size_t l, FloatMap dA, FloatMap dZ, Eigen::Index first = 0) const;

  FloatMap leading(Eigen::MatrixXf& buffer, Eigen::Index columns = -1) const {
    return {buffer.data(), buffer.rows(), columns < 0 ? columns_ : columns};
  }
  ConstFloatMap leading(const Eigen::MatrixXf& buffer, Eigen::Index columns = -1) const {
    return {buffer.data(), buffer.rows(), columns < 0 ? columns_ : columns};
  }

 private:
  const ForwardPass& plugins_;
  std::vector<Eigen::MatrixXf> W_, Wt_, b_;  // per layer, rounded by run()
  std::vector<Eigen::MatrixXf> Z_, A_;       // per layer, n_l x capacity
  Eigen::Index columns_ = 0;
};

}  // namespace nnsweep
