#pragma once
// The shared libraries an experiment loads plugins from: those named by
// --plugin and those a config lists under its top-level `plugins:` key.
#include <string>
#include <vector>

#include "config/loader.hpp"
#include "registry/plugin_library.hpp"

namespace nnsweep {

// Loads each --plugin library, then each library of the document's plugins:
// list, into `registries`, and returns them in that order. A library named
// twice (by the same absolute path) is loaded once. Throws ConfigError: for a
// --plugin library its source is "--plugin PATH"; for a listed one, the
// FILE:LINE:COL of its entry. A relative listed path starts from the config
// file's folder, a relative --plugin path from the working directory.
std::vector<LibrarySource> load_plugin_libraries(const std::vector<std::string>& command_line,
                                                 const ConfigDocument* document,
                                                 Registries& registries);

// One "SHA256  PATH" line per library (sha256sum's format), for provenance.
std::string libraries_text(const std::vector<LibrarySource>& libraries);

}  // namespace nnsweep
