#pragma once
// The two batch scripts of `nnsweep slurm`, as text: pure functions of a
// SlurmJob, so that what is submitted is what --dry-run prints and what the
// unit tests read.
//
//  - array_script: an array job of `tasks` tasks (indexes 0 .. tasks-1);
//    task K = SLURM_ARRAY_TASK_ID + 1 runs `nnsweep run --share K/N` into its
//    own part file, parts/part-K-of-N.h5, and resumes from that part's journal
//    when rerun. Resubmitting some tasks only passes --array=LIST to sbatch,
//    which takes precedence over the script's #SBATCH --array line.
//  - merge_script: meant to run after the array (afterany); merges the part
//    files that exist into `out` with `nnsweep merge --overwrite` (which
//    publishes atomically, so a failed merge leaves `out` as it was; the
//    caller has checked before submitting that `out` is this experiment's or
//    absent), prints `nnsweep slurm --status`, and exits 1 naming the tasks
//    without a part, else with merge's exit code.
//
// Assumes every path is absolute (the jobs start in another directory) and
// that `tasks` >= 1. Values are shell-quoted; #SBATCH lines cannot be quoted
// that way, so sbatch_directive refuses what they cannot carry.
#include <cstdint>
#include <string>
#include <vector>

namespace nnsweep {

struct SlurmJob {
  std::string name;                  // the experiment's name, for job names
  std::string binary;                // the nnsweep executable
  std::string config;                // the experiment file
  std::vector<std::string> sets;     // --set KEY=VALUE, in order
  std::vector<std::string> plugins;  // --plugin libraries
  std::string out;                   // the final, merged results file
  std::string folder;                // the run folder (slurm_folder.hpp)
  std::int64_t tasks = 1;
  int cpus_per_task = 1;                 // the allocation of each task (#SBATCH --cpus-per-task)
  int threads = 1;                       // nnsweep run --threads in each task
  std::string time;                      // #SBATCH --time, "" for the partition's default
  std::string partition;                 // #SBATCH --partition, "" for the default partition
  std::vector<std::string> sbatch_args;  // further #SBATCH lines, as given
};

// "part-03-of-16.h5": task and count zero-padded to the digits of `tasks`, so
// that names sort in task order.
std::string part_file_name(std::int64_t task, std::int64_t tasks);

std::string array_script(const SlurmJob& job);
std::string merge_script(const SlurmJob& job);

// sbatch's --array value for 1-based tasks (sorted, distinct): array indexes
// K-1, runs of consecutive ones as ranges ("0-3,7,9-10").
std::string array_indexes(const std::vector<std::int64_t>& tasks);

// "#SBATCH ARG": ARG double-quoted when it holds blanks (sbatch reads quoted
// directive arguments). Throws std::invalid_argument for an argument sbatch
// could not read back from a directive: empty, not starting with '-', or
// holding a line break or a double quote.
std::string sbatch_directive(const std::string& argument);

}  // namespace nnsweep
