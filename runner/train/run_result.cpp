#include "train/run_result.hpp"

namespace nnsweep {

std::string status_name(RunStatus status) {
  switch (status) {
    case RunStatus::ok:
      return "ok";
    case RunStatus::diverged:
      return "diverged";
    case RunStatus::failed:
      return "failed";
  }
  return "failed";
}

RunStatus parse_status(const std::string& text) {
  if (text == "ok") return RunStatus::ok;
  if (text == "diverged") return RunStatus::diverged;
  return RunStatus::failed;
}

}  // namespace nnsweep
