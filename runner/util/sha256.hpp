#pragma once
// SHA-256 of a file, as `sha256sum` prints it, for the identity of input files:
// a run on an edited CSV must never be taken for a finished one, and users can
// check which file a result came from with `sha256sum FILE`.
//
// Our own implementation of FIPS 180-4 rather than OpenSSL's: linking
// libcrypto only for this cost every start of nnsweep about 4000 symbol
// lookups in the dynamic loader (libcrypto binds all of them at load time),
// whether or not the experiment reads a file (issue 9, "a lean process").
// It hashes about 200 MB/s (a 100 MB file in half a second, once a command),
// plenty for the dataset files it is for.
#include <string>
#include <string_view>

namespace nnsweep {

// 64 lowercase hex digits. Throws std::runtime_error when the file cannot be read.
std::string file_sha256(const std::string& path);

// The same digest of bytes in memory.
std::string sha256_hex(std::string_view bytes);

}  // namespace nnsweep
