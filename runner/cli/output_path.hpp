#pragma once
// Checks on the results path made before any training starts.
#include <string>

namespace nnsweep {

// "" when results can be written to `path`, else what is wrong. Creates the
// default results/ folder when `is_default` and it is missing.
std::string check_output_path(const std::string& path, bool is_default, bool overwrite);

}  // namespace nnsweep
