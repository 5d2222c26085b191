#pragma once
// The declared settings of the sections that are not plugins: what the
// loader reads (config/train_section.cpp, config/experiment.cpp) and what
// `nnsweep schema` describes (registry/json_schema_settings.cpp), declared
// once, as plugins declare theirs.
#include <vector>

#include "registry/params.hpp"

namespace nnsweep {

// `train:`. batch_size also takes the text `full` (the default), which its
// integer spec cannot say: its readers handle that word first.
const std::vector<ParamSpec>& train_specs();
// `train.early_stopping:` (or `true` for these defaults).
const std::vector<ParamSpec>& early_stopping_specs();
// `regularization:`.
const std::vector<ParamSpec>& regularization_specs();
// `model.hidden`.
const ParamSpec& hidden_spec();

}  // namespace nnsweep
