#pragma once
// SHA-256 of a file, as `sha256sum` prints it, for the identity of input files:
// a run on an edited CSV must never be taken for a finished one, and users can
// check which file a result came from with `sha256sum FILE`.
#include <string>

namespace nnsweep {

// 64 lowercase hex digits. Throws std::runtime_error when the file cannot be read.
std::string file_sha256(const std::string& path);

}  // namespace nnsweep
