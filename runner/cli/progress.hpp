#pragma once
// Progress of a sweep on stderr: a live line on a terminal, a plain line every few
// seconds otherwise, nothing when quiet.
#include <chrono>
#include <cstdint>
#include <string>

namespace nnsweep {

class Progress {
 public:
  Progress(std::int64_t total, std::int64_t already_done, bool quiet);
  // One more run finished, with its final cost (NaN when it did not finish ok).
  void finished(double final_cost);
  // Ends the live line.
  void done();

 private:
  std::string line() const;
  void print(bool force);

  std::int64_t total_;
  std::int64_t done_ = 0;
  std::int64_t done_this_session_ = 0;
  double best_cost_;
  bool quiet_;
  bool terminal_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_print_;
};

}  // namespace nnsweep
