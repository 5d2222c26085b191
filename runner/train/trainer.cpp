#include "train/trainer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>

#include "util/numpy_sum.hpp"

namespace nnsweep {

std::vector<Eigen::Index> layer_sizes(const ExperimentConfig& config, const Dataset& data) {
  std::vector<Eigen::Index> sizes{data.X.rows()};
  for (std::int64_t width : config.model.hidden) sizes.push_back(width);
  sizes.push_back(data.Y.rows());
  return sizes;
}

Trainer::Trainer(const Dataset& data, const ExperimentConfig& config, const Registries& registries)
    : data_(data),
      network_(layer_sizes(config, data)),
      output_(registries.activations.create(config.model.output.name, config.model.output.params)),
      loss_(registries.losses.create(config.loss.name, config.loss.params)),
      optimizer_(registries.optimizers.create(config.optimizer.name, config.optimizer.params)),
      fused_output_gradient_(loss_->fused_output() == config.model.output.name),
      regularization_(config.regularization) {
  for (std::size_t layer = 0; layer < config.model.hidden.size(); ++layer) {
    const PluginChoice& activation = config.model.hidden_activation(layer);
    hidden_.push_back(registries.activations.create(activation.name, activation.params));
  }
  const Eigen::Index m = data.X.cols();
  for (std::size_t l = 0; l < network_.layer_count(); ++l) {
    const Eigen::Index rows = network_.sizes()[l + 1];
    Z_.emplace_back(rows, m);
    A_.emplace_back(rows, m);
    dA_.emplace_back(rows, m);
    dZ_.emplace_back(rows, m);
  }
  registries.initializers.create(config.model.init.name, config.model.init.params)
      ->initialize(network_.weights(), network_.biases());
  optimizer_->reset(network_.parameters().size());
}

void Trainer::forward() {
  const std::size_t last = network_.layer_count() - 1;
  for (std::size_t l = 0; l <= last; ++l) {
    const Eigen::MatrixXd& input = l == 0 ? data_.X : A_[l - 1];
    Z_[l].noalias() = network_.weight(l) * input;
    Z_[l].colwise() += network_.bias(l).col(0);
    (l == last ? *output_ : *hidden_[l]).forward(Z_[l], A_[l]);
  }
}

void Trainer::backward() {
  const std::size_t last = network_.layer_count() - 1;
  const double inverse_m = 1.0 / static_cast<double>(data_.X.cols());
  if (fused_output_gradient_) {
    dZ_[last] = A_[last] - data_.Y;
  } else {
    loss_->gradient(A_[last], data_.Y, dA_[last]);
    output_->backward(Z_[last], A_[last], dA_[last], dZ_[last]);
  }
  for (std::size_t l = last + 1; l-- > 0;) {
    const Eigen::MatrixXd& input = l == 0 ? data_.X : A_[l - 1];
    const Eigen::MatrixXd& dZ = dZ_[l];
    auto& weight_gradient = network_.weight_gradient(l);
    weight_gradient.noalias() = dZ * input.transpose();
    weight_gradient *= inverse_m;
    if (regularization_.l1 != 0.0) {
      weight_gradient.array() += regularization_.l1 * network_.weight(l).array().sign();
    }
    if (regularization_.l2 != 0.0) weight_gradient += regularization_.l2 * network_.weight(l);
    // db = (1/m) * np.sum(dZ, axis=1): numpy's pairwise order along each row.
    auto& bias_gradient = network_.bias_gradient(l);
    for (Eigen::Index row = 0; row < dZ.rows(); ++row) {
      const auto element = [&](std::size_t k) { return dZ(row, static_cast<Eigen::Index>(k)); };
      bias_gradient(row, 0) = inverse_m * numpy_pairwise_sum(element, dZ.cols());
    }
    if (l > 0) {
      dA_[l - 1].noalias() = network_.weight(l).transpose() * dZ;
      hidden_[l - 1]->backward(Z_[l - 1], A_[l - 1], dA_[l - 1], dZ_[l - 1]);
    }
  }
}

double Trainer::evaluate() {
  forward();
  const double cost = fused_output_gradient_ ? loss_->cost_from_logits(Z_.back(), data_.Y)
                                             : loss_->cost(A_.back(), data_.Y);
  return cost + penalty();
}

double Trainer::penalty() const {
  if (regularization_ == Regularization{}) return 0.0;
  double l1 = 0.0, l2 = 0.0;
  for (std::size_t l = 0; l < network_.layer_count(); ++l) {
    l1 += network_.weight(l).cwiseAbs().sum();
    l2 += network_.weight(l).squaredNorm();
  }
  return regularization_.l1 * l1 + 0.5 * regularization_.l2 * l2;
}

Trainer::Step Trainer::learn() {
  backward();
  if (!network_.gradient().allFinite()) return Step::gradient_not_finite;
  optimizer_->step(network_.parameters(), network_.gradient());
  if (!network_.parameters().allFinite()) return Step::parameters_not_finite;
  return Step::updated;
}

double Trainer::iterate() {
  const double cost = evaluate();
  learn();
  return cost;
}

double Trainer::evaluate_parameters_of(const Trainer& other) {
  network_.parameters() = other.network().parameters();
  return evaluate();
}

double Trainer::accuracy() const {
  return loss_->accuracy(A_.back(), data_.Y);
}

namespace {

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

// Why the run must stop at this iteration, given its cost; empty to go on (and
// then the step has been taken). Only builds a message once something happened.
std::string check_and_learn(Trainer& trainer, double cost, double initial_cost,
                            double blow_up_limit) {
  if (trainer.stable_cost() && !std::isfinite(cost)) {
    return std::string("the cost became ") + (std::isnan(cost) ? "NaN" : "infinite") +
           " (the forward pass overflowed)";
  }
  // Only a finite cost can blow up: an infinite one from log(0) in the unfused
  // path is a saturated output, and its gradient check below decides.
  if (std::isfinite(cost) && cost > blow_up_limit) {
    return "the cost " + number(cost) + " exceeded the blow-up limit " + number(blow_up_limit) +
           " (" + number(kBlowUpFactor) + " times the larger of 1 and the initial cost " +
           number(initial_cost) + "): the outputs became confidently wrong";
  }
  switch (trainer.learn()) {
    case Trainer::Step::updated:
      return {};
    case Trainer::Step::gradient_not_finite:
      return "the gradient of " +
             trainer.network().describe_non_finite(trainer.network().gradient()) +
             " (the update was not applied)";
    case Trainer::Step::parameters_not_finite:
      return "the parameter " +
             trainer.network().describe_non_finite(trainer.network().parameters()) +
             " after the update";
  }
  return {};
}

}  // namespace

RunResult train_run(const Dataset& data, const ExperimentConfig& config,
                    const Registries& registries, const CostLogger& log,
                    const std::atomic<bool>* stop, const Dataset* test) {
  const auto start = std::chrono::steady_clock::now();
  RunResult result;
  try {
    Trainer trainer(data, config, registries);
    // Evaluates the trainer's parameters on the test part, with buffers of its size.
    std::optional<Trainer> tester;
    if (test) tester.emplace(*test, config, registries);
    const TrainConfig& train = config.train;
    result.costs.reserve(
        static_cast<std::size_t>((train.iterations + train.record_every - 1) / train.record_every));
    // Set from the cost at iteration 0 (stays infinite if that is not finite).
    double initial_cost = 0.0;
    double blow_up_limit = std::numeric_limits<double>::infinity();
    std::int64_t i = 0;
    for (; i < train.iterations; ++i) {
      if (stop != nullptr && stop->load(std::memory_order_relaxed)) {
        result.interrupted = true;
        break;
      }
      const double cost = trainer.evaluate();
      if (i % train.record_every == 0) {
        result.costs.push_back(cost);
        if (tester) result.test_costs.push_back(tester->evaluate_parameters_of(trainer));
      }
      if (log && train.log_every > 0 && i % train.log_every == 0) log(i, cost);
      if (i == 0 && std::isfinite(cost)) {
        initial_cost = cost;
        blow_up_limit = kBlowUpFactor * std::max(cost, 1.0);
      }
      const std::string what = check_and_learn(trainer, cost, initial_cost, blow_up_limit);
      if (!what.empty()) {
        result.status = RunStatus::diverged;
        result.message = "diverged at iteration " + std::to_string(i) + ": " + what;
        ++i;  // iteration i ran (its cost is recorded), though its step may not have
        break;
      }
    }
    result.iterations_run = i;
    result.final_cost = trainer.evaluate();
    result.train_accuracy = trainer.accuracy();
    if (tester) {
      result.test_cost = tester->evaluate_parameters_of(trainer);
      result.test_accuracy = tester->accuracy();
    }
    if (result.status == RunStatus::ok && !result.interrupted && trainer.stable_cost() &&
        !std::isfinite(result.final_cost)) {
      // The last update left finite parameters whose forward pass overflows.
      result.status = RunStatus::diverged;
      const std::int64_t last = std::max<std::int64_t>(i - 1, 0);
      result.message = "diverged at iteration " + std::to_string(last) +
                       ": the cost after the last update is not finite";
    }
    result.sizes = trainer.network().sizes();
    result.parameters = trainer.network().parameters();
  } catch (const std::exception& error) {
    result.status = RunStatus::failed;
    result.message = error.what();
  }
  result.wall_time_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace nnsweep
