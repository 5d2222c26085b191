#include "config/plugin_section.hpp"

#include <algorithm>

#include "config/values.hpp"

namespace nnsweep {
namespace {

const PluginDescription& find_plugin(const ConfigView& name_view, const RegistryBase& registry) {
  if (!name_view.is_scalar() || name_view.scalar().empty()) {
    name_view.fail("expected the name of a " + registry.kind() + " plugin");
  }
  const std::string& name = name_view.scalar();
  if (const PluginDescription* plugin = registry.describe(name)) return *plugin;
  const std::vector<std::string> names = registry.names();
  std::string message = "unknown " + registry.kind() + " '" + name + "'";
  const std::string hint = did_you_mean(name, names);
  if (!hint.empty()) message += "; " + hint;
  message += " (available: " + join_choices(names) + ")";
  name_view.fail(message);
}

std::string owner_text(const RegistryBase& registry, const std::string& name) {
  return registry.kind() + " '" + name + "'";
}

// Where a misplaced parameter belongs: "a parameter of adam and momentum".
std::vector<std::string> plugins_declaring(const RegistryBase& registry, const std::string& key) {
  std::vector<std::string> owners;
  for (const std::string& name : registry.names()) {
    const auto& specs = registry.describe(name)->params;
    if (std::any_of(specs.begin(), specs.end(), [&](const ParamSpec& s) { return s.name == key; }))
      owners.push_back(name);
  }
  return owners;
}

}  // namespace

PluginChoice read_plugin(const std::optional<ConfigView>& view, const RegistryBase& registry,
                         const std::string& default_name, const ConfigView& parent,
                         const std::string& key) {
  if (default_name.empty() && !view) {
    parent.fail("missing '" + key + "': a " + registry.kind() + " plugin name is required");
  }
  if (default_name.empty() && view->is_null() && !view->has_overrides_below()) {
    view->fail("'" + key + "' is empty: it needs a " + registry.kind() + " plugin name");
  }
  if (view && view->is_sequence()) view->fail("expected a " + registry.kind() + " name or a map");

  // The name: `key: tanh`, `key: {name: tanh}`, or the default.
  std::optional<ConfigView> name_view;
  if (view) name_view = view->is_scalar() ? view : view->child("name");
  if (view && view->is_scalar() && view->child("name")) name_view = view->child("name");
  std::string name = default_name;
  const PluginDescription* plugin = nullptr;
  if (name_view) {
    plugin = &find_plugin(*name_view, registry);
  } else if (default_name.empty()) {
    view->fail(key + " needs a 'name:' naming a " + registry.kind() + " plugin");
  } else {
    plugin = registry.describe(default_name);
  }
  name = plugin->name;

  PluginChoice choice{name, default_params(plugin->params)};
  if (!view) return choice;
  const std::string owner = owner_text(registry, name);
  std::optional<ConfigView> own_block;
  for (const std::string& param : view->keys()) {
    if (param == "name") continue;
    const ConfigView value = *view->child(param);
    // Another plugin's name with a map: parameters for when that plugin is
    // chosen. (A plugin may share a name with a parameter, as momentum does.)
    const PluginDescription* nested = registry.describe(param);
    const bool is_block = nested && (value.is_map() || (value.is_null() && value.has_overrides_below()));
    auto spec = std::find_if(plugin->params.begin(), plugin->params.end(),
                             [&](const ParamSpec& s) { return s.name == param; });
    if (spec != plugin->params.end() && !is_block) {
      choice.params.set(param, read_param(value, *spec, owner));
      continue;
    }
    if (is_block) {
      // Checked even when not chosen, so a typo never waits for the sweep that uses it.
      (void)read_section(value, nested->params, owner_text(registry, param));
      if (param == name) own_block = value;
      continue;
    }
    std::string message = "'" + param + "' is not a parameter of " + owner;
    const std::vector<std::string> owners = plugins_declaring(registry, param);
    const std::vector<std::string> names = spec_names(plugin->params);
    if (!owners.empty()) {
      message += "; it belongs to " + join_choices(owners) + ": nest it under that name, as '" +
                 owners.front() + ": {" + param + ": ...}', to use it only when that " +
                 registry.kind() + " is chosen";
    } else if (std::string hint = did_you_mean(param, names); !hint.empty()) {
      message += "; " + hint;
    } else {
      message += names.empty() ? " (it takes none)" : " (it takes " + join_choices(names) + ")";
    }
    view->fail_key(param, message);
  }
  if (own_block) {
    const Params nested = read_section(*own_block, plugin->params, owner);
    for (const std::string& param : own_block->keys()) {
      choice.params.set(param, nested.values().at(param));
    }
  }
  return choice;
}

}  // namespace nnsweep
