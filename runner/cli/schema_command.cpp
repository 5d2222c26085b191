// nnsweep schema: the JSON Schema of experiment files, with the plugins of
// any --plugin libraries (a config's own plugins: section is not read here).
#include <iostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/prepare.hpp"
#include "registry/json_schema.hpp"

namespace nnsweep {

int schema_command(const std::vector<std::string>& libraries, const Registries& builtin) {
  Registries registries = builtin;
  if (!add_plugin_libraries(libraries, registries)) return kExitConfigError;
  std::cout << experiment_schema(registries).dump(2) << "\n";
  return kExitOk;
}

}  // namespace nnsweep
