#include "sweep/executor.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <numeric>
#include <thread>

namespace nnsweep {

DatasetCache generate_datasets(const std::vector<const PlannedRun*>& runs,
                               const Registries& registries) {
  DatasetCache cache;
  (void)add_datasets(cache, runs, registries);
  return cache;
}

std::vector<std::vector<Eigen::Index>> add_datasets(DatasetCache& cache,
                                                    const std::vector<const PlannedRun*>& runs,
                                                    const Registries& registries) {
  for (const PlannedRun* run : runs) {
    if (cache.count(run->dataset_id)) continue;
    const PluginChoice& dataset = run->config.dataset;
    auto data = std::make_shared<RunData>();
    data->generated = registries.datasets.create(dataset.name, dataset.params)->generate();
    check_dataset(data->generated, dataset.name);
    data->prepared = prepare_data(data->generated, dataset.params);
    cache.emplace(run->dataset_id, std::move(data));
  }
  std::vector<std::vector<Eigen::Index>> networks;
  for (const PlannedRun* run : runs) {
    try {
      networks.push_back(
          layer_sizes(run->config, cache.at(run->dataset_id)->prepared.train, registries));
    } catch (const DataError& error) {
      throw DataError("run " + std::to_string(run->index) + ": " + error.what());
    }
  }
  return networks;
}

RunRecord make_record(const PlannedRun& run, RunResult result) {
  RunRecord record;
  record.index = run.index;
  record.id = run.id;
  record.config_yaml = run.config_yaml;
  record.dataset_id = run.dataset_id;
  record.record_every = run.config.train.record_every;
  record.columns = run.columns;
  record.seeds = run.seeds;
  record.result = std::move(result);
  return record;
}

double estimated_cost(const PlannedRun& run, const Dataset& data, const Registries& registries) {
  // Examples passed forward over the whole run.
  const TrainConfig& train = run.config.train;
  const auto m = static_cast<double>(data.X.cols());
  const double batch = train.mini_batches() ? std::min(m, double(train.batch_size)) : m;
  const double examples = train.epochs > 0
                              ? double(train.epochs) * m
                              : double(std::max<std::int64_t>(train.iterations, 1)) * batch;
  return Network::forward_cost(layer_sizes(run.config, data, registries)) * examples;
}

namespace {

// Finished runs, from the training threads to the calling thread. A push
// wakes nobody: the calling thread looks for finished runs every
// kCollectInterval and takes all of them at once. Why: waking it after each
// run cost the training thread a futex call and a context switch per run,
// about 1% of a sweep of 10,000 runs of a millisecond.
constexpr auto kCollectInterval = std::chrono::milliseconds(20);

class Handoff {
 public:
  void push(RunRecord&& record) {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(record));
  }
  void close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    closed_signal_.notify_one();
  }
  // Moves every finished run into `records` (emptied first), in finishing
  // order, waiting until there is one; false once closed and drained.
  bool take_all(std::deque<RunRecord>& records) {
    records.clear();
    std::unique_lock lock(mutex_);
    while (queue_.empty() && !closed_) closed_signal_.wait_for(lock, kCollectInterval);
    if (queue_.empty()) return false;
    records.swap(queue_);
    return true;
  }

 private:
  std::mutex mutex_;
  std::condition_variable closed_signal_;
  std::deque<RunRecord> queue_;
  bool closed_ = false;
};

}  // namespace

int training_threads(int requested, std::size_t runs) {
  const int wanted = requested > 0 ? requested : omp_get_num_procs();
  // More threads than runs would only idle.
  return static_cast<int>(std::clamp<std::size_t>(runs, 1, static_cast<std::size_t>(wanted)));
}

void execute_runs(const std::vector<const PlannedRun*>& runs, const DatasetCache& datasets,
                  const Registries& registries, const ExecutionOptions& options) {
  std::vector<const PreparedData*> data_of;
  std::vector<double> cost_of;
  for (const PlannedRun* run : runs) {
    data_of.push_back(&datasets.at(run->dataset_id)->prepared);
    cost_of.push_back(estimated_cost(*run, data_of.back()->train, registries));
  }
  std::vector<std::size_t> order(runs.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return cost_of[a] > cost_of[b]; });

  const int threads = training_threads(options.threads, runs.size());
  Handoff handoff;
  std::atomic<bool> cancelled{false};
  std::exception_ptr training_error;
  std::thread trainers([&] {
    try {
      const auto count = static_cast<std::int64_t>(order.size());
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
      for (std::int64_t k = 0; k < count; ++k) {
        if (cancelled.load() || (options.stop && options.stop->load())) continue;
        const PlannedRun& run = *runs[order[static_cast<std::size_t>(k)]];
        const PreparedData& data = *data_of[order[static_cast<std::size_t>(k)]];
        RunResult result = train_run(data.train, run.config, registries, options.log, options.stop,
                                     data.test ? &*data.test : nullptr);
        // An interrupted run is incomplete: it is dropped, and trained again on resume.
        if (!result.interrupted) handoff.push(make_record(run, std::move(result)));
      }
    } catch (...) {
      training_error = std::current_exception();
    }
    handoff.close();
  });
  std::deque<RunRecord> finished;
  try {
    while (handoff.take_all(finished)) {
      for (RunRecord& record : finished) options.on_finished(std::move(record));
    }
  } catch (...) {
    // Stop starting runs, let the ones in flight end, then unwind.
    cancelled = true;
    while (handoff.take_all(finished)) {
    }
    trainers.join();
    throw;
  }
  trainers.join();
  if (training_error) std::rethrow_exception(training_error);
}

}  // namespace nnsweep
