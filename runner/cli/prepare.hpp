#pragma once
// Loading, expanding and validating an experiment, shared by run, validate and plan.
#include <memory>

#include "cli/commands.hpp"
#include "config/plugin_libraries.hpp"
#include "sweep/resolve.hpp"

namespace nnsweep {

struct Prepared {
  ConfigDocument document;
  // The registries given to prepare() with the plugins of the --plugin and
  // plugins: libraries added, and those libraries.
  Registries registries;
  std::vector<LibrarySource> libraries;
  std::unique_ptr<Plan> plan;
  std::unique_ptr<PlanResolver> resolver;
};

// Throws ConfigError. The resolver keeps a reference to prepared->registries.
std::unique_ptr<Prepared> prepare(const ConfigArguments& arguments, const Registries& registries);

// Adds the plugins of `libraries` (--plugin) to `registries`, for the
// commands without a config (plugins, schema). False once a library's error
// has been printed (the caller exits with the config-error code).
bool add_plugin_libraries(const std::vector<std::string>& libraries, Registries& registries);

// Prints the error as FILE:LINE:COL: message and returns the config-error exit code.
int report_config_error(const ConfigError& error);
// Prints a dataset that cannot be made, as FILE:LINE: message when a file is
// to blame, and returns the config-error exit code.
int report_data_error(const DataError& error);

}  // namespace nnsweep
