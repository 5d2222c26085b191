#pragma once
// Full-batch training of one run, computed as the seed post computes it.
//
// Per iteration: forward pass, cost from the current parameters, backward pass,
// one optimizer step. The cost recorded at iteration i is therefore the cost
// before that iteration's update. Every buffer is allocated by the constructor:
// iterate(), evaluate() and learn() allocate nothing.
//
// When the output activation is the loss's fused_output() (sigmoid for binary
// cross-entropy) the cost comes from the output's pre-activation Z
// (Loss::cost_from_logits), so a saturated output still has a finite cost.
#include <atomic>
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
  // What learn() did.
  enum class Step {
    updated,                // finite gradient, finite parameters after the step
    gradient_not_finite,    // no step taken: the parameters are those before it
    parameters_not_finite,  // the step was taken and made some parameter non-finite
  };

  // `data` must outlive the trainer; it is only read.
  Trainer(const Dataset& data, const ExperimentConfig& config, const Registries& registries);

  // evaluate() then learn(); returns the cost of the parameters before the update.
  double iterate();
  // Forward pass and cost of the current parameters, no update. The cost
  // includes the weight penalties of config.regularization, and so does the
  // gradient learn() computes.
  double evaluate();
  // Backward pass from the latest forward pass, then one optimizer step if the
  // gradient is finite. One allFinite() over the flat gradient and one over the
  // parameters: cheap next to the matrix products.
  Step learn();
  // Whether evaluate()'s cost is the stable one from logits: then it is finite
  // exactly when the forward pass is.
  bool stable_cost() const { return fused_output_gradient_; }
  // Accuracy of the output of the latest forward pass.
  double accuracy() const;

  Network& network() { return network_; }
  const Network& network() const { return network_; }

  // Forward pass and cost on this trainer's data of another trainer's current
  // parameters (of the same network shape): how the test part is evaluated.
  double evaluate_parameters_of(const Trainer& other);

 private:
  void forward();
  void backward();
  // The regularization term of the cost for the current weights.
  double penalty() const;

  const Dataset& data_;
  Network network_;
  std::vector<std::unique_ptr<Activation>> hidden_;  // one per hidden layer
  std::unique_ptr<Activation> output_;
  std::unique_ptr<Loss> loss_;
  std::unique_ptr<Optimizer> optimizer_;
  bool fused_output_gradient_;
  Regularization regularization_;
  // Per layer: pre-activations, activations and their gradients (n_l x m).
  std::vector<Eigen::MatrixXd> Z_, A_, dA_, dZ_;
};

// Called every log_every iterations with the iteration number and its cost.
using CostLogger = std::function<void(std::int64_t iteration, double cost)>;

// A run whose cost exceeds kBlowUpFactor * max(1, its cost at iteration 0) has
// blown up (the divergence rule below; docs/divergence.md has the measurements).
constexpr double kBlowUpFactor = 1e3;

// Trains one run to completion. Never throws: an exception marks it `failed`
// with the message.
//
// Divergence means the training blew up, not that a printed cost overflowed. The
// run stops as `diverged` at iteration i, with the message
// "diverged at iteration i: <what happened>", when
//  - the gradient computed at i has a NaN or infinite entry ("the gradient of W2
//    became NaN"); that update is not applied, so the stored parameters are the
//    last finite ones;
//  - the optimizer step at i made a parameter NaN or infinite ("the parameter b1
//    became infinite after the update");
//  - the cost at i is finite but above the blow-up limit: the outputs became
//    confidently wrong by orders of magnitude (for binary cross-entropy, a mean
//    probability for the right label below e^-1000). Needed because with bounded
//    gradients (tanh or sigmoid units, gd) even a learning rate of 1e6 only grows
//    the weights linearly and nothing ever overflows. That step is not taken;
//  - the cost at i, computed stably from the logits (Trainer::stable_cost()), is
//    not finite: the forward pass overflowed. That step is not taken either.
// A saturated output (sigmoid exactly 0 or 1) is not divergence: its cost from
// logits stays finite and small. The recorded costs include iteration i's, and
// iterations_run is i + 1. If the parameters after the last update give a stable
// cost that is not finite, the run is `diverged` too.
//
// When `stop` is non-null and becomes true (checked with a relaxed load before
// each iteration), the run returns without starting another iteration, with
// `interrupted` set and its status otherwise as far as it got.
//
// With a `test` set, the cost on it is recorded at the same iterations as the
// training cost (test_costs), and the final parameters' cost and accuracy on
// it are test_cost and test_accuracy. The test set never affects training.
RunResult train_run(const Dataset& data, const ExperimentConfig& config,
                    const Registries& registries, const CostLogger& log = {},
                    const std::atomic<bool>* stop = nullptr, const Dataset* test = nullptr);

// The layer sizes of the network the config describes for this dataset.
std::vector<Eigen::Index> layer_sizes(const ExperimentConfig& config, const Dataset& data);

}  // namespace nnsweep
