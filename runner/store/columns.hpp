#pragma once
// Summary columns for swept keys. Values arrive as YAML text ("0.1", "[20, 20]",
// "tanh") and are stored with the narrowest type that holds every run's value:
// int64, then float64, then uint8 for booleans, else variable-length UTF-8.
#include <string>
#include <vector>

#include "store/h5.hpp"

namespace nnsweep {

h5::Handle write_column(hid_t group, const std::string& name,
                        const std::vector<std::string>& texts);
// The column's values as text again, as the runner wrote them: shortest
// round-trip numbers, floats with a decimal point, "" for a missing value.
std::vector<std::string> read_column(hid_t group, const std::string& name);

}  // namespace nnsweep
