// Publishing a results file atomically: write beside it, fsync, rename.
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "store/results.hpp"
#include "util/fault_point.hpp"
#include "util/format.hpp"

namespace nnsweep {
namespace {

void sync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  const int status = ::fsync(fd);
  ::close(fd);
  if (status != 0) throw std::runtime_error("cannot sync " + path + ": " + std::strerror(errno));
}

// Temporary files of earlier processes that died while publishing to `target`
// (".NAME.PID.tmp" whose PID no longer runs): nothing else would ever remove them.
void remove_stale_temporaries(const std::filesystem::path& folder, const std::string& name) {
  namespace fs = std::filesystem;
  const std::string prefix = "." + name + ".";
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    const std::string file = entry.path().filename().string();
    if (file.size() <= prefix.size() + 4 || file.compare(0, prefix.size(), prefix) != 0 ||
        file.compare(file.size() - 4, 4, ".tmp") != 0) {
      continue;
    }
    const std::string pid_text = file.substr(prefix.size(), file.size() - prefix.size() - 4);
    if (pid_text.find_first_not_of("0123456789") != std::string::npos || pid_text.empty()) continue;
    const auto pid = static_cast<pid_t>(std::stol(pid_text));
    if (pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH) fs::remove(entry.path(), error);
  }
}

}  // namespace

std::string prepare_temporary(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string temporary =
      (folder / ("." + target.filename().string() + format(".%d.tmp", (int)::getpid()))).string();
  remove_stale_temporaries(folder, target.filename().string());
  fs::remove(temporary);
  return temporary;
}

void publish_temporary(const std::string& temporary, const std::string& path, bool replace,
                       const std::optional<FileIdentity>& expected) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  try {
    sync_path(temporary, O_RDONLY);
    fault_point("after_temporary_sync");
    if (replace && expected) {
      // The last moment to see what would be replaced. (Another process could
      // still rename onto the path between this check and the rename; no
      // nnsweep session can, as it publishes under the journal's lock.)
      const std::optional<FileIdentity> now = file_identity(path);
      if (now && *now != *expected) {
        throw std::runtime_error(path + " was replaced by another process while this session ran");
      }
    }
    if (replace) {
      if (::rename(temporary.c_str(), path.c_str()) != 0) {
        throw std::runtime_error("cannot rename into " + path + ": " + std::strerror(errno));
      }
    } else if (::renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) !=
               0) {
      throw std::runtime_error("cannot move the results into " + path + ": " +
                               std::strerror(errno));
    }
    fault_point("after_rename");
    sync_path(folder.string(), O_RDONLY | O_DIRECTORY);
  } catch (...) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw;
  }
}

void publish_results_file(const std::string& path, const Results& results, bool replace) {
  const std::string temporary = prepare_temporary(path);
  try {
    write_results_file(temporary, results);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw;
  }
  publish_temporary(temporary, path, replace);
}

}  // namespace nnsweep
