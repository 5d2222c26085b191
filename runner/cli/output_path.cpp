#include "cli/output_path.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "util/format.hpp"

namespace nnsweep {

std::string check_output_folder(const std::string& path, bool is_default) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  std::error_code error;
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (is_default && !fs::exists(folder, error)) fs::create_directories(folder, error);
  if (!fs::is_directory(folder, error)) {
    return "the output folder " + folder.string() + " does not exist";
  }
  // Permission bits do not bind root, so ask the file system itself.
  const std::string probe =
      (folder / ("." + target.filename().string() + format(".%d.probe", (int)::getpid()))).string();
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {
    return "cannot write to the output folder " + folder.string() + ": " + std::strerror(errno);
  }
  ::close(fd);
  ::unlink(probe.c_str());
  return "";
}

}  // namespace nnsweep
