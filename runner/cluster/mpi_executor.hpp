#pragma once
// Rank 0's side of a sweep across MPI ranks: a RunExecutor (sweep/executor.hpp)
// whose runs train on the worker ranks (cluster/mpi_worker.hpp).
//
// Rank 0 trains nothing. For each batch it is given it orders the runs most
// expensive first (estimated_cost, as execute_runs does) and hands their plan
// indices to workers as they ask, in chunks that shrink as the batch empties
// (guided self-scheduling, by estimated cost): a worker's chunk holds about
// 1/kChunkDivisor of its threads' share of the work left, at least one run per
// thread and at most kMaxChunk runs. Large chunks of small runs keep the
// messages per run few, small chunks at the end keep the workers finishing
// together. A worker asks for its next chunk as soon as it starts one, so it
// never waits for work, except near the end of the batch, when a worker gets
// more only once its earlier runs are back (so that no run waits behind
// another worker's while a worker idles). Each record that comes back is checked against the run it
// was sent for (plan index, run id) and handed to options.on_finished on the calling thread: the
// session journals and writes it there, as for threads.
//
// What goes wrong, and what then:
//  - *options.stop set (a signal: mpirun passes SIGTERM on when a rank dies
//    or it is itself interrupted): execute() returns at once; runs still out
//    are not handed over (the session keeps what is journalled).
//  - A worker stopped by a signal: the same, as an interruption.
//  - A worker that failed (a training error), or sent a record that fits no
//    run it was given: execute() throws std::runtime_error naming the rank.
// execute() may be called several times (a session's windows); workers wait
// between the calls. release() (or the destructor) ends the workers.
#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <vector>

#include "cluster/mpi_protocol.hpp"
#include "sweep/executor.hpp"

namespace nnsweep {

class MpiExecutor : public RunExecutor {
 public:
  // `threads[r]`: the training threads of rank r, for every rank of the job
  // (rank 0's is ignored). Needs a job of at least two ranks.
  explicit MpiExecutor(std::vector<int> threads);
  ~MpiExecutor() override;  // release(), if not done yet
  MpiExecutor(const MpiExecutor&) = delete;
  MpiExecutor& operator=(const MpiExecutor&) = delete;

  void execute(const std::vector<const PlannedRun*>& runs, const DatasetCache& datasets,
               const Registries& registries, const ExecutionOptions& options) override;

  // Tells every worker to stop and waits for each one's goodbye. Once *stop is
  // set (the job is being torn down, and a dead worker never answers) it waits
  // at most kReleaseGrace. True when every worker said goodbye: then MPI can
  // end normally.
  bool release(const std::atomic<bool>* stop);
  static constexpr std::chrono::milliseconds kReleaseGrace{500};
  static constexpr double kChunkDivisor = 4;
  static constexpr std::size_t kMaxChunk = 512;

 private:
  struct Worker {
    int threads = 1;
    bool asking = false;   // has a request that is not answered yet
    bool gone = false;     // said goodbye
    std::int64_t out = 0;  // runs sent and not back yet
  };
  struct OutRun {
    const PlannedRun* run = nullptr;
    int rank = 0;
  };
  // One pass of the loop; false when nothing happened.
  bool step(const ExecutionOptions& options);
  void handle(mpi::Message&& message, const ExecutionOptions& options);
  void hand_out();
  // One record from `rank`: checked, then handed to options.on_finished.
  void accept(int rank, const std::string& bytes, const ExecutionOptions& options);

  std::vector<Worker> workers_;  // by rank; workers_[0] unused
  std::int64_t worker_threads_ = 0;
  mpi::Outbox outbox_;
  struct QueuedRun {
    const PlannedRun* run = nullptr;
    double cost = 0;  // estimated_cost
  };
  std::deque<QueuedRun> queue_;  // of this batch, not sent yet
  double queued_cost_ = 0;
  std::map<std::int64_t, OutRun> out_;  // by plan index
  // Runs still out when an earlier execute() returned early: dropped if they
  // come back.
  std::map<std::int64_t, int> abandoned_;
  std::int64_t finished_ = 0;  // of this batch
  bool interrupted_ = false;   // a worker stopped by a signal
  bool released_ = false;
};

}  // namespace nnsweep
