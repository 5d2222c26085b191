#pragma once
// Full-batch training of one run, computed as the seed post computes it.
//
// Per iteration: forward pass, cost from the current parameters, backward pass,
// one optimizer step. The cost recorded at iteration i is therefore the cost
// before that iteration's update. Every buffer is allocated by the constructor:
// iterate() allocates nothing.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config/experiment.hpp"
#include "train/network.hpp"
#include "train/run_result.hpp"

namespace nnsweep {

class Trainer {
 public:
  // `data` must outlive the trainer; it is only read.
  Trainer(const Dataset& data, const ExperimentConfig& config, const Registries& registries);

  // One iteration; returns the cost of the parameters before the update.
  double iterate();
  // Forward pass and cost of the current parameters, no update.
  double evaluate();
  // Accuracy of the output of the latest forward pass.
  double accuracy() const;

  Network& network() { return network_; }

 private:
  void forward();
  void backward();

  const Dataset& data_;
  Network network_;
  std::unique_ptr<Activation> hidden_;
  std::unique_ptr<Activation> output_;
  std::unique_ptr<Loss> loss_;
  std::unique_ptr<Optimizer> optimizer_;
  bool fused_output_gradient_;
  // Per layer: pre-activations, activations and their gradients (n_l x m).
  std::vector<Eigen::MatrixXd> Z_, A_, dA_, dZ_;
};

// Called every log_every iterations with the iteration number and its cost.
using CostLogger = std::function<void(std::int64_t iteration, double cost)>;

// Trains one run to completion. A non-finite cost stops it as `diverged`; an
// exception marks it `failed` with the message. Never throws.
RunResult train_run(const Dataset& data, const ExperimentConfig& config,
                    const Registries& registries, const CostLogger& log = {});

// The layer sizes of the network the config describes for this dataset.
std::vector<Eigen::Index> layer_sizes(const ExperimentConfig& config, const Dataset& data);

}  // namespace nnsweep
