// nnsweep plugins [KIND]: every plugin with its declared parameters.
#include <algorithm>
#include <iostream>

#include "builtin.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "config/config_error.hpp"

namespace nnsweep {

int plugins_command(const std::string& kind) {
  const Registries& registries = builtin_registries();
  std::vector<std::string> kinds;
  for (const RegistryBase* registry : registries.all()) kinds.push_back(registry->kind());
  if (!kind.empty() && std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
    std::string hint = did_you_mean(kind, kinds);
    std::cerr << "nnsweep: unknown plugin kind '" << kind << "'"
              << (hint.empty() ? "" : "; " + hint) << " (kinds: " << join_choices(kinds) << ")\n";
    return kExitConfigError;
  }
  bool first = true;
  for (const RegistryBase* registry : registries.all()) {
    if (!kind.empty() && registry->kind() != kind) continue;
    if (!first) std::cout << "\n";
    first = false;
    const std::string& kind_name = registry->kind();
    std::cout << kind_name << (kind_name.back() == 's' ? "es" : "s") << ":\n";
    for (const std::string& name : registry->names()) {
      const PluginDescription& plugin = *registry->describe(name);
      std::cout << "  " << name << "  " << plugin.summary << "\n";
      for (const ParamSpec& spec : plugin.params) {
        std::string range = range_text(spec);
        std::cout << "      " << spec.name << " (" << type_name(spec.type)
                  << ", default " << value_text(spec.default_value)
                  << (range.empty() ? "" : ", in " + range) << "): " << spec.description << "\n";
      }
    }
  }
  return kExitOk;
}

}  // namespace nnsweep
