#pragma once
// Shares of a plan: independent processes (cluster jobs, test halves) each run
// share K of N, the runs whose index i has i % N == K - 1, and `nnsweep merge`
// joins their files. Interleaving spreads cheap and expensive runs evenly.
#include <cstdint>
#include <optional>
#include <string>

namespace nnsweep {

struct Share {
  std::int64_t part = 1;   // K, 1-based
  std::int64_t parts = 1;  // N
  bool contains(std::int64_t run_index) const { return run_index % parts == part - 1; }
  std::string text() const { return std::to_string(part) + "/" + std::to_string(parts); }
};

// Parses "K/N" with 1 <= K <= N; nullopt when malformed.
std::optional<Share> parse_share(const std::string& text);

}  // namespace nnsweep
