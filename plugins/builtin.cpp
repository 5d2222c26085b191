#include "builtin.hpp"

namespace nnsweep {

namespace {

constexpr BuiltinPlugin kBuiltinPlugins[] = {
#define NNSWEEP_PLUGIN(kind, name) {#kind, #name, &kind::register_##name},
#include NNSWEEP_PLUGIN_LIST
#undef NNSWEEP_PLUGIN
};

}  // namespace

std::span<const BuiltinPlugin> builtin_plugins() {
  return kBuiltinPlugins;
}

void register_builtin_plugins(Registries& registries) {
  for (const BuiltinPlugin& plugin : kBuiltinPlugins) plugin.register_plugin(registries);
}

}  // namespace nnsweep
