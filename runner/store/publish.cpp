// Publishing a results file atomically: write beside it, fsync, rename.
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "store/results.hpp"
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

}  // namespace

void publish_results_file(const std::string& path, const Results& results, bool replace) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string temporary =
      (folder / ("." + target.filename().string() + format(".%d.tmp", (int)::getpid()))).string();
  fs::remove(temporary);
  try {
    write_results_file(temporary, results);
    sync_path(temporary, O_RDONLY);
    if (replace) {
      if (::rename(temporary.c_str(), path.c_str()) != 0) {
        throw std::runtime_error("cannot rename into " + path + ": " + std::strerror(errno));
      }
    } else if (::renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, path.c_str(),
                           RENAME_NOREPLACE) != 0) {
      throw std::runtime_error("cannot move the results into " + path + ": " +
                               std::strerror(errno));
    }
    sync_path(folder.string(), O_RDONLY | O_DIRECTORY);
  } catch (...) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw;
  }
}

}  // namespace nnsweep
