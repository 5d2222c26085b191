#pragma once
// Loading plugins from shared libraries (nnsweep/plugin.h) into the registries.
//
// A library is opened once per process and stays loaded until the process
// ends: its plugins' functions may be called by any run until then.
#include <stdexcept>
#include <string>

#include "registry/external_plugins.hpp"

namespace nnsweep {

// A library that cannot be used, with a message that says why and what to do:
// a missing or unloadable file, no nnsweep_plugin entry point, another ABI
// version, a registration that failed or a name already taken.
class PluginLoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Opens the library at `path` (made absolute), checks its ABI version and
// adds its plugins to `registries`. Returns where they came from. Loading the
// same file twice into the same registries is an error (its names are taken).
LibrarySource load_plugin_library(const std::string& path, Registries& registries);

}  // namespace nnsweep
