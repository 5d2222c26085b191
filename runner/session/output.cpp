#include "session/output.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>

#include "session/refusal.hpp"
#include "store/results.hpp"
#include "util/format.hpp"

namespace nnsweep {
namespace {

std::string runs_text(std::int64_t runs) {
  return std::to_string(runs) + (runs == 1 ? " run" : " runs");
}

// Refuses paths that can never be replaced by a results file.
void check_path_kind(const std::string& out) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::file_status link = fs::symlink_status(out, error);
  const fs::file_status target = fs::status(out, error);
  if (fs::is_symlink(link) && !fs::exists(target)) {
    throw Refusal(out + " is a symbolic link to nothing; remove it or give another --out");
  }
  if (fs::is_directory(target)) {
    throw Refusal(out + " is a directory; give a results file name with --out");
  }
  if (fs::exists(target) && !fs::is_regular_file(target)) {
    throw Refusal(out + " is not a regular file (a pipe, socket or device); give another --out");
  }
}

}  // namespace

OutputDecision decide_output(const std::string& out, const PlannedExperiment& experiment,
                             const std::string& share, bool overwrite, bool fresh) {
  check_path_kind(out);
  OutputDecision decision;
  std::error_code error;
  decision.exists = std::filesystem::exists(out, error);
  if (!decision.exists) return decision;
  decision.seen = file_identity(out);
  std::optional<ResultsIdentity> identity;
  try {
    identity = read_results_identity(out);
  } catch (const std::exception&) {
  }
  // Files written before names were recorded are matched by their plan.
  const bool same_experiment =
      identity && (identity->name.empty() ? identity->experiment_id == experiment.experiment_id
                                          : identity->name == experiment.name);
  if (same_experiment) {
    decision.up_to_date =
        !fresh && identity->experiment_id == experiment.experiment_id && identity->share == share;
    decision.reuse = !fresh;
    if (identity->arithmetic != kArithmetic) decision.other_arithmetic_runs = identity->runs;
    return decision;
  }
  if (overwrite) return decision;
  const std::string held = identity ? "results of a different experiment ('" + identity->name +
                                          "', " + runs_text(identity->runs) + ")"
                                    : std::string("a file that is not an nnsweep results file");
  throw Refusal(out + " already holds " + held +
                "; it is left untouched. Use --out for another file, or --overwrite to replace it");
}

void prepare_output_folder(const std::string& out) {
  namespace fs = std::filesystem;
  const fs::path target(out);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code error;
  if (!fs::exists(folder, error)) {
    fs::create_directories(folder, error);
    if (error) {
      throw Refusal("cannot create the output folder " + folder.string() + ": " + error.message());
    }
  }
  if (!fs::is_directory(folder, error)) {
    throw Refusal("the output folder " + folder.string() + " is not a directory");
  }
  // Permission bits do not bind root, so ask the file system itself.
  const std::string probe =
      (folder / ("." + target.filename().string() + format(".%d.probe", (int)::getpid()))).string();
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {
    throw Refusal("cannot write to the output folder " + folder.string() + ": " +
                  std::strerror(errno));
  }
  ::close(fd);
  ::unlink(probe.c_str());
}

}  // namespace nnsweep
