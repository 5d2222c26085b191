#include "train/network.hpp"

#include <stdexcept>

namespace nnsweep {

Network::Network(std::vector<Eigen::Index> sizes) : sizes_(std::move(sizes)) {
  if (sizes_.size() < 2) throw std::invalid_argument("a network needs input and output sizes");
  Eigen::Index total = 0;
  for (std::size_t l = 0; l + 1 < sizes_.size(); ++l) {
    total += sizes_[l + 1] * sizes_[l] + sizes_[l + 1];
  }
  parameters_ = Eigen::VectorXd::Zero(total);
  gradient_ = Eigen::VectorXd::Zero(total);
  Eigen::Index offset = 0;
  for (std::size_t l = 0; l + 1 < sizes_.size(); ++l) {
    const Eigen::Index rows = sizes_[l + 1];
    const Eigen::Index cols = sizes_[l];
    weights_.emplace_back(parameters_.data() + offset, rows, cols);
    weight_grads_.emplace_back(gradient_.data() + offset, rows, cols);
    offset += rows * cols;
    biases_.emplace_back(parameters_.data() + offset, rows, 1);
    bias_grads_.emplace_back(gradient_.data() + offset, rows, 1);
    offset += rows;
  }
}

double Network::forward_cost(const std::vector<Eigen::Index>& sizes) {
  double cost = 0.0;
  for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
    cost += static_cast<double>(sizes[l + 1]) * static_cast<double>(sizes[l] + 1);
  }
  return cost;
}

}  // namespace nnsweep
