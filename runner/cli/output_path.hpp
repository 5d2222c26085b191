#pragma once
// Checks on the results path made before any training starts.
#include <string>

namespace nnsweep {

// "" when a results file can be created beside `path`, else what is wrong.
// Creates the default results/ folder when `is_default` and it is missing.
std::string check_output_folder(const std::string& path, bool is_default);

}  // namespace nnsweep
