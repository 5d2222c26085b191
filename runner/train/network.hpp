#pragma once
// A fully connected network whose parameters live in one flat vector.
//
// Layer l (1-based, as in the seed post) has W_l (n_l x n_{l-1}) and b_l (n_l x 1).
// The flat layout is W1, b1, W2, b2, ... each column-major; W and b are Eigen
// maps into it, so optimizers see one vector and the layers see matrices.
#include <Eigen/Core>
#include <string>
#include <vector>

#include "registry/optimizer.hpp"

namespace nnsweep {

class Network {
 public:
  // sizes: [n_x, hidden..., n_y], at least two entries.
  explicit Network(std::vector<Eigen::Index> sizes);
  Network(const Network&) = delete;  // the maps point into our own vectors
  Network& operator=(const Network&) = delete;

  std::size_t layer_count() const { return sizes_.size() - 1; }
  const std::vector<Eigen::Index>& sizes() const { return sizes_; }

  Eigen::VectorXd& parameters() { return parameters_; }
  const Eigen::VectorXd& parameters() const { return parameters_; }
  Eigen::VectorXd& gradient() { return gradient_; }

  // Views of layer `layer` (0-based) in the parameter and gradient vectors.
  Eigen::Map<Eigen::MatrixXd>& weight(std::size_t layer) { return weights_[layer]; }
  Eigen::Map<Eigen::MatrixXd>& bias(std::size_t layer) { return biases_[layer]; }
  const Eigen::Map<Eigen::MatrixXd>& weight(std::size_t layer) const { return weights_[layer]; }
  const Eigen::Map<Eigen::MatrixXd>& bias(std::size_t layer) const { return biases_[layer]; }
  Eigen::Map<Eigen::MatrixXd>& weight_gradient(std::size_t layer) { return weight_grads_[layer]; }
  Eigen::Map<Eigen::MatrixXd>& bias_gradient(std::size_t layer) { return bias_grads_[layer]; }

  // Which entries of parameters() are weights, for optimizers (weight decay
  // applies to weights only).
  ParameterLayout layout() const;

  std::vector<Eigen::Map<Eigen::MatrixXd>>& weights() { return weights_; }
  std::vector<Eigen::Map<Eigen::MatrixXd>>& biases() { return biases_; }

  // The first block of `flat` (laid out as parameters(): W1, b1, W2, ...) holding
  // a non-finite value, and what it became: "W2 became NaN", "b1 became infinite";
  // empty if every value is finite. For messages, once something is known to be
  // non-finite: it allocates and walks block by block.
  std::string describe_non_finite(const Eigen::VectorXd& flat) const;

  // Multiply-adds of one forward pass per example: what a run costs, for scheduling.
  static double forward_cost(const std::vector<Eigen::Index>& sizes);

 private:
  std::vector<Eigen::Index> sizes_;
  Eigen::VectorXd parameters_;
  Eigen::VectorXd gradient_;
  std::vector<Eigen::Map<Eigen::MatrixXd>> weights_, biases_, weight_grads_, bias_grads_;
};

}  // namespace nnsweep
