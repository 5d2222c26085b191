#pragma once
// The parts of a results file other than /runs: the root attributes, /config,
// /summary and /datasets, written once every run is known.
#include "store/h5.hpp"
#include "store/results.hpp"

namespace nnsweep {

void write_results_body(hid_t file, const Results& results);

}  // namespace nnsweep
