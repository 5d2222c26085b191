#include "cli/mpi_run.hpp"

#include <cstdlib>
#include <iostream>
#include <limits>
#include <optional>

#include "cli/exit_codes.hpp"
#include "cli/prepare.hpp"
#include "cli/stop_signals.hpp"
#ifdef NNSWEEP_HAVE_MPI
#include "cluster/mpi_environment.hpp"
#include "cluster/mpi_executor.hpp"
#include "cluster/mpi_worker.hpp"
#endif

namespace nnsweep {
namespace {

// What the environment says of the launcher that started this process.
struct Launch {
  bool launched = false;
  int ranks = 0;  // 0: it does not say (PMIx alone, as srun --mpi=pmix)
  int rank = -1;  // -1: it does not say
  std::string variable;
};

int number(const char* text) {
  return text ? std::atoi(text) : 0;
}

Launch launch_from_environment() {
  Launch launch;
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    if (const char* value = std::getenv(variable)) {
      launch.launched = true;
      launch.ranks = number(value);
      launch.variable = std::string(variable) + "=" + value;
      break;
    }
  }
  for (const char* variable : {"OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK"}) {
    if (const char* value = std::getenv(variable)) {
      launch.launched = true;
      launch.rank = number(value);
      if (launch.variable.empty()) launch.variable = std::string(variable) + "=" + value;
      break;
    }
  }
  return launch;
}

}  // namespace

#ifdef NNSWEEP_HAVE_MPI

struct ClusterRun::Job {
  MpiEnvironment environment;
  std::vector<RankFacts> facts;
  std::unique_ptr<MpiExecutor> executor;  // rank 0, once every rank has planned
  const std::atomic<bool>* stop = nullptr;
};

ClusterRun::ClusterRun() {
  const Launch launch = launch_from_environment();
  if (!launch.launched || launch.ranks == 1) return;
  try {
    auto job = std::make_unique<Job>();
    // One rank after all: MPI ends here, and the run is a single process's.
    if (job->environment.size() > 1) job_ = std::move(job);
  } catch (const std::exception& error) {
    std::cerr << "nnsweep: " << error.what() << "\n";
    refused_ = kExitError;
  }
}

ClusterRun::~ClusterRun() {
  if (!job_ || !job_->executor) return;
  try {
    if (!job_->executor->release(job_->stop)) job_->environment.abandon();
  } catch (const std::exception& error) {
    std::cerr << "nnsweep: " << error.what() << "\n";
    job_->environment.abandon();
  }
}

bool ClusterRun::is_worker() const {
  return job_ && job_->environment.rank() != 0;
}

int ClusterRun::work(const RunArguments& arguments, const Registries& registries) {
  const int rank = job_->environment.rank();
  std::unique_ptr<Prepared> prepared;
  std::optional<ConfigError> error;
  try {
    prepared = prepare(arguments, registries);
  } catch (const ConfigError& failed) {
    error = failed;
  }
  const int threads = training_threads(arguments.threads, std::numeric_limits<std::size_t>::max());
  try {
    job_->facts = job_->environment.exchange(error ? kExitConfigError : kExitOk, threads);
    // Rank 0 has printed its error; its workers say nothing of the same.
    if (job_->facts[0].code != kExitOk) return job_->facts[0].code;
    for (std::size_t other = 1; other < job_->facts.size(); ++other) {
      if (job_->facts[other].code == kExitOk) continue;
      // Workers failed where rank 0 did not (a file that differs between
      // hosts): the first of them says why, and no rank goes on.
      if (static_cast<int>(other) == rank) return report_config_error(*error);
      return error ? kExitConfigError : kExitOk;
    }
    StopSignals signals;
    const bool trained =
        run_worker(*prepared->resolver, prepared->registries, arguments.threads, signals.flag());
    if (!trained) return kExitError;
    return signals.received() ? 128 + signals.received() : kExitOk;
  } catch (const std::exception& failed) {
    std::cerr << "nnsweep: rank " << rank << ": " << failed.what() << "\n";
    job_->environment.abandon();
    return kExitError;
  }
}

int ClusterRun::planned(int code) {
  if (!job_) return code;
  try {
    job_->facts = job_->environment.exchange(code, 0);
  } catch (const std::exception& error) {
    std::cerr << "nnsweep: " << error.what() << "\n";
    job_->environment.abandon();
    return kExitError;
  }
  if (code != kExitOk) return code;
  std::vector<int> threads;
  for (std::size_t rank = 0; rank < job_->facts.size(); ++rank) {
    const RankFacts& facts = job_->facts[rank];
    if (facts.code != kExitOk) {
      std::cerr << "nnsweep: rank " << rank << " (on " << facts.host
                << ") could not prepare the experiment; its error is above\n";
      return facts.code;
    }
    threads.push_back(facts.threads);
  }
  job_->executor = std::make_unique<MpiExecutor>(threads);
  return kExitOk;
}

RunExecutor* ClusterRun::executor(const std::atomic<bool>* stop) {
  if (!job_) return nullptr;
  job_->stop = stop;
  return job_->executor.get();
}

void ClusterRun::add_provenance(std::map<std::string, std::string>& provenance) const {
  if (!job_) return;
  std::string hosts, threads;
  for (std::size_t rank = 0; rank < job_->facts.size(); ++rank) {
    const std::string prefix = (rank ? " " : "") + std::to_string(rank) + ":";
    hosts += prefix + job_->facts[rank].host;
    threads += prefix + std::to_string(job_->facts[rank].threads);
  }
  provenance["mpi_ranks"] = std::to_string(job_->facts.size());
  provenance["mpi_hosts"] = hosts;
  provenance["mpi_threads"] = threads;
}

std::string mpi_build_text() {
  return "MPI: " + mpi_library_text() + " (mpirun -n N nnsweep run spreads a sweep over N ranks)";
}

#else  // a build without MPI

struct ClusterRun::Job {};

ClusterRun::ClusterRun() {
  const Launch launch = launch_from_environment();
  // A later rank is proof enough of several, even where the count is not said.
  if (!launch.launched || (launch.ranks <= 1 && launch.rank <= 0)) return;
  refused_ = kExitConfigError;
  if (launch.rank > 0) return;  // rank 0 says why, once
  std::cerr << "nnsweep: started as one of several MPI ranks (" << launch.variable
            << "), but this nnsweep was built without MPI, so every rank would run the whole "
               "sweep into the same file; run it as one process, or build nnsweep with MPI "
               "(libopenmpi-dev, cmake -DNNSWEEP_MPI=ON)\n";
}

ClusterRun::~ClusterRun() = default;
bool ClusterRun::is_worker() const {
  return false;
}
int ClusterRun::work(const RunArguments&, const Registries&) {
  return kExitError;
}
int ClusterRun::planned(int code) {
  return code;
}
RunExecutor* ClusterRun::executor(const std::atomic<bool>*) {
  return nullptr;
}
void ClusterRun::add_provenance(std::map<std::string, std::string>&) const {}

std::string mpi_build_text() {
  return "MPI: no (built without it; mpirun -n N with N > 1 is refused)";
}

#endif

}  // namespace nnsweep
