#pragma once
// A request nnsweep declines before changing anything: an output that holds
// another experiment, a busy journal, parts of different sweeps. The CLI maps
// it to exit code 2; every other exception from this module is an I/O or
// runtime failure (exit code 1).
#include <stdexcept>

namespace nnsweep {

class Refusal : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace nnsweep
