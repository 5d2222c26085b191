#include "cli/progress.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <limits>

#include "train/train_run.hpp"
#include "util/format.hpp"

namespace nnsweep {
namespace {

std::string clock_text(double seconds) {
  const auto s = static_cast<long long>(seconds);
  return format("%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
}

}  // namespace

Progress::Progress(std::int64_t total, std::int64_t already_done, ProgressOptions options)
    : total_(total),
      done_(already_done),
      best_cost_(std::numeric_limits<double>::infinity()),
      options_(options),
      terminal_(::isatty(STDERR_FILENO) != 0),
      updates_before_(update_counts().done.load(std::memory_order_relaxed)),
      planned_before_(update_counts().planned.load(std::memory_order_relaxed)),
      start_(std::chrono::steady_clock::now()),
      last_print_(start_) {
  if (options_.count_iterations && !options_.quiet) ticker_ = std::thread([this] { tick(); });
}

Progress::~Progress() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (ticker_.joinable()) ticker_.join();
}

// "1234/100000 iterations (1%), 812 iterations/s"; sets `eta` when the runs
// in flight planned a known number of updates.
std::string Progress::iterations_text(double elapsed, std::string& eta) const {
  const UpdateCounts& counts = update_counts();
  const std::int64_t made = counts.done.load(std::memory_order_relaxed) - updates_before_;
  const std::int64_t planned = counts.planned.load(std::memory_order_relaxed) - planned_before_;
  const double rate = elapsed > 0 ? static_cast<double>(made) / elapsed : 0.0;
  std::string text = format("%lld", (long long)made);
  if (planned > 0) {
    text += format("/%lld iterations (%.0f%%)", (long long)planned, 100.0 * made / planned);
    if (rate > 0) eta = clock_text(static_cast<double>(planned - made) / rate);
  } else {
    text += " iterations";
  }
  return text + format(", %.0f iterations/s", rate);
}

std::string Progress::line() const {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done_this_session_) / elapsed : 0.0;
  std::string eta = "?";
  if (rate > 0) eta = clock_text(static_cast<double>(total_ - done_) / rate);
  std::string speed = format("%.1f runs/s", rate);
  if (options_.count_iterations && done_ < total_) speed = iterations_text(elapsed, eta);
  const std::string best = std::isfinite(best_cost_) ? format("%.6f", best_cost_) : "-";
  return format("%lld/%lld runs (%.0f%%), %s, ETA %s, best cost %s", (long long)done_,
                (long long)total_, total_ ? 100.0 * done_ / total_ : 100.0, speed.c_str(),
                eta.c_str(), best.c_str());
}

void Progress::print(bool force) {
  if (options_.quiet) return;
  const auto now = std::chrono::steady_clock::now();
  const double since = std::chrono::duration<double>(now - last_print_).count();
  if (!force && since < (terminal_ ? 0.1 : 5.0)) return;
  last_print_ = now;
  if (terminal_) {
    std::fprintf(stderr, "\r\033[K%s", line().c_str());
    shown_ = true;
  } else {
    std::fprintf(stderr, "%s\n", line().c_str());
  }
  std::fflush(stderr);
}

void Progress::tick() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, std::chrono::milliseconds(100), [this] { return stopping_; })) {
    print(false);
  }
}

void Progress::finished(double final_cost) {
  std::lock_guard lock(mutex_);
  ++done_;
  ++done_this_session_;
  if (std::isfinite(final_cost) && final_cost < best_cost_) best_cost_ = final_cost;
  print(done_ == total_ && options_.final_line);
}

void Progress::print_above(const std::string& text) {
  std::lock_guard lock(mutex_);
  if (shown_) std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  std::fputs(text.c_str(), stdout);
  std::fflush(stdout);
  if (shown_) print(true);
}

void Progress::done() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (ticker_.joinable()) ticker_.join();
  // Without a final line (a single run, which prints its own), the live line goes.
  if (!options_.quiet && terminal_ && shown_)
    std::fprintf(stderr, options_.final_line ? "\n" : "\r\033[K");
}

}  // namespace nnsweep
