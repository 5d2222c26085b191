#pragma once
// nnsweep's exit codes, as documented in the README.
namespace nnsweep {

constexpr int kExitOk = 0;
constexpr int kExitError = 1;        // I/O and other runtime failures
constexpr int kExitConfigError = 2;  // bad config, bad arguments, refused output
constexpr int kExitRunsFailed = 3;   // some run diverged or failed; results still written

}  // namespace nnsweep
