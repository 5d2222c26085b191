#pragma once
// `nnsweep run` as one rank of an MPI job (`mpirun -n N nnsweep run CONFIG`).
//
// Started by an MPI launcher with more than one rank (OMPI_COMM_WORLD_SIZE,
// PMI_SIZE, or PMIX_RANK in the environment), every rank prepares the same
// config; rank 0 then plans and runs the session exactly as a single process
// does, except that its runs train on the other ranks (cluster/mpi_executor.hpp,
// cluster/mpi_worker.hpp); rank 0 alone prints, journals and publishes. Not
// started so, or with one rank, every member below does nothing and `run`
// behaves as it does without MPI. A build without MPI started with several
// ranks refuses (refused()), instead of N processes writing one output.
//
// Exit codes: rank 0's are the run command's. A worker exits 0, or with the
// code of its own failure (1; 2 for a config error that rank 0 did not have;
// 128 + N for a signal): mpirun then exits non-zero.
#include <atomic>
#include <map>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "sweep/executor.hpp"

namespace nnsweep {

class ClusterRun {
 public:
  ClusterRun();   // starts MPI when launched with several ranks
  ~ClusterRun();  // ends the workers (rank 0) and MPI
  ClusterRun(const ClusterRun&) = delete;
  ClusterRun& operator=(const ClusterRun&) = delete;

  // Not 0: exit with this code at once (its reason is printed): MPI could not
  // start, or this build has none and was started with several ranks.
  int refused() const { return refused_; }
  bool is_worker() const;
  // A worker rank's whole `run`: prepares the config as rank 0 does, waits for
  // rank 0 to plan, then trains what it is given. Returns the exit code.
  int work(const RunArguments& arguments, const Registries& registries);
  // Rank 0, once it has planned (`code` 0) or failed to (its exit code, the
  // error printed): tells the workers. The code to exit with now, 0 to go on.
  int planned(int code);
  // Where the session's runs train: the workers (null: this process's
  // threads). `stop`: the session's stop flag, which also ends the wait for
  // the workers at the end once set (a rank died and the job is going down).
  RunExecutor* executor(const std::atomic<bool>* stop);
  // The job's shape as root attributes of the results file: mpi_ranks,
  // mpi_hosts ("0:HOST 1:HOST ..."), mpi_threads ("0:0 1:T ...", rank 0
  // trains nothing). None for a single process.
  void add_provenance(std::map<std::string, std::string>& provenance) const;

 private:
  struct Job;  // the MPI state, in builds with MPI
  std::unique_ptr<Job> job_;
  int refused_ = 0;
};

// The --version line on MPI: "MPI: Open MPI 4.1.4 (...)" or "MPI: no (...)".
std::string mpi_build_text();

}  // namespace nnsweep
