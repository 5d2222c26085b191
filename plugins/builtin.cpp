#include "builtin.hpp"

namespace nnsweep {

void register_builtin_plugins(Registries& registries) {
  register_moons(registries);
  register_circles(registries);
  register_blobs(registries);
  register_xor(registries);
  register_spiral(registries);
  register_gaussian_quantiles(registries);
  register_classification(registries);
  register_friedman1(registries);
  register_csv(registries);
  register_hdf5(registries);
  register_identity(registries);
  register_tanh(registries);
  register_sigmoid(registries);
  register_relu(registries);
  register_leaky_relu(registries);
  register_elu(registries);
  register_selu(registries);
  register_softplus(registries);
  register_softsign(registries);
  register_gelu(registries);
  register_silu(registries);
  register_mish(registries);
  register_hard_sigmoid(registries);
  register_hard_tanh(registries);
  register_softmax(registries);
  register_normal_initializer(registries);
  register_uniform_initializer(registries);
  register_xavier_normal(registries);
  register_xavier_uniform(registries);
  register_he_normal(registries);
  register_he_uniform(registries);
  register_lecun_normal(registries);
  register_orthogonal(registries);
  register_binary_cross_entropy(registries);
  register_categorical_cross_entropy(registries);
  register_mse(registries);
  register_gd(registries);
  register_momentum(registries);
  register_adam(registries);
}

const Registries& builtin_registries() {
  static const Registries registries = [] {
    Registries built;
    register_builtin_plugins(built);
    return built;
  }();
  return registries;
}

}  // namespace nnsweep
