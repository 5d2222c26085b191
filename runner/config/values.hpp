#pragma once
// Typed reading of config values against a ParamSpec, with FILE:LINE:COL errors.
#include <string>
#include <vector>

#include "config/config_view.hpp"
#include "registry/params.hpp"

namespace nnsweep {

// The value at `view`, checked against the spec's type and range.
// `owner` names what the parameter belongs to in messages ("optimizer 'gd'").
ParamValue read_param(const ConfigView& view, const ParamSpec& spec, const std::string& owner);

// Reads a map whose keys must all be declared in `specs`; undeclared keys get
// an error with a did-you-mean. Missing keys take their defaults.
Params read_section(const ConfigView& view, const std::vector<ParamSpec>& specs,
                    const std::string& owner);

// The names of the specs, for messages and suggestions.
std::vector<std::string> spec_names(const std::vector<ParamSpec>& specs);

}  // namespace nnsweep
