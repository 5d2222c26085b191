#pragma once
// Initializer plugins: set a network's starting weights and biases.
//
// Contract:
//  - initialize(weights, biases) receives one weight matrix (fan_out x fan_in) and
//    one bias column (fan_out x 1) per layer, input layer first, already sized.
//    It fills every entry of every block.
//  - Every initializer also takes the parameters of initializer_shared_params()
//    (`bias`: the value every bias starts at, 0 by default), declared once for
//    the kind; it sets each bias to that value.
//  - Layers are filled in order from one stream seeded by the plugin's own
//    parameters, so the result depends only on those parameters and the shapes.
//    A numpy user reproduces it with np.random.seed(seed) once and the
//    plugin's documented draw for each layer in turn.
//  - Called once per run, before training; it may allocate.
#include <Eigen/Core>
#include <vector>

#include "registry/params.hpp"

namespace nnsweep {

class Initializer {
 public:
  virtual ~Initializer() = default;
  virtual void initialize(std::vector<Eigen::Map<Eigen::MatrixXd>>& weights,
                          std::vector<Eigen::Map<Eigen::MatrixXd>>& biases) const = 0;
};

// What every initializer takes besides its own parameters. Configs that leave
// them at their defaults keep the run identities they had before they existed.
std::vector<ParamSpec> initializer_shared_params();

}  // namespace nnsweep
