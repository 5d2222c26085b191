#pragma once
// Explicit registration of every built-in plugin.
//
// Each plugin file defines one register_* function; register_builtin_plugins calls
// them all. Nothing registers itself from a static initialiser, so a plugin can
// never be silently dropped by the linker.
#include "registry/registry.hpp"

namespace nnsweep {

void register_builtin_plugins(Registries& registries);

// The registries with every built-in plugin, built once on first use.
const Registries& builtin_registries();

void register_moons(Registries& registries);
void register_circles(Registries& registries);
void register_blobs(Registries& registries);
void register_xor(Registries& registries);
void register_spiral(Registries& registries);
void register_gaussian_quantiles(Registries& registries);
void register_classification(Registries& registries);
void register_friedman1(Registries& registries);
void register_csv(Registries& registries);
void register_hdf5(Registries& registries);
void register_identity(Registries& registries);
void register_tanh(Registries& registries);
void register_sigmoid(Registries& registries);
void register_relu(Registries& registries);
void register_leaky_relu(Registries& registries);
void register_elu(Registries& registries);
void register_selu(Registries& registries);
void register_softplus(Registries& registries);
void register_softsign(Registries& registries);
void register_gelu(Registries& registries);
void register_silu(Registries& registries);
void register_mish(Registries& registries);
void register_hard_sigmoid(Registries& registries);
void register_hard_tanh(Registries& registries);
void register_softmax(Registries& registries);
void register_normal_initializer(Registries& registries);
void register_uniform_initializer(Registries& registries);
void register_xavier_normal(Registries& registries);
void register_xavier_uniform(Registries& registries);
void register_he_normal(Registries& registries);
void register_he_uniform(Registries& registries);
void register_lecun_normal(Registries& registries);
void register_orthogonal(Registries& registries);
void register_binary_cross_entropy(Registries& registries);
void register_categorical_cross_entropy(Registries& registries);
void register_mse(Registries& registries);
void register_gd(Registries& registries);
void register_momentum(Registries& registries);
void register_adam(Registries& registries);

}  // namespace nnsweep
