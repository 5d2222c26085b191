#include "sweep/parallel_resolver.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

namespace nnsweep {
namespace {

// Indices are handed out in blocks so that threads rarely meet on the counter.
constexpr std::size_t kBlock = 64;
// Below this many runs per thread, a copy of the document costs more than it saves.
constexpr std::int64_t kMinRunsPerThread = 256;

ResolvedPoint resolve_point(const PlanResolver& resolver, std::int64_t index) {
  ResolvedPoint point;
  point.index = index;
  try {
    point.run = resolver.resolve(index);
  } catch (const ConfigError& error) {
    point.error = error;
  }
  return point;
}

}  // namespace

struct ParallelResolver::ThreadCopy {
  ConfigDocument document;
  std::unique_ptr<Plan> plan;
  std::unique_ptr<PlanResolver> resolver;

  ThreadCopy(const ConfigDocument& original, const PlanResolver& shared)
      : document(independent_copy(original)),
        plan(std::make_unique<Plan>(document)),
        resolver(std::make_unique<PlanResolver>(document, *plan, shared.registries(),
                                                shared.digests())) {}
};

int planning_threads(int requested, std::int64_t runs) {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const auto useful = static_cast<int>(std::max<std::int64_t>(1, runs / kMinRunsPerThread));
  return std::min(requested > 0 ? requested : cores, useful);
}

ParallelResolver::ParallelResolver(const ConfigDocument& document, const PlanResolver& shared,
                                   int threads)
    : shared_(shared) {
  for (int t = 1; t < threads; ++t)
    copies_.push_back(std::make_unique<ThreadCopy>(document, shared));
}

ParallelResolver::~ParallelResolver() = default;

std::vector<ResolvedPoint> ParallelResolver::resolve(
    const std::vector<std::int64_t>& indices) const {
  std::vector<ResolvedPoint> points(indices.size());
  const std::size_t helpers = std::min(
      copies_.size(), static_cast<std::size_t>(std::max<std::int64_t>(
                          0, static_cast<std::int64_t>(indices.size()) / kMinRunsPerThread - 1)));
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  auto take_blocks = [&](const PlanResolver& resolver, std::exception_ptr& error) {
    try {
      for (;;) {
        const std::size_t start = next.fetch_add(kBlock);
        if (start >= indices.size() || failed.load()) return;
        const std::size_t end = std::min(indices.size(), start + kBlock);
        for (std::size_t k = start; k < end; ++k) points[k] = resolve_point(resolver, indices[k]);
      }
    } catch (...) {
      error = std::current_exception();
      failed = true;
    }
  };
  std::vector<std::exception_ptr> errors(helpers + 1);
  {
    std::vector<std::jthread> threads;
    for (std::size_t t = 0; t < helpers; ++t) {
      threads.emplace_back([&, t] { take_blocks(*copies_[t]->resolver, errors[t + 1]); });
    }
    take_blocks(shared_, errors[0]);
  }
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  return points;
}

}  // namespace nnsweep
