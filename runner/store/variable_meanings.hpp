#pragma once
// What each variable of the results file means, as the `long_name` and
// `units` attributes that netCDF tools, xarray plots and the CF conventions
// read. docs/results-format.md lists the same meanings in its tables.
#include <string>

namespace nnsweep {

struct Meaning {
  std::string long_name;
  std::string units;  // UDUNITS spelling; empty where a quantity has none
};

// For /summary/NAME: metrics, bookkeeping, curves, key columns (any name
// not otherwise known is taken as a swept or --set key) and their derived columns.
Meaning summary_meaning(const std::string& name);
// For /runs/NAME: identities, seeds (any name not otherwise known is taken as
// a seed key), layer sizes, weights and their index scales.
Meaning runs_meaning(const std::string& name);
// For /datasets/ID/NAME and its dimensions.
Meaning dataset_meaning(const std::string& name);

}  // namespace nnsweep
