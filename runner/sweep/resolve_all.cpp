#include "sweep/resolve_all.hpp"

#include <algorithm>
#include <atomic>
#include <limits>
#include <memory>
#include <thread>

namespace nnsweep {
namespace {

// Runs are handed out in blocks, in plan order, so that every run before the
// first invalid one is resolved whichever thread meets it.
constexpr std::int64_t kBlock = 64;
// Below this many runs, a thread's copy of the document costs more than it saves.
constexpr std::int64_t kMinRunsPerThread = 256;

// A planning thread's own document, plan and resolver.
struct ThreadCopy {
  ConfigDocument document;
  std::unique_ptr<Plan> plan;
  std::unique_ptr<PlanResolver> resolver;

  ThreadCopy(const ConfigDocument& original, const PlanResolver& shared)
      : document(independent_copy(original)),
        plan(std::make_unique<Plan>(document)),
        resolver(std::make_unique<PlanResolver>(document, *plan, shared.registries(),
                                                shared.digests())) {}
};

class Work {
 public:
  explicit Work(std::int64_t size) : runs_(static_cast<std::size_t>(size)), size_(size) {}

  // Resolves blocks until none is left or one before them failed.
  void take_blocks(const PlanResolver& resolver) {
    for (;;) {
      const std::int64_t start = next_.fetch_add(kBlock);
      if (start >= size_ || start > first_failure_.load()) return;
      const std::int64_t end = std::min(size_, start + kBlock);
      for (std::int64_t index = start; index < end; ++index) {
        try {
          runs_[static_cast<std::size_t>(index)] = resolver.resolve(index);
        } catch (...) {
          // Which error to report is decided after all threads stop.
          std::int64_t known = first_failure_.load();
          while (index < known && !first_failure_.compare_exchange_weak(known, index)) {
          }
          return;
        }
      }
    }
  }

  std::int64_t first_failure() const { return first_failure_.load(); }
  std::vector<PlannedRun>& runs() { return runs_; }

 private:
  std::vector<PlannedRun> runs_;
  std::int64_t size_;
  std::atomic<std::int64_t> next_{0};
  std::atomic<std::int64_t> first_failure_{std::numeric_limits<std::int64_t>::max()};
};

int planning_threads(int requested, std::int64_t runs) {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const auto useful = static_cast<int>(std::max<std::int64_t>(1, runs / kMinRunsPerThread));
  return std::min(requested > 0 ? requested : cores, useful);
}

}  // namespace

std::vector<PlannedRun> resolve_all(const ConfigDocument& document, const Plan& plan,
                                    const PlanResolver& resolver, int threads) {
  const int count = planning_threads(threads, plan.size());
  if (count <= 1) {
    std::vector<PlannedRun> runs;
    runs.reserve(static_cast<std::size_t>(plan.size()));
    for (std::int64_t index = 0; index < plan.size(); ++index)
      runs.push_back(resolver.resolve(index));
    return runs;
  }
  std::vector<std::unique_ptr<ThreadCopy>> copies;
  for (int t = 1; t < count; ++t)
    copies.push_back(std::make_unique<ThreadCopy>(document, resolver));
  Work work(plan.size());
  {
    std::vector<std::jthread> helpers;
    for (const auto& copy : copies) {
      helpers.emplace_back([&work, &copy] { work.take_blocks(*copy->resolver); });
    }
    work.take_blocks(resolver);
  }
  // From the first failure on, serially: this throws the error that the
  // serial order meets first (and, were a thread's failure its own, such as
  // memory running out, resolves the rest correctly).
  std::vector<PlannedRun>& runs = work.runs();
  for (std::int64_t index = work.first_failure(); index < plan.size(); ++index) {
    runs[static_cast<std::size_t>(index)] = resolver.resolve(index);
  }
  return std::move(runs);
}

}  // namespace nnsweep
