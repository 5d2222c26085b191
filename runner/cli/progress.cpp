#include "cli/progress.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <limits>

#include "util/format.hpp"

namespace nnsweep {

Progress::Progress(std::int64_t total, std::int64_t already_done, bool quiet)
    : total_(total),
      done_(already_done),
      best_cost_(std::numeric_limits<double>::infinity()),
      quiet_(quiet),
      terminal_(::isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()),
      last_print_(start_) {}

std::string Progress::line() const {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done_this_session_) / elapsed : 0.0;
  std::string eta = "?";
  if (rate > 0) {
    const auto seconds = static_cast<long long>(static_cast<double>(total_ - done_) / rate);
    eta = format("%lld:%02lld:%02lld", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
  const std::string best = std::isfinite(best_cost_) ? format("%.6f", best_cost_) : "-";
  return format("%lld/%lld runs (%.0f%%), %.1f runs/s, ETA %s, best cost %s", (long long)done_,
                (long long)total_, total_ ? 100.0 * done_ / total_ : 100.0, rate, eta.c_str(),
                best.c_str());
}

void Progress::print(bool force) {
  if (quiet_) return;
  const auto now = std::chrono::steady_clock::now();
  const double since = std::chrono::duration<double>(now - last_print_).count();
  if (!force && since < (terminal_ ? 0.1 : 5.0)) return;
  last_print_ = now;
  if (terminal_) {
    std::fprintf(stderr, "\r\033[K%s", line().c_str());
  } else {
    std::fprintf(stderr, "%s\n", line().c_str());
  }
  std::fflush(stderr);
}

void Progress::finished(double final_cost) {
  ++done_;
  ++done_this_session_;
  if (std::isfinite(final_cost) && final_cost < best_cost_) best_cost_ = final_cost;
  print(done_ == total_);
}

void Progress::done() {
  if (!quiet_ && terminal_) std::fprintf(stderr, "\n");
}

}  // namespace nnsweep
