#pragma once
// Which file a path names (its device and inode, not following a final
// symbolic link): to tell, just before replacing a path, whether it still
// names the file that was checked earlier.
#include <sys/types.h>

#include <optional>
#include <string>

namespace nnsweep {

struct FileIdentity {
  dev_t device = 0;
  ino_t inode = 0;
  bool operator==(const FileIdentity&) const = default;
};

// nullopt when nothing is at the path.
std::optional<FileIdentity> file_identity(const std::string& path);

}  // namespace nnsweep
