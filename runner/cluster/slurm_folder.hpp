#pragma once
// The run folder of `nnsweep slurm`: where a sweep's array job keeps its
// scripts, part files, journals and logs, and what state they are in.
//
//   OUT without .h5, plus .slurm/     (results/x.h5 -> results/x.slurm/)
//     manifest.json    what was submitted (SlurmManifest), rewritten whole
//     array.sbatch     merge.sbatch   (cluster/slurm_script.hpp)
//     parts/part-K-of-N.h5            each task's results; PART.partial its journal
//     logs/            %A_%a.out of the tasks, merge-%j.out of the merge job
//
// A task is done when its part file is a results file of the manifest's
// experiment and of share K/N: `nnsweep run` publishes a part only complete,
// so its existence with that identity is the whole test. Otherwise the
// task's progress is its journal's intact records (store/journal_scan.hpp),
// read without a lock, so the state of running tasks can be read too.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace nnsweep {

// A run folder that cannot be read as one (no manifest, a broken manifest).
class FolderError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SlurmSubmission {
  std::string array_job;  // "" when only the merge job was submitted
  std::string merge_job;
  std::vector<std::int64_t> tasks;  // the 1-based tasks the array job runs
  std::string submitted_utc;
};

struct SlurmManifest {
  std::string config;                // absolute path of the experiment file
  std::vector<std::string> sets;     // --set overrides, in order
  std::vector<std::string> plugins;  // --plugin libraries, absolute
  std::string out;                   // the final results file, absolute
  std::string name;                  // the experiment's name
  std::string experiment_id;         // the plan's identity (PlannedExperiment)
  std::int64_t runs = 0;             // distinct runs of the whole plan
  std::int64_t tasks = 0;
  int cpus_per_task = 1;
  std::vector<std::int64_t> task_runs;  // runs of each task's share, [K-1]
  std::vector<SlurmSubmission> submissions;
};

// The folder of the final output `out` (".slurm" in place of a final ".h5").
std::string run_folder_of(const std::string& out);
std::string manifest_path(const std::string& folder);
std::string part_path(const std::string& folder, std::int64_t task, std::int64_t tasks);

// Throws FolderError naming the file when there is no manifest or it is not one.
SlurmManifest read_manifest(const std::string& folder);
// Writes beside the manifest and renames into place (a reader never sees half
// of one). Throws std::runtime_error on I/O failure.
void write_manifest(const std::string& folder, const SlurmManifest& manifest);

enum class TaskState {
  done,         // part file of this experiment and share
  partial,      // a journal of this share, no part file yet
  not_started,  // neither
  foreign,      // a part file or journal that is not this experiment's share
};
std::string state_name(TaskState state);  // "done", "partial", "not started", "foreign"

struct TaskStatus {
  std::int64_t task = 0;      // 1-based
  std::int64_t planned = 0;   // runs of its share
  std::int64_t finished = 0;  // runs in its part file, or intact journal records
  TaskState state = TaskState::not_started;
  std::string note;  // for foreign: what the file holds instead
};

// One per task of the manifest, in task order.
std::vector<TaskStatus> task_statuses(const std::string& folder, const SlurmManifest& manifest);

enum class OutputState {
  absent,
  complete,  // a results file of the manifest's experiment, every run merged
  partial,   // this experiment's, merged from some of the parts
  foreign,   // another experiment's file, or not a results file
};
std::string output_state_name(OutputState state);
OutputState output_state(const std::string& out, const std::string& experiment_id);

}  // namespace nnsweep
