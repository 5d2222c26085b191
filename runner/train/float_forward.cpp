#include "train/float_forward.hpp"

namespace nnsweep {
namespace {

// A layer's leading columns as one column of all their values, for an
// element-wise activation (PluginTraits::elementwise).
template <class Map>
Map flat(Map block) {
  return {block.data(), block.size(), 1};
}

}  // namespace

FloatForward::FloatForward(const ForwardPass& plugins, const std::vector<Eigen::Index>& sizes,
                           Eigen::Index capacity)
    : plugins_(plugins) {
  for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
    W_.emplace_back(sizes[l + 1], sizes[l]);
    Wt_.emplace_back(sizes[l], sizes[l + 1]);
    b_.emplace_back(sizes[l + 1], 1);
    Z_.emplace_back(sizes[l + 1], capacity);
    A_.emplace_back(sizes[l + 1], capacity);
  }
}

void FloatForward::run(const Network& network, const ConstFloatRef& X, const FloatInputRows* rows) {
  columns_ = X.cols();
  for (std::size_t l = 0; l < layers(); ++l) {
    W_[l] = network.weight(l).cast<float>();
    Wt_[l] = W_[l].transpose();
    b_[l] = network.bias(l).cast<float>();
    FloatMap Z = leading(Z_[l]);
    if (l == 0) {
      float_dense_forward(W_[l], b_[l], X, Z, rows);
    } else {
      float_dense_forward(W_[l], b_[l], A(l - 1), Z);
    }
    const Activation& activation = plugins_.activation(l);
    if (plugins_.elementwise(l)) {
      activation.forward_float(flat(Z), flat(A(l)));
    } else {
      activation.forward_float(Z, A(l));
    }
  }
}

double FloatForward::loss(const ConstFloatRef& Y) const {
  const Loss& loss = plugins_.loss_plugin();
  return plugins_.fused() ? loss.cost_from_logits_float(leading(Z_.back()), Y)
                          : loss.cost_float(output(), Y);
}

void FloatForward::differentiate(std::size_t l, FloatMap dA, FloatMap dZ,
                                 Eigen::Index first) const {
  const Eigen::Index rows = Z_[l].rows(), count = dA.cols();
  const ConstFloatMap Z(Z_[l].data() + first * rows, rows, count);
  const ConstFloatMap A(A_[l].data() + first * rows, rows, count);
  const Activation& activation = plugins_.activation(l);
  if (plugins_.elementwise(l)) {
    activation.backward_float(flat(Z), flat(A), flat(dA), flat(dZ));
  } else {
    activation.backward_float(Z, A, dA, dZ);
  }
}

}  // namespace nnsweep
