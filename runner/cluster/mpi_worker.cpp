#include "cluster/mpi_worker.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include "cluster/mpi_protocol.hpp"
#include "store/journal.hpp"

namespace nnsweep {
namespace {

// Datasets by id, made on first use and kept for later batches.
class DatasetStore {
 public:
  explicit DatasetStore(const Registries& registries) : registries_(registries) {}

  // The datasets of `runs` (made where missing); evicts the least recently
  // used beyond kWorkerDatasets, never one of these runs'.
  DatasetCache for_runs(const std::vector<const PlannedRun*>& runs) {
    ++batch_;
    std::vector<const PlannedRun*> missing;
    for (const PlannedRun* run : runs) {
      if (!kept_.count(run->dataset_id)) missing.push_back(run);
    }
    for (auto& [id, data] : generate_datasets(missing, registries_)) {
      kept_[id] = {std::move(data), batch_};
    }
    DatasetCache cache;
    for (const PlannedRun* run : runs) {
      Kept& kept = kept_.at(run->dataset_id);
      kept.used = batch_;
      cache.emplace(run->dataset_id, kept.data);
    }
    while (kept_.size() > kWorkerDatasets) {
      auto oldest = kept_.begin();
      for (auto it = kept_.begin(); it != kept_.end(); ++it) {
        if (it->second.used < oldest->second.used) oldest = it;
      }
      if (oldest->second.used == batch_) break;
      kept_.erase(oldest);
    }
    return cache;
  }

 private:
  struct Kept {
    std::shared_ptr<const RunData> data;
    std::int64_t used = 0;
  };
  const Registries& registries_;
  std::map<std::string, Kept> kept_;
  std::int64_t batch_ = 0;
};

// Between the MPI thread and the training thread: batches of indices in,
// encoded records out.
struct Exchange {
  std::mutex mutex;
  std::condition_variable work_ready;
  std::deque<std::vector<std::int64_t>> batches;  // received, not started
  std::deque<std::string> records;                // finished, not sent
  bool closed = false;                            // no more batches
  bool failed = false;
  std::string error;
};

// The training thread: batch after batch until closed.
void train_batches(Exchange& exchange, const PlanResolver& resolver, const Registries& registries,
                   int threads, const std::atomic<bool>& halt) {
  DatasetStore datasets(registries);
  try {
    for (;;) {
      std::vector<std::int64_t> indices;
      {
        std::unique_lock lock(exchange.mutex);
        exchange.work_ready.wait(lock,
                                 [&] { return exchange.closed || !exchange.batches.empty(); });
        if (exchange.closed) return;
        indices = std::move(exchange.batches.front());
        exchange.batches.pop_front();
      }
      std::vector<PlannedRun> runs;
      for (std::int64_t index : indices) runs.push_back(resolver.resolve(index));
      std::vector<const PlannedRun*> pointers;
      for (const PlannedRun& run : runs) pointers.push_back(&run);
      ExecutionOptions options;
      options.threads = threads;
      options.stop = &halt;
      options.on_finished = [&](RunRecord&& record) {
        std::string bytes = encode_record(record);
        std::lock_guard lock(exchange.mutex);
        exchange.records.push_back(std::move(bytes));
      };
      execute_runs(pointers, datasets.for_runs(pointers), registries, options);
    }
  } catch (const std::exception& error) {
    std::lock_guard lock(exchange.mutex);
    exchange.failed = true;
    exchange.error = error.what();
  }
}

}  // namespace

bool run_worker(const PlanResolver& resolver, const Registries& registries, int threads,
                const std::atomic<bool>* signal) {
  Exchange exchange;
  std::atomic<bool> halt{false};
  std::thread trainer([&] { train_batches(exchange, resolver, registries, threads, halt); });
  const auto stop_training = [&] {
    halt = true;
    {
      std::lock_guard lock(exchange.mutex);
      exchange.closed = true;
    }
    exchange.work_ready.notify_one();
    trainer.join();
  };
  mpi::Outbox outbox;
  bool asked = false;  // a request is out, unanswered
  bool said_goodbye = false;
  const auto goodbye = [&](const mpi::Farewell& farewell) {
    outbox.post(0, mpi::Tag::goodbye, mpi::encode_farewell(farewell));
    said_goodbye = true;
  };
  bool failed = false;
  mpi::IdleWait idle;
  try {
    for (;;) {
      std::vector<std::string> records;
      std::size_t waiting = 0;
      {
        std::lock_guard lock(exchange.mutex);
        records.assign(std::make_move_iterator(exchange.records.begin()),
                       std::make_move_iterator(exchange.records.end()));
        exchange.records.clear();
        waiting = exchange.batches.size();
        failed = exchange.failed;
      }
      bool busy = !records.empty();
      if (busy) outbox.post(0, mpi::Tag::records, mpi::encode_pack(records));
      // After the records it finished: rank 0 throws on this goodbye.
      if (failed && !said_goodbye) goodbye({false, exchange.error});
      if (!said_goodbye && signal && signal->load()) {
        // Stopped here, not by rank 0: it learns that these runs will not come.
        halt = true;
        goodbye({true, ""});
      }
      // One chunk ahead: ask again as soon as the last one received started.
      if (!said_goodbye && !asked && waiting == 0) {
        outbox.post(0, mpi::Tag::request, "");
        asked = true;
      }
      // Sends in flight need this rank's MPI calls to move on: no long naps.
      if (!outbox.progress()) busy = true;
      if (std::optional<mpi::Message> message = mpi::poll(signal)) {
        busy = true;
        if (message->tag == mpi::Tag::stop) break;
        if (message->tag == mpi::Tag::work && !said_goodbye) {
          asked = false;
          {
            std::lock_guard lock(exchange.mutex);
            exchange.batches.push_back(mpi::decode_indices(message->bytes));
          }
          exchange.work_ready.notify_one();
        }
      }
      if (busy) {
        idle.reset();
      }
      idle.wait();
    }
    stop_training();
    if (!said_goodbye) goodbye({});
    while (!outbox.progress()) idle.wait();
  } catch (...) {
    if (trainer.joinable()) stop_training();
    throw;
  }
  return !failed;
}

}  // namespace nnsweep
