#include "cluster/mpi_environment.hpp"

#include <mpi.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

#include "util/format.hpp"

namespace nnsweep {
namespace {

// A rank's facts as sent: fixed size, so that one MPI_Allgather carries them.
struct FactsMessage {
  std::int32_t code = 0;
  std::int32_t threads = 0;
  char host[256] = {};
};

}  // namespace

MpiEnvironment::MpiEnvironment() {
  int provided = 0;
  if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
    throw std::runtime_error("MPI: cannot start (MPI_Init_thread failed)");
  }
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiEnvironment::~MpiEnvironment() {
  if (!abandoned_) MPI_Finalize();
}

std::vector<RankFacts> MpiEnvironment::exchange(int code, int threads) const {
  FactsMessage mine;
  mine.code = code;
  mine.threads = threads;
  ::gethostname(mine.host, sizeof mine.host - 1);
  std::vector<FactsMessage> all(static_cast<std::size_t>(size_));
  if (MPI_Allgather(&mine, sizeof mine, MPI_BYTE, all.data(), sizeof mine, MPI_BYTE,
                    MPI_COMM_WORLD) != MPI_SUCCESS) {
    throw std::runtime_error("MPI: the ranks could not exchange their start-up facts");
  }
  std::vector<RankFacts> facts;
  for (const FactsMessage& message : all) {
    facts.push_back({message.code, message.threads,
                     std::string(message.host, strnlen(message.host, sizeof message.host))});
  }
  return facts;
}

std::string mpi_library_text() {
#if defined(OMPI_MAJOR_VERSION)
  return format("Open MPI %d.%d.%d", OMPI_MAJOR_VERSION, OMPI_MINOR_VERSION, OMPI_RELEASE_VERSION);
#else
  return format("MPI %d.%d", MPI_VERSION, MPI_SUBVERSION);
#endif
}

}  // namespace nnsweep
