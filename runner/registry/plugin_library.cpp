#include "registry/plugin_library.hpp"

#include <dlfcn.h>

#include <cstring>
#include <filesystem>

#include "util/sha256.hpp"

namespace nnsweep {
namespace {

struct HostContext {
  Registries* registries;
  const LibrarySource* source;
};

// Copies a message into the plugin's error buffer, truncated to fit.
void write_error(nnsweep_error* error, const std::string& message) {
  if (!error) return;
  const std::size_t size = std::min(message.size(), sizeof error->message - 1);
  std::memcpy(error->message, message.data(), size);
  error->message[size] = '\0';
}

template <class Plugin, class Add>
int add_plugin(void* context, const Plugin* plugin, nnsweep_error* error, Add add) {
  // No exception may cross back into the library.
  try {
    if (!plugin) throw std::invalid_argument("a NULL plugin description");
    const auto& host = *static_cast<const HostContext*>(context);
    add(*host.registries, *plugin, *host.source);
    return NNSWEEP_OK;
  } catch (const std::exception& failure) {
    write_error(error, failure.what());
  } catch (...) {
    write_error(error, "unknown error");
  }
  return NNSWEEP_ERROR;
}

int add_activation(void* context, const nnsweep_activation* plugin, nnsweep_error* error) {
  return add_plugin(context, plugin, error, add_external_activation);
}
int add_optimizer(void* context, const nnsweep_optimizer* plugin, nnsweep_error* error) {
  return add_plugin(context, plugin, error, add_external_optimizer);
}

}  // namespace

LibrarySource load_plugin_library(const std::string& path, Registries& registries) {
  std::error_code ignored;
  const std::string absolute = std::filesystem::absolute(path, ignored).lexically_normal().string();
  if (!std::filesystem::is_regular_file(absolute, ignored)) {
    throw PluginLoadError("plugin library " + absolute + " does not exist");
  }
  LibrarySource source{absolute, file_sha256(absolute)};
  // RTLD_LOCAL: two libraries may define the same symbols without clashing.
  void* handle = dlopen(absolute.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* reason = dlerror();
    throw PluginLoadError("cannot load plugin library " + absolute + ": " +
                          (reason ? reason : "unknown reason"));
  }
  using Entry = const nnsweep_plugin_library* (*)();
  const auto entry = reinterpret_cast<Entry>(dlsym(handle, "nnsweep_plugin"));
  if (!entry) {
    dlclose(handle);
    throw PluginLoadError(absolute +
                          " has no nnsweep_plugin() entry point: is it an nnsweep plugin "
                          "library (nnsweep/plugin.h)?");
  }
  const nnsweep_plugin_library* library = entry();
  if (!library || library->abi_version != NNSWEEP_PLUGIN_ABI_VERSION ||
      !library->register_plugins) {
    const std::string built = library ? std::to_string(library->abi_version) : "none";
    dlclose(handle);
    throw PluginLoadError(absolute + " was built for plugin ABI version " + built +
                          ", and this nnsweep has version " +
                          std::to_string(NNSWEEP_PLUGIN_ABI_VERSION) +
                          ": rebuild it against this nnsweep's nnsweep/plugin.h");
  }
  // Registered into a copy, so that a library that fails halfway adds nothing.
  Registries extended = registries;
  HostContext context{&extended, &source};
  const nnsweep_host host{NNSWEEP_PLUGIN_ABI_VERSION, &context, add_activation, add_optimizer};
  nnsweep_error error{};
  if (library->register_plugins(&host, &error) != NNSWEEP_OK) {
    // Left loaded: the library may have kept pointers to itself somewhere.
    const std::string message(error.message, strnlen(error.message, sizeof error.message));
    throw PluginLoadError("the plugins of " + absolute + " could not be registered: " +
                          (message.empty() ? "no message" : message));
  }
  registries = std::move(extended);
  return source;
}

}  // namespace nnsweep
