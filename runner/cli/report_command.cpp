// nnsweep report RESULTS.h5 [-o OUT]: runs `python3 -m nnsweep.report` with
// the Python package on PYTHONPATH, and exits with its exit code.
//
// The package is the source tree's python/ when this binary is the build
// tree's, else the installed one under the prefix; NNSWEEP_PYTHONPATH names
// another folder (tests use a stand-in package), and NNSWEEP_PYTHON another
// interpreter than the one configured (NNSWEEP_PYTHON in CMake).
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"

extern char** environ;

namespace nnsweep {
namespace {

namespace fs = std::filesystem;

// What the report needs, as tools/setup.sh's NNSWEEP_REPORT_PACKAGES lists it.
constexpr const char* kPackages =
    "python3 python3-numpy python3-h5py python3-xarray python3-pandas python3-matplotlib";

std::string from_environment(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

// Whether this executable lies under the build tree it was built in.
bool runs_from_build_tree() {
  std::error_code error;
  const fs::path self = fs::canonical("/proc/self/exe", error);
  const fs::path build = fs::weakly_canonical(NNSWEEP_BUILD_DIR, error);
  if (self.empty() || build.empty()) return false;
  const auto [end, ignored] = std::mismatch(build.begin(), build.end(), self.begin(), self.end());
  return end == build.end();
}

std::string package_folder() {
  const std::string built =
      runs_from_build_tree() ? NNSWEEP_SOURCE_PYTHON_DIR : NNSWEEP_INSTALLED_PYTHON_DIR;
  return from_environment("NNSWEEP_PYTHONPATH", built);
}

// Runs `arguments` with `pythonpath` before PYTHONPATH; the exit code, or
// 128 + the signal that ended it.
int run_python(const std::vector<std::string>& arguments, const std::string& pythonpath) {
  const std::string existing = from_environment("PYTHONPATH", "");
  std::vector<std::string> environment{"PYTHONPATH=" + pythonpath +
                                       (existing.empty() ? "" : ":" + existing)};
  for (char** entry = environ; *entry != nullptr; ++entry) {
    if (std::strncmp(*entry, "PYTHONPATH=", 11) != 0) environment.emplace_back(*entry);
  }
  const auto pointers = [](std::vector<std::string>& texts) {
    std::vector<char*> list;
    for (std::string& text : texts) list.push_back(text.data());
    list.push_back(nullptr);
    return list;
  };
  std::vector<std::string> argv_texts = arguments;
  std::vector<char*> argv = pointers(argv_texts), envp = pointers(environment);
  pid_t child = 0;
  if (const int error = posix_spawn(&child, argv[0], nullptr, nullptr, argv.data(), envp.data())) {
    std::cerr << "nnsweep: report: cannot run " << arguments.front() << ": " << std::strerror(error)
              << "\n";
    return kExitError;
  }
  int status = 0;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return kExitError;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

int report_command(const std::string& results, const std::string& out) {
  std::error_code error;
  if (!fs::exists(results, error)) {
    std::cerr << "nnsweep: " << results << " does not exist\n";
    return kExitConfigError;
  }
  const std::string python = from_environment("NNSWEEP_PYTHON", NNSWEEP_PYTHON);
  if (::access(python.c_str(), X_OK) != 0) {
    std::cerr << "nnsweep: report needs Python 3 at " << python
              << ", which is missing; on Debian: sudo apt-get install " << kPackages
              << " (NNSWEEP_PYTHON names another interpreter)\n";
    return kExitError;
  }
  const std::string folder = package_folder();
  if (!fs::is_regular_file(fs::path(folder) / "nnsweep" / "report.py", error)) {
    std::cerr << "nnsweep: report needs the nnsweep Python package, which is not in " << folder
              << " (no nnsweep/report.py); install nnsweep with cmake --install, or set "
              << "NNSWEEP_PYTHONPATH to the folder that holds it. It needs the Debian packages "
              << kPackages << "\n";
    return kExitError;
  }
  std::vector<std::string> arguments{python, "-m", "nnsweep.report", results};
  if (!out.empty()) arguments.insert(arguments.end(), {"-o", out});
  return run_python(arguments, folder);
}

}  // namespace nnsweep
