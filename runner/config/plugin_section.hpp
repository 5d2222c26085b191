#pragma once
// Reading a plugin section: `activation: tanh`, or a map with `name:` and the
// chosen plugin's parameters, or parameters nested under a plugin's name that
// apply only when that plugin is chosen:
//
//   optimizer:
//     name: gd
//     learning_rate: 0.1
//     adam: {beta1: 0.8}     # used only when a sweep switches name to adam
#include <string>

#include "config/config_view.hpp"
#include "config/experiment.hpp"

namespace nnsweep {

// `view` may be missing (nullopt) when `default_name` is non-empty.
PluginChoice read_plugin(const std::optional<ConfigView>& view, const RegistryBase& registry,
                         const std::string& default_name, const ConfigView& parent,
                         const std::string& key);

}  // namespace nnsweep
