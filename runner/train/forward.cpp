#include "train/forward.hpp"

#include "train/dense.hpp"

namespace nnsweep {

ForwardPass::ForwardPass(const ExperimentConfig& config, const Registries& registries,
                         const std::vector<Eigen::Index>& sizes, Eigen::Index capacity)
    : output_(registries.activations.create(config.model.output.name, config.model.output.params)),
      loss_(registries.losses.create(config.loss.name, config.loss.params)),
      fused_(registries.losses.describe(config.loss.name)->traits.fused_output ==
             config.model.output.name) {
  const auto describe = [&](const std::string& name) {
    const PluginTraits& traits = registries.activations.describe(name)->traits;
    elementwise_.push_back(traits.elementwise);
    derivative_.push_back(traits.elementwise ? traits.derivative : DerivativeFromOutput::none);
  };
  for (std::size_t layer = 0; layer < config.model.hidden.size(); ++layer) {
    const PluginChoice& activation = config.model.hidden_activation(layer);
    hidden_.push_back(registries.activations.create(activation.name, activation.params));
    describe(activation.name);
  }
  describe(config.model.output.name);
  for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
    Z_.emplace_back(sizes[l + 1], capacity);
    A_.emplace_back(sizes[l + 1], capacity);
  }
}

void ForwardPass::run(const Network& network, const ConstBlock& X, const InputRows* rows) {
  columns_ = X.cols();
  for (std::size_t l = 0; l < layers(); ++l) {
    if (l == 0) {
      dense_forward(network.weight(l), network.bias(l), X, Z(l), rows);
    } else {
      dense_forward(network.weight(l), network.bias(l), A(l - 1), Z(l));
    }
    activate(l);
  }
}

namespace {

// A layer's leading columns as one column of all their values.
Eigen::Map<Eigen::MatrixXd> flat(Eigen::Map<Eigen::MatrixXd> block) {
  return {block.data(), block.size(), 1};
}

}  // namespace

void ForwardPass::activate(std::size_t l) {
  if (elementwise_[l]) {
    activation(l).forward(flat(Z(l)), flat(A(l)));
  } else {
    activation(l).forward(Z(l), A(l));
  }
}

void ForwardPass::differentiate(std::size_t l, Eigen::Map<Eigen::MatrixXd> dA,
                                Eigen::Map<Eigen::MatrixXd> dZ, Eigen::Index first) {
  const Eigen::Index rows = Z_[l].rows(), count = dA.cols();
  const Eigen::Map<Eigen::MatrixXd> Z(Z_[l].data() + first * rows, rows, count);
  const Eigen::Map<Eigen::MatrixXd> A(A_[l].data() + first * rows, rows, count);
  if (elementwise_[l]) {
    activation(l).backward(flat(Z), flat(A), flat(dA), flat(dZ));
  } else {
    activation(l).backward(Z, A, dA, dZ);
  }
}

double ForwardPass::loss(const ConstBlock& Y) const {
  return fused_ ? loss_->cost_from_logits(leading(Z_.back()), Y) : loss_->cost(output(), Y);
}

double weight_penalty(const Network& network, const Regularization& regularization) {
  if (regularization == Regularization{}) return 0.0;
  double l1 = 0.0, l2 = 0.0;
  for (std::size_t l = 0; l < network.layer_count(); ++l) {
    l1 += network.weight(l).cwiseAbs().sum();
    l2 += network.weight(l).squaredNorm();
  }
  return regularization.l1 * l1 + 0.5 * regularization.l2 * l2;
}

}  // namespace nnsweep
