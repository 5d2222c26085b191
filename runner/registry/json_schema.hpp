#pragma once
// The JSON Schema (draft-07) of an experiment file, generated from the
// plugins' declarations, for `nnsweep schema`: editors that speak
// yaml-language-server complete and check configs with it, and scripts
// validate them (python3-jsonschema).
//
// It follows what config/ and sweep/ accept:
//  - each plugin section (dataset, model.activation, model.output, model.init,
//    loss, optimizer, schedule) is a plugin name, or a map with `name` (which
//    may be left out where the section has a default plugin), that plugin's
//    parameters with their types, defaults, ranges and descriptions, and
//    blocks of parameters under other plugins' names (used when that plugin
//    is chosen); model.activation may also be a list, one per hidden layer;
//  - train, regularization and model have their keys, types and ranges, and
//    train gives iterations or epochs, not both;
//  - sweep has grid, zip, list and random. Their keys are the dotted keys a
//    sweep may set: every section and its settings, each plugin section's
//    name, each parameter any of its plugins declares (PARAM) and each
//    plugin's own (PLUGIN.PARAM); a key outside them is an error, and every
//    value listed or drawn by choice is checked as that key's values are.
//    Distributions are the ones sweep/random_axis.cpp reads, with W&B's
//    min/max and log_uniform_values.
// What it cannot say, the loader still checks: that zip lists have equal
// lengths, that a parameter swept as PARAM belongs to the plugin each run
// chooses, that output and loss fit together, that files exist.
#include <nlohmann/json.hpp>

#include "registry/registry.hpp"

namespace nnsweep {

nlohmann::ordered_json experiment_schema(const Registries& registries);

// The schema of one declared parameter: type, default, range, choices, description.
nlohmann::ordered_json param_schema(const ParamSpec& spec);

// Adds model, train and regularization to `definitions`, and their sweepable
// keys to `keys` (registry/json_schema_settings.cpp).
void add_settings_schemas(nlohmann::ordered_json& definitions, nlohmann::ordered_json& keys);

// The sweep section, given each sweepable key's schema of one value; adds the
// definitions it refers to (registry/json_schema_sweep.cpp).
nlohmann::ordered_json sweep_schema(const nlohmann::ordered_json& value_of_key,
                                    nlohmann::ordered_json& definitions);

}  // namespace nnsweep
