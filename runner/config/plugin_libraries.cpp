#include "config/plugin_libraries.hpp"

#include <algorithm>
#include <filesystem>

namespace nnsweep {
namespace {

namespace fs = std::filesystem;

std::string absolute_path(const std::string& written, const std::string& base_dir) {
  std::error_code ignored;
  fs::path path(written);
  if (path.is_relative()) {
    path = (base_dir.empty() ? fs::current_path(ignored) : fs::path(base_dir)) / path;
  }
  return fs::absolute(path, ignored).lexically_normal().string();
}

bool already_loaded(const std::vector<LibrarySource>& loaded, const std::string& path) {
  return std::any_of(loaded.begin(), loaded.end(),
                     [&](const LibrarySource& source) { return source.path == path; });
}

void load_listed(const ConfigView& list, Registries& registries,
                 std::vector<LibrarySource>& loaded) {
  if (list.is_null()) return;
  if (!list.is_sequence()) {
    list.fail("plugins must be a list of shared library paths ([path/to/libmine.so])");
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const ConfigView entry = list.element(i);
    if (!entry.is_scalar() || entry.scalar().empty()) {
      entry.fail("each entry of plugins must be the path of a shared library");
    }
    const std::string path = absolute_path(entry.scalar(), list.base_dir());
    if (already_loaded(loaded, path)) continue;
    try {
      loaded.push_back(load_plugin_library(path, registries));
    } catch (const PluginLoadError& error) {
      entry.fail(error.what());
    }
  }
}

}  // namespace

std::vector<LibrarySource> load_plugin_libraries(const std::vector<std::string>& command_line,
                                                 const ConfigDocument* document,
                                                 Registries& registries) {
  std::vector<LibrarySource> loaded;
  for (const std::string& written : command_line) {
    const std::string path = absolute_path(written, "");
    if (already_loaded(loaded, path)) continue;
    try {
      loaded.push_back(load_plugin_library(path, registries));
    } catch (const PluginLoadError& error) {
      // Line 0: an argument has no position to point at.
      throw ConfigError(SourceLocation{"--plugin " + written, 0, 0}, error.what());
    }
  }
  if (document) {
    if (auto list = document->view().child("plugins")) load_listed(*list, registries, loaded);
  }
  return loaded;
}

std::string libraries_text(const std::vector<LibrarySource>& libraries) {
  std::string text;
  for (const LibrarySource& library : libraries) {
    text += library.sha256 + "  " + library.path + "\n";
  }
  return text;
}

}  // namespace nnsweep
