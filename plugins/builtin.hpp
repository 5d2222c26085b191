#pragma once
// Explicit registration of every built-in plugin, driven by the one list
// builtin_plugins.def.
//
// Nothing registers itself from a static initialiser: a linker drops object
// files that nothing references from a static library, and their plugins
// would vanish silently.
#include <span>

#include "registry/registry.hpp"

// The list to register; the test of docs/plugins.md builds with its own,
// which adds the guide's example plugin.
#ifndef NNSWEEP_PLUGIN_LIST
#define NNSWEEP_PLUGIN_LIST "builtin_plugins.def"
#endif

namespace nnsweep {

#define NNSWEEP_PLUGIN(kind, name)              \
  namespace kind {                              \
  void register_##name(Registries& registries); \
  }
#include NNSWEEP_PLUGIN_LIST
#undef NNSWEEP_PLUGIN

// One line of the list.
struct BuiltinPlugin {
  const char* kind;  // the folder under plugins/, as the Registries member: "optimizers"
  const char* name;  // the file's name and the plugin's registered name: "adam"
  void (*register_plugin)(Registries& registries);
};

// The list, in its order.
std::span<const BuiltinPlugin> builtin_plugins();

// Registers every plugin of the list. Throws std::invalid_argument when one is
// registered already.
void register_builtin_plugins(Registries& registries);

}  // namespace nnsweep
