#pragma once
// This process's place in an MPI job: starting and ending MPI, its rank, and
// what every rank tells the others when the job starts.
//
// Only the thread that constructs MpiEnvironment may call MPI
// (MPI_THREAD_FUNNELED): training threads never do. MPI errors on
// MPI_COMM_WORLD are returned (and thrown as std::runtime_error by the
// callers) rather than ending the process, so that rank 0 can keep its
// journal and exit with a message.
#include <string>
#include <vector>

namespace nnsweep {

// What a rank says of itself when the job starts.
struct RankFacts {
  int code = 0;      // exit code of planning on that rank: 0 when it went well
  int threads = 0;   // training threads (0: it trains nothing, as rank 0)
  std::string host;  // gethostname()
};

class MpiEnvironment {
 public:
  // MPI_Init_thread; throws std::runtime_error when MPI cannot start.
  MpiEnvironment();
  // MPI_Finalize, unless abandon() was called.
  ~MpiEnvironment();
  MpiEnvironment(const MpiEnvironment&) = delete;
  MpiEnvironment& operator=(const MpiEnvironment&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }

  // Every rank's facts, indexed by rank (a collective: every rank calls it once,
  // at the same point).
  std::vector<RankFacts> exchange(int code, int threads) const;

  // The job is being torn down (a rank died, or mpirun was signalled): leave
  // without MPI_Finalize, which would wait for ranks that are gone.
  void abandon() { abandoned_ = true; }

 private:
  int rank_ = 0;
  int size_ = 1;
  bool abandoned_ = false;
};

// The MPI library this nnsweep was built with: "Open MPI 4.1.4".
std::string mpi_library_text();

}  // namespace nnsweep
