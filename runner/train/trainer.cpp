#include "train/trainer.hpp"

#include <cmath>

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
      hidden_(registries.activations.create(config.model.activation.name,
                                            config.model.activation.params)),
      output_(registries.activations.create(config.model.output.name, config.model.output.params)),
      loss_(registries.losses.create(config.loss.name, config.loss.params)),
      optimizer_(registries.optimizers.create(config.optimizer.name, config.optimizer.params)),
      fused_output_gradient_(loss_->fused_output() == config.model.output.name) {
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
    (l == last ? *output_ : *hidden_).forward(Z_[l], A_[l]);
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
    // db = (1/m) * np.sum(dZ, axis=1): numpy's pairwise order along each row.
    auto& bias_gradient = network_.bias_gradient(l);
    for (Eigen::Index row = 0; row < dZ.rows(); ++row) {
      const auto element = [&](std::size_t k) { return dZ(row, static_cast<Eigen::Index>(k)); };
      bias_gradient(row, 0) = inverse_m * numpy_pairwise_sum(element, dZ.cols());
    }
    if (l > 0) {
      dA_[l - 1].noalias() = network_.weight(l).transpose() * dZ;
      hidden_->backward(Z_[l - 1], A_[l - 1], dA_[l - 1], dZ_[l - 1]);
    }
  }
}

double Trainer::evaluate() {
  forward();
  return loss_->cost(A_.back(), data_.Y);
}

double Trainer::iterate() {
  const double cost = evaluate();
  backward();
  optimizer_->step(network_.parameters(), network_.gradient());
  return cost;
}

double Trainer::accuracy() const { return loss_->accuracy(A_.back(), data_.Y); }

RunResult train_run(const Dataset& data, const ExperimentConfig& config,
                    const Registries& registries, const CostLogger& log) {
  const auto start = std::chrono::steady_clock::now();
  RunResult result;
  try {
    Trainer trainer(data, config, registries);
    const TrainConfig& train = config.train;
    result.costs.reserve(static_cast<std::size_t>((train.iterations + train.record_every - 1) /
                                                  train.record_every));
    std::int64_t i = 0;
    for (; i < train.iterations; ++i) {
      const double cost = trainer.iterate();
      if (i % train.record_every == 0) result.costs.push_back(cost);
      if (log && train.log_every > 0 && i % train.log_every == 0) log(i, cost);
      if (!std::isfinite(cost)) {
        result.status = RunStatus::diverged;
        result.message = "cost became " + std::string(std::isnan(cost) ? "NaN" : "infinite") +
                         " at iteration " + std::to_string(i);
        ++i;  // that iteration's update was applied
        break;
      }
    }
    result.iterations_run = i;
    result.final_cost = trainer.evaluate();
    result.train_accuracy = trainer.accuracy();
    if (result.status == RunStatus::ok && !std::isfinite(result.final_cost)) {
      result.status = RunStatus::diverged;
      result.message = "the final cost is not finite";
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
