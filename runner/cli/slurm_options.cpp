// The options of `nnsweep slurm`: those of run that shape the runs, and those
// that shape the Slurm jobs.
#include <CLI/CLI.hpp>

#include "cli/arguments.hpp"
#include "cli/slurm_command.hpp"

namespace nnsweep {

void add_slurm_command(CLI::App& app, SlurmArguments& arguments) {
  CLI::App* command = app.add_subcommand(
      "slurm",
      "run a sweep as a Slurm array job: N tasks each train a share into a part file, then a "
      "dependent job merges them; rerun the same command to resubmit the unfinished tasks");
  // Not required: --status takes a run folder instead (checked by slurm_command).
  command->add_option("CONFIG", arguments.config, "experiment YAML file");
  command
      ->add_option("--set", arguments.sets,
                   "override a config value before validation: KEY=VALUE (as for run)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command
      ->add_option("--plugin", arguments.plugins,
                   "load plugins from this shared library (nnsweep/plugin.h); repeatable")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command->add_option("-o,--out", arguments.out,
                      "merged results file (default: results/<name>.h5); the run folder is "
                      "beside it, OUT without .h5 plus .slurm");
  command
      ->add_option("--tasks", arguments.tasks,
                   "array tasks, each running share K/N of the runs (default: the runs, at most " +
                       std::to_string(kDefaultTasks) + ")")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1} << 30));
  command
      ->add_option("--cpus-per-task", arguments.cpus_per_task,
                   "CPUs of each task (#SBATCH --cpus-per-task), and its run --threads (default 1)")
      ->check(CLI::Range(1, 4096));
  command
      ->add_option("--threads", arguments.threads,
                   "run --threads of each task (default: --cpus-per-task)")
      ->check(CLI::Range(1, 4096));
  command->add_option("--time", arguments.time, "time limit of each job (#SBATCH --time)");
  command->add_option("--partition", arguments.partition, "partition (#SBATCH --partition)");
  command
      ->add_option("--sbatch-arg", arguments.sbatch_args,
                   "a further sbatch option for both jobs, written as an #SBATCH line "
                   "(--sbatch-arg=--account=X); repeatable")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command->add_flag("--dry-run", arguments.dry_run,
                    "print the scripts and the sbatch commands; write and submit nothing");
  command->add_flag("--overwrite", arguments.overwrite,
                    "start again in a run folder (or over an output) of another experiment or "
                    "task count: its parts and journals are deleted");
  command->add_option("--status", arguments.status,
                      "print each task's runs planned and finished in RUN_FOLDER, and the "
                      "merged output's state");
  add_format_option(*command, arguments.format,
                    "of --status: table (default), csv, json or markdown: one row per task with "
                    "task, runs, finished and state");
}

}  // namespace nnsweep
