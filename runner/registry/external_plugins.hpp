#pragma once
// Plugins from shared libraries (nnsweep/plugin.h) as the registries' own
// kinds: their C descriptions become PluginDescriptions, their functions the
// methods of Activation and Optimizer objects.
//
// An error a plugin function reports (NNSWEEP_ERROR) becomes a
// std::runtime_error naming the plugin and carrying its message: a run whose
// plugin fails ends as a failed run with that message.
#include <string>

#include "nnsweep/plugin.h"
#include "registry/registry.hpp"

namespace nnsweep {

// Where a library's plugins come from, recorded in each one's description.
struct LibrarySource {
  std::string path;    // absolute
  std::string sha256;  // of the file's contents
};

// Adds the plugin to `registries` (throws std::invalid_argument for a name
// already taken, or for a declaration that is not valid: an unknown
// parameter type, a default outside its range, a missing function).
void add_external_activation(Registries& registries, const nnsweep_activation& plugin,
                             const LibrarySource& source);
void add_external_optimizer(Registries& registries, const nnsweep_optimizer& plugin,
                            const LibrarySource& source);

}  // namespace nnsweep
