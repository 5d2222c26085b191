#pragma once
// The messages between rank 0 (which schedules, journals and publishes) and
// the worker ranks (which train) of `mpirun -n N nnsweep run`.
//
// The conversation, per worker:
//   worker -> 0  request   "give me work" (payload: nothing)
//   0 -> worker  work      plan indices to train (encode_indices)
//   worker -> 0  records   finished runs, those done since the last such
//                          message (encode_pack of the journal's record
//                          codec, store/journal.hpp: encode_record)
//   0 -> worker  stop      the session is over: stop training, say goodbye
//   worker -> 0  goodbye   the worker's last message (encode_farewell): sent
//                          after `stop`, or before it when the worker stops on
//                          its own (a signal, a training error), and then
//                          exactly once.
// Messages between two ranks arrive in the order sent (MPI's non-overtaking
// rule), so a worker's records always come before its goodbye.
//
// Every function here is called only by the thread that started MPI
// (MPI_THREAD_FUNNELED), and throws std::runtime_error when MPI reports an
// error (MpiEnvironment makes MPI return errors rather than abort).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <vector>

namespace nnsweep::mpi {

enum class Tag : int { request = 1, work = 2, records = 3, stop = 4, goodbye = 5 };

struct Message {
  int source = 0;
  Tag tag = Tag::request;
  std::string bytes;
};

// A message waiting for this rank (from any rank), received; none waiting:
// nullopt, at once. Once `give_up` is set (a signal: the job is going down)
// a message being received is abandoned (nullopt): its sender may have died
// in the middle of sending it, and the receive would never end.
std::optional<Message> poll(const std::atomic<bool>* give_up);

// Sends that do not wait for the receiver. Why every send is one: a message
// above MPI's eager limit (4 KiB in OpenMPI's shared memory) waits for the
// receiver to take it, and a blocking send spins on a core meanwhile; and two
// ranks each blocked sending to the other would deadlock. The bytes are kept
// until MPI is done with them.
class Outbox {
 public:
  Outbox();
  // Sends still in flight (the job is ending) are left to MPI, and their
  // bytes with them: MPI may still read them.
  ~Outbox();
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;
  void post(int destination, Tag tag, std::string bytes);
  // Frees the sends that completed; true when none is left in flight.
  bool progress();

 private:
  struct Pending;
  std::list<Pending> pending_;
};

// Several messages as one: each length-prefixed.
std::string encode_pack(const std::vector<std::string>& parts);
// Throws std::runtime_error for bytes that are not a pack.
std::vector<std::string> decode_pack(const std::string& bytes);

std::string encode_indices(const std::vector<std::int64_t>& indices);
// Throws std::runtime_error for bytes that are not a list of indices.
std::vector<std::int64_t> decode_indices(const std::string& bytes);

// Why a worker left: released by rank 0 (neither set), stopped by a signal
// sent to it, or failed (what went wrong).
struct Farewell {
  bool interrupted = false;
  std::string error;
};
std::string encode_farewell(const Farewell& farewell);
Farewell decode_farewell(const std::string& bytes);

// The pause of a polling loop that found nothing to do: from 20 us, doubling
// to 2 ms while nothing happens. Why not block in MPI: OpenMPI's blocking
// receive spins on a core, which the workers' training threads need (rank 0
// shares a node with them); and rank 0 must see its stop signal.
class IdleWait {
 public:
  void reset() { pause_ = kShortest; }
  void wait();

 private:
  static constexpr std::chrono::microseconds kShortest{20};
  static constexpr std::chrono::microseconds kLongest{2000};
  std::chrono::microseconds pause_ = kShortest;
};

}  // namespace nnsweep::mpi
