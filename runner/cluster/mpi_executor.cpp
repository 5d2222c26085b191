#include "cluster/mpi_executor.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "store/journal.hpp"

namespace nnsweep {

MpiExecutor::MpiExecutor(std::vector<int> threads) : workers_(threads.size()) {
  if (threads.size() < 2) throw std::logic_error("MpiExecutor needs at least one worker rank");
  for (std::size_t rank = 1; rank < threads.size(); ++rank) {
    workers_[rank].threads = std::max(threads[rank], 1);
    worker_threads_ += workers_[rank].threads;
  }
}

MpiExecutor::~MpiExecutor() {
  if (released_) return;
  try {
    release(nullptr);
  } catch (...) {
    // Unwinding already, or MPI is broken: the job ends either way.
  }
}

void MpiExecutor::execute(const std::vector<const PlannedRun*>& runs, const DatasetCache& datasets,
                          const Registries& registries, const ExecutionOptions& options) {
  for (const auto& [index, out] : out_) abandoned_.emplace(index, out.rank);
  out_.clear();
  queue_.clear();
  queued_cost_ = 0;
  finished_ = 0;
  std::vector<double> cost_of;
  for (const PlannedRun* run : runs) {
    cost_of.push_back(
        estimated_cost(*run, datasets.at(run->dataset_id)->prepared.train, registries));
  }
  std::vector<std::size_t> order(runs.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return cost_of[a] > cost_of[b]; });
  for (std::size_t k : order) {
    queue_.push_back({runs[k], cost_of[k]});
    queued_cost_ += cost_of[k];
  }

  mpi::IdleWait idle;
  while (finished_ < static_cast<std::int64_t>(runs.size())) {
    if ((options.stop && options.stop->load()) || interrupted_) return;
    if (std::all_of(workers_.begin() + 1, workers_.end(), [](const Worker& w) { return w.gone; })) {
      throw std::runtime_error("every worker rank has left; " +
                               std::to_string(runs.size() - finished_) + " runs are not done");
    }
    if (step(options)) {
      idle.reset();
    } else {
      idle.wait();
    }
  }
}

bool MpiExecutor::step(const ExecutionOptions& options) {
  hand_out();
  outbox_.progress();
  std::optional<mpi::Message> message = mpi::poll(options.stop);
  if (!message) return false;
  handle(std::move(*message), options);
  return true;
}

void MpiExecutor::hand_out() {
  for (std::size_t rank = 1; rank < workers_.size() && !queue_.empty(); ++rank) {
    Worker& worker = workers_[rank];
    if (!worker.asking || worker.gone) continue;
    // Near the end, a worker that still has runs out waits for them first:
    // a handful queued behind its long run would idle another worker.
    if (worker.out > 0 && static_cast<std::int64_t>(queue_.size()) < worker_threads_) continue;
    const double share = queued_cost_ * worker.threads / (kChunkDivisor * worker_threads_);
    const std::size_t fewest = static_cast<std::size_t>(worker.threads);
    std::vector<std::int64_t> indices;
    double cost = 0;
    while (!queue_.empty() && indices.size() < std::max(fewest, kMaxChunk) &&
           (indices.size() < fewest || cost + queue_.front().cost <= share)) {
      const QueuedRun queued = queue_.front();
      queue_.pop_front();
      cost += queued.cost;
      queued_cost_ -= queued.cost;
      indices.push_back(queued.run->index);
      out_[queued.run->index] = {queued.run, static_cast<int>(rank)};
    }
    worker.out += static_cast<std::int64_t>(indices.size());
    worker.asking = false;
    outbox_.post(static_cast<int>(rank), mpi::Tag::work, mpi::encode_indices(indices));
  }
}

void MpiExecutor::handle(mpi::Message&& message, const ExecutionOptions& options) {
  const int rank = message.source;
  if (rank <= 0 || rank >= static_cast<int>(workers_.size())) return;
  Worker& worker = workers_[static_cast<std::size_t>(rank)];
  const std::string from = "rank " + std::to_string(rank);
  switch (message.tag) {
    case mpi::Tag::request:
      worker.asking = true;
      return;
    case mpi::Tag::records: {
      std::vector<std::string> records;
      try {
        records = mpi::decode_pack(message.bytes);
      } catch (const std::exception& error) {
        throw std::runtime_error(from + " sent results that cannot be read: " + error.what());
      }
      for (const std::string& bytes : records) accept(rank, bytes, options);
      return;
    }
    case mpi::Tag::goodbye: {
      worker.gone = true;
      const mpi::Farewell farewell = mpi::decode_farewell(message.bytes);
      if (!farewell.error.empty()) throw std::runtime_error(from + ": " + farewell.error);
      // Stopped by a signal, or left unasked: its runs will not come.
      interrupted_ = true;
      return;
    }
    default:
      throw std::runtime_error(from + " sent a message of unknown kind " +
                               std::to_string(static_cast<int>(message.tag)));
  }
}

void MpiExecutor::accept(int rank, const std::string& bytes, const ExecutionOptions& options) {
  const std::string from = "rank " + std::to_string(rank);
  RunRecord record;
  try {
    record = decode_record(bytes);
  } catch (const std::exception& error) {
    throw std::runtime_error(from + " sent a result that cannot be read: " + error.what());
  }
  --workers_[static_cast<std::size_t>(rank)].out;
  if (abandoned_.erase(record.index)) return;
  const auto found = out_.find(record.index);
  if (found == out_.end() || found->second.rank != rank || found->second.run->id != record.id) {
    throw std::runtime_error(from + " sent a result for run " + std::to_string(record.index) +
                             " (id " + record.id + ") that is not one of the runs it was given");
  }
  out_.erase(found);
  ++finished_;
  options.on_finished(std::move(record));
}

bool MpiExecutor::release(const std::atomic<bool>* stop) {
  released_ = true;
  for (std::size_t rank = 1; rank < workers_.size(); ++rank) {
    // A worker that left on its own still waits for this, to end in step.
    outbox_.post(static_cast<int>(rank), mpi::Tag::stop, "");
  }
  std::optional<std::chrono::steady_clock::time_point> deadline;
  mpi::IdleWait idle;
  for (;;) {
    const bool sent = outbox_.progress();
    if (sent &&
        std::all_of(workers_.begin() + 1, workers_.end(), [](const Worker& w) { return w.gone; })) {
      return true;
    }
    if (stop && stop->load()) {
      if (!deadline) deadline = std::chrono::steady_clock::now() + kReleaseGrace;
      if (std::chrono::steady_clock::now() > *deadline) return false;
    }
    std::optional<mpi::Message> message = mpi::poll(stop);
    if (!message) {
      idle.wait();
      continue;
    }
    idle.reset();
    // Records and requests still on their way are of no use now.
    if (message->tag == mpi::Tag::goodbye && message->source > 0 &&
        message->source < static_cast<int>(workers_.size())) {
      workers_[static_cast<std::size_t>(message->source)].gone = true;
    }
  }
}

}  // namespace nnsweep
