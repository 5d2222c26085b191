#include "builtin_registries.hpp"

namespace nnsweep {

const Registries& builtin_registries() {
  static const Registries registries = [] {
    Registries built;
    register_builtin_plugins(built);
    return built;
  }();
  return registries;
}

}  // namespace nnsweep
