#include "cli/stop_signals.hpp"

#include <csignal>

namespace nnsweep {
namespace {

// Lock-free atomics are safe to set from a signal handler.
std::atomic<bool> stop_requested{false};
std::atomic<int> stop_signal{0};
struct sigaction previous_int, previous_term;

void on_stop_signal(int number) {
  stop_signal.store(number);
  stop_requested.store(true);
  // The next one is not caught: a user pressing Ctrl-C twice means it.
  std::signal(number, SIG_DFL);
}

}  // namespace

StopSignals::StopSignals() {
  static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free);
  stop_requested.store(false);
  stop_signal.store(0);
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &previous_int);
  sigaction(SIGTERM, &action, &previous_term);
}

StopSignals::~StopSignals() {
  sigaction(SIGINT, &previous_int, nullptr);
  sigaction(SIGTERM, &previous_term, nullptr);
}

const std::atomic<bool>* StopSignals::flag() const {
  return &stop_requested;
}

int StopSignals::received() const {
  return stop_signal.load();
}

}  // namespace nnsweep
