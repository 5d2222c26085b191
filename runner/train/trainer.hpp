#pragma once
// Training one run, computed as the seed post computes it: per update, a
// forward pass, the cost of the current parameters, a backward pass and one
// optimizer step. The cost of an update is therefore the cost before it.
//
// Full batch (train.batch_size full, or at least the training part's size):
// every update sees every example, in order, and an epoch is one update.
// Mini-batches of B examples: every epoch draws the order as
// np.random.RandomState(shuffle_seed).permutation(m) would on its k-th call
// (one generator for the whole run), and takes batches of B examples in that
// order, the last one smaller when B does not divide m.
//
// With train.dtype float32, the forward and backward passes compute in
// float (train/float_training.hpp); the parameters, the optimizer and the
// weight penalties stay in double.
//
// The constructor allocates every buffer; begin_epoch(), select_batch(),
// iterate(), evaluate() and learn() allocate nothing.
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/experiment.hpp"
#include "random/numpy_random.hpp"
#include "train/forward.hpp"
#include "train/metrics.hpp"
#include "train/network.hpp"
#include "train/run_result.hpp"

namespace nnsweep {

class FloatTraining;  // train/float_training.hpp

class Trainer {
 public:
  // What learn() did.
  enum class Step {
    updated,                // finite gradient, finite parameters after the step
    gradient_not_finite,    // no step taken: the parameters are those before it
    parameters_not_finite,  // the step was taken and made some parameter non-finite
  };

  // `data` must outlive the trainer; it is only read. Throws DataError when
  // the data and the loss do not go together (train/targets.hpp).
  Trainer(const Dataset& data, const ExperimentConfig& config, const Registries& registries);
  ~Trainer();

  // Updates per epoch: 1 for full batch, ceil(m / B) for mini-batches.
  std::int64_t batches_per_epoch() const { return batches_; }
  bool mini_batches() const { return batches_ > 1; }
  // Mini-batches: draws the next epoch's order. Full batch: nothing.
  void begin_epoch();
  // Mini-batches: makes batch `batch` (< batches_per_epoch()) of the current
  // epoch the examples evaluate() and learn() see; before the first epoch,
  // batch 0 holds the first examples in order. Full batch: nothing.
  void select_batch(std::int64_t batch);
  // Examples in the current batch.
  Eigen::Index batch_examples() const { return batch_columns_; }

  // evaluate() then learn(); returns the cost of the parameters before the update.
  double iterate();
  // Forward pass and cost of the current parameters on the current batch, no
  // update. The cost includes the weight penalties of config.regularization,
  // and so does the gradient learn() computes.
  double evaluate();
  // The forward pass alone, for an update whose cost nobody reads.
  void propagate();
  // Backward pass from the latest forward pass, then, if the gradient is
  // finite, one optimizer step at learning_rate(). An optimizer with the l2
  // form of weight decay gets weight_decay * w added to the weights' gradient
  // first (registry/optimizer.hpp), so network().gradient() holds that sum
  // afterwards. One allFinite() over the flat gradient and one over the
  // parameters: cheap next to the matrix products.
  Step learn();
  // The rate of the following updates: optimizer.learning_rate until set
  // (the run loop sets each epoch's from the schedule: train/train_run.cpp).
  void set_learning_rate(double rate) { learning_rate_ = rate; }
  double learning_rate() const { return learning_rate_; }
  // Whether evaluate()'s cost is the stable one from logits: then it is finite
  // exactly when the forward pass is.
  bool stable_cost() const { return forward_.fused(); }

  Network& network() { return network_; }
  const Network& network() const { return network_; }

 private:
  void backward();
  // The float32 backward pass, with the weight penalties added in double.
  void backward_float();
  // Adds the weight penalties' gradient to layer l's weight gradient.
  void add_penalty_gradient(std::size_t l);

  // dA and dZ of layer l from dZ of layer l + 1, over the first n columns.
  // True if it also wrote layer l + 1's weight gradient (unscaled, as
  // weight_gradient() would: train/dense.hpp).
  bool back_to_layer(std::size_t l, Eigen::Index n, MatrixMap weight_gradient);
  // The current batch's features transposed, when the first layer has one
  // unit (train/dense.hpp: InputRows); otherwise null.
  const InputRows* input_rows() const { return input_rows_.size() ? &input_rows_view_ : nullptr; }

  const Dataset& data_;
  Network network_;
  ForwardPass forward_;
  std::unique_ptr<Optimizer> optimizer_;
  ParameterLayout layout_;
  double learning_rate_;
  double l2_decay_;  // the optimizer's weight_decay in the l2 form, else 0
  Regularization regularization_;
  Eigen::MatrixXd targets_;  // the loss's targets for every example (train/targets.hpp)
  // Per layer: gradients with respect to activations and pre-activations.
  std::vector<Eigen::MatrixXd> dA_, dZ_;
  Eigen::VectorXd scratch_;  // as large as the largest weight matrix (train/dense.hpp)
  // Mini-batches: the example order of this epoch, and the batch's examples.
  std::int64_t batch_size_, batches_;
  NumpyRandomState shuffle_;
  std::vector<std::int64_t> order_;
  Eigen::MatrixXd batch_X_, batch_targets_;
  Eigen::Index batch_columns_;
  Eigen::MatrixXd input_rows_;  // batch (or all) examples x features, if input_rows()
  InputRows input_rows_view_{};
  std::unique_ptr<FloatTraining> float_;  // float32 only
};

// Evaluates parameters on a whole dataset: the training part at the end of a
// run, the test part after every epoch, in the config's train.dtype.
// Allocates only in its constructor.
class Evaluator {
 public:
  Evaluator(const Dataset& data, const ExperimentConfig& config, const Registries& registries);
  ~Evaluator();
  // The cost (with weight penalties) of the network's current parameters.
  double cost(const Network& network);
  // Cost and every metric of the task (train/metrics.hpp); allocates a little.
  Metrics metrics(const Network& network);

 private:
  const Dataset& data_;
  ForwardPass forward_;
  Regularization regularization_;
  Eigen::MatrixXd targets_;
  std::unique_ptr<FloatTraining> float_;  // float32 only
};

// Called every log_every iterations (full batch) or epochs (mini-batches)
// with "iteration" or "epoch", its number and its cost.
using CostLogger = std::function<void(std::string_view unit, std::int64_t step, double cost)>;

// The layer sizes of the network the config describes for this dataset: the
// input size is the features', the output size follows from the loss's
// targets (train/targets.hpp). Throws DataError as the targets do.
std::vector<Eigen::Index> layer_sizes(const ExperimentConfig& config, const Dataset& data,
                                      const Registries& registries);

}  // namespace nnsweep
