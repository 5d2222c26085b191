#include "cli/provenance.hpp"

#include <unistd.h>

#include <Eigen/Core>
#include <ctime>

#include "git_commit.hpp"  // generated on every build by cmake/git_commit.cmake
#include "kernels/vector_math.hpp"
#include "store/results.hpp"
#include "util/format.hpp"
#include "version.hpp"

namespace nnsweep {

std::map<std::string, std::string> provenance(const std::string& command_line) {
  std::map<std::string, std::string> attributes;
  attributes["nnsweep_version"] = kVersion;
  if (*kGitCommit) attributes["git_commit"] = kGitCommit;
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  attributes["host"] = host;
  attributes["command_line"] = command_line;
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
  attributes["created_utc"] = stamp;
  attributes["compiler"] = kCompiler;
  attributes["eigen_version"] =
      format("%d.%d.%d", EIGEN_WORLD_VERSION, EIGEN_MAJOR_VERSION, EIGEN_MINOR_VERSION);
  attributes["hdf5_version"] = hdf5_version();
  attributes["yaml_cpp_version"] = kYamlCppVersion;
  // Informative only: every width computes the same bits (kernels/vector_math.hpp).
  attributes["simd"] = kernels::width_name(kernels::active_width());
  return attributes;
}

}  // namespace nnsweep
