#pragma once
// A worker rank's part of `mpirun -n N nnsweep run` (ranks 1 to N-1): train
// the runs rank 0 hands out (cluster/mpi_executor.hpp) and send each record
// back as it finishes, until rank 0 says stop. Workers never open the
// results file or the journal: rank 0 alone stores results.
//
// In: the resolver and registries of the same config rank 0 planned (every
// rank runs prepare() on the same arguments), so that resolve(index) gives the
// run rank 0 means; `threads` as --threads (0: every core of this node);
// `signal` set by SIGINT/SIGTERM (cli/stop_signals.hpp).
// Out: false when training failed here (rank 0 has been told why), true when
// it stopped because rank 0 said so or a signal came. Throws
// std::runtime_error when MPI fails.
// Runs train in this process as without MPI (execute_runs), so a run's record
// is the same on any rank.
#include <atomic>

#include "sweep/executor.hpp"

namespace nnsweep {

bool run_worker(const PlanResolver& resolver, const Registries& registries, int threads,
                const std::atomic<bool>* signal);

// Datasets are kept by dataset id for the runs that follow, at most this many
// (the least recently used go first): a sweep over many datasets does not
// hold them all.
constexpr std::size_t kWorkerDatasets = 16;

}  // namespace nnsweep
