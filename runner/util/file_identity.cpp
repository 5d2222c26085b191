#include "util/file_identity.hpp"

#include <sys/stat.h>

namespace nnsweep {

std::optional<FileIdentity> file_identity(const std::string& path) {
  struct stat status {};
  if (::lstat(path.c_str(), &status) != 0) return std::nullopt;
  return FileIdentity{status.st_dev, status.st_ino};
}

}  // namespace nnsweep
