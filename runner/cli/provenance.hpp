#pragma once
// Where a results file came from: versions, host, time and command line.
#include <map>
#include <string>

namespace nnsweep {

// The root attributes named in kProvenanceKeys (store/results.hpp), except "name" and
// "plugin_libraries" (which the run command adds when it loads any).
std::map<std::string, std::string> provenance(const std::string& command_line);

}  // namespace nnsweep
