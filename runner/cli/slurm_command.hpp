#pragma once
// nnsweep slurm: a sweep as a Slurm array job (cluster/slurm_script.hpp)
// with a run folder beside its output (cluster/slurm_folder.hpp).
//
//   nnsweep slurm CONFIG [options]   plans the sweep (config errors: exit 2,
//       nothing written), writes the run folder and submits the tasks whose
//       part is not complete, then the merge job (afterany). With every part
//       and the merged output complete it submits nothing (exit 0).
//       --dry-run prints the scripts and the sbatch commands, writes nothing.
//   nnsweep slurm --status RUN_FOLDER   each task's runs planned and finished.
//
// Refusals (exit 2, nothing written or submitted): a run folder or final
// output of another experiment or task count (unless --overwrite, which
// empties the folder's parts), jobs of the folder still queued, more tasks
// than runs. sbatch failing is exit 1.
#include <cstdint>
#include <string>
#include <vector>

#include "cli/commands.hpp"

namespace CLI {
class App;
}

namespace nnsweep {

struct SlurmArguments : ConfigArguments {
  std::string out;         // the final output; default results/<name>.h5
  std::int64_t tasks = 0;  // 0: min(runs, kDefaultTasks)
  int cpus_per_task = 1;
  int threads = 0;  // nnsweep run --threads of each task; 0: cpus_per_task
  std::string time;
  std::string partition;
  std::vector<std::string> sbatch_args;
  bool dry_run = false;
  bool overwrite = false;
  std::string status;  // --status RUN_FOLDER
  std::string format = "table";
};

constexpr std::int64_t kDefaultTasks = 100;

// Adds the `slurm` subcommand and its options to `app`.
void add_slurm_command(CLI::App& app, SlurmArguments& arguments);

int slurm_command(const SlurmArguments& arguments, const Registries& registries);
// `format`: table, csv, json or markdown (cli/output_format.hpp).
int slurm_status_command(const std::string& folder, const std::string& format);

}  // namespace nnsweep
