#pragma once
// SIGINT and SIGTERM ask a sweep to stop cleanly: finished runs stay in the
// journal and the process exits with 128 + the signal's number. A second
// signal ends the process at once, as without this.
#include <atomic>

namespace nnsweep {

class StopSignals {
 public:
  StopSignals();   // installs the handlers
  ~StopSignals();  // restores the previous ones
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  const std::atomic<bool>* flag() const;
  int received() const;  // the signal number, 0 if none
};

}  // namespace nnsweep
