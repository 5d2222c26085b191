#include "builtin.hpp"

namespace nnsweep {

void register_builtin_plugins(Registries& registries) {
  register_moons(registries);
  register_tanh(registries);
  register_sigmoid(registries);
  register_relu(registries);
  register_normal_initializer(registries);
  register_binary_cross_entropy(registries);
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
