#pragma once
// Initializer plugins: set a network's starting weights and biases.
//
// Contract:
//  - initialize(weights, biases) receives one weight matrix (fan_out x fan_in) and
//    one bias column (fan_out x 1) per layer, input layer first, already sized.
//    It fills every entry of every block.
//  - Layers are filled in order from one stream seeded by the plugin's own
//    parameters, so the result depends only on those parameters and the shapes.
//  - Called once per run, before training; it may allocate.
#include <Eigen/Core>
#include <vector>

namespace nnsweep {

class Initializer {
 public:
  virtual ~Initializer() = default;
  virtual void initialize(std::vector<Eigen::Map<Eigen::MatrixXd>>& weights,
                          std::vector<Eigen::Map<Eigen::MatrixXd>>& biases) const = 0;
};

}  // namespace nnsweep
