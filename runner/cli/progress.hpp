#pragma once
// Progress of a sweep on stderr: a live line on a terminal, a plain line every few
// seconds otherwise, nothing when quiet.
//
// When every run to train is in flight at once (no more runs than threads),
// finished runs say nothing until the end, so the line counts iterations
// instead (train/train_run.hpp: update_counts), refreshed by a thread of its
// own; a one-run experiment of 10^8 iterations is not silent for minutes.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace nnsweep {

struct ProgressOptions {
  bool quiet = false;
  bool count_iterations = false;  // show the iterations of the runs in flight
  bool final_line = true;         // print the line when the last run finishes
};

class Progress {
 public:
  Progress(std::int64_t total, std::int64_t already_done, ProgressOptions options);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  // One more run finished, with its final cost (NaN when it did not finish ok).
  void finished(double final_cost);
  // Prints `text` (a cost line) on stdout without mixing it into the live line.
  void print_above(const std::string& text);
  // Ends the live line.
  void done();

 private:
  std::string line() const;
  std::string iterations_text(double elapsed, std::string& eta) const;
  void print(bool force);  // with mutex_ held
  void tick();

  std::int64_t total_;
  std::int64_t done_ = 0;
  std::int64_t done_this_session_ = 0;
  double best_cost_;
  ProgressOptions options_;
  bool terminal_;
  bool shown_ = false;  // a live line is on the terminal
  // update_counts() when the session started: earlier sessions' runs are not its own.
  std::int64_t updates_before_ = 0, planned_before_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_print_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread ticker_;
};

}  // namespace nnsweep
