#pragma once
// Running the built nnsweep binary from tests, and scratch folders for its output.
#include <filesystem>
#include <string>
#include <vector>

namespace nnsweep::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs NNSWEEP_BINARY with `arguments` (no shell) in `working_directory`
// (default: the current one) and waits for it.
CliResult run_cli(const std::vector<std::string>& arguments,
                  const std::filesystem::path& working_directory = {});

// A fresh, empty folder that is removed with the object.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // Writes `text` to a file in the folder and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);

// The path of a file in the source tree (configs/seed_moons.yaml, ...).
std::filesystem::path source_path(const std::string& relative);

}  // namespace nnsweep::testing
