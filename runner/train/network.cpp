#include "train/network.hpp"

#include <stdexcept>
#include <string>
#include <utility>

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

ParameterLayout Network::layout() const {
  ParameterLayout layout{parameters_.size(), {}};
  for (const auto& weight : weights_) {
    layout.weights.push_back({weight.data() - parameters_.data(), weight.size()});
  }
  return layout;
}

std::string Network::describe_non_finite(const Eigen::VectorXd& flat) const {
  Eigen::Index offset = 0;
  for (std::size_t l = 0; l + 1 < sizes_.size(); ++l) {
    const Eigen::Index weight_count = sizes_[l + 1] * sizes_[l];
    const Eigen::Index bias_count = sizes_[l + 1];
    for (const auto& [name, count] : {std::pair{'W', weight_count}, std::pair{'b', bias_count}}) {
      const auto block = flat.segment(offset, count);
      offset += count;
      if (block.allFinite()) continue;
      // 1-based layer numbers, as the seed post names W1, b1, W2, b2.
      return std::string(1, name) + std::to_string(l + 1) + " became " +
             (block.hasNaN() ? "NaN" : "infinite");
    }
  }
  return {};
}

double Network::forward_cost(const std::vector<Eigen::Index>& sizes) {
  double cost = 0.0;
  for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
    cost += static_cast<double>(sizes[l + 1]) * static_cast<double>(sizes[l] + 1);
  }
  return cost;
}

}  // namespace nnsweep
