#pragma once
// The results file while a session writes it (".OUT.PID.tmp" beside OUT).
#include <filesystem>
#include <string>
#include <utility>

namespace nnsweep {

// Removes the file being written unless it was published: an interrupted,
// failed or refused session leaves nothing behind.
class TemporaryFile {
 public:
  explicit TemporaryFile(std::string path) : path_(std::move(path)) {}
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() {
    std::error_code ignored;
    if (!published_) std::filesystem::remove(path_, ignored);
  }
  const std::string& path() const { return path_; }
  void published() { published_ = true; }

 private:
  std::string path_;
  bool published_ = false;
};

}  // namespace nnsweep
