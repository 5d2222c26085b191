#include "util/fault_point.hpp"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

namespace nnsweep {

void fault_point(const char* name) {
  static const char* const chosen = std::getenv("NNSWEEP_FAULT_POINT");
  if (chosen == nullptr || std::strcmp(chosen, name) != 0) return;
  const char* action = std::getenv("NNSWEEP_FAULT_ACTION");
  const std::string pause = "pause-";
  if (action != nullptr && std::strncmp(action, pause.c_str(), pause.size()) == 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(std::atol(action + pause.size())));
    return;
  }
  ::kill(::getpid(), SIGKILL);
}

}  // namespace nnsweep
