// nnsweep slurm CONFIG: plan the sweep, lay out its run folder, submit the
// tasks whose part is not complete and the merge job after them.
#include "cli/slurm_command.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>
#include <variant>

#include "cli/exit_codes.hpp"
#include "cli/prepare.hpp"
#include "cli/slurm_submit.hpp"
#include "cluster/sbatch.hpp"
#include "cluster/slurm_folder.hpp"
#include "cluster/slurm_script.hpp"
#include "session/planned_experiment.hpp"

namespace nnsweep {
namespace {

namespace fs = std::filesystem;

std::string absolute(const std::string& path) {
  return fs::absolute(path).lexically_normal().string();
}

int refuse(const std::string& message) {
  std::cerr << "nnsweep: slurm: " << message << "\n";
  return kExitConfigError;
}

// The plan's identity and size: exit code on a config error, nothing written.
std::variant<int, SlurmManifest> plan_sweep(const SlurmArguments& arguments,
                                            const Registries& registries) {
  SlurmManifest manifest;
  try {
    const auto prepared = prepare(arguments, registries);
    const PlannedExperiment experiment =
        plan_experiment(prepared->document, *prepared->plan, *prepared->resolver);
    manifest.name = experiment.name;
    manifest.experiment_id = experiment.experiment_id;
    // Sweep points: a share's part holds fewer rows when some of its points
    // repeat a run (session/session_rows.hpp), which only training finds.
    manifest.runs = experiment.points;
  } catch (const ConfigError& error) {
    return report_config_error(error);
  }
  manifest.config = absolute(arguments.config);
  manifest.sets = arguments.sets;
  for (const std::string& plugin : arguments.plugins) manifest.plugins.push_back(absolute(plugin));
  manifest.out =
      absolute(arguments.out.empty() ? "results/" + manifest.name + ".h5" : arguments.out);
  manifest.cpus_per_task = arguments.cpus_per_task;
  return manifest;
}

// Each share's sweep points: share K of N holds the indices i with i % N == K - 1.
void count_shares(SlurmManifest& manifest, std::int64_t tasks) {
  std::vector<std::int64_t> counts;
  for (std::int64_t part = 1; part <= tasks; ++part) {
    counts.push_back((manifest.runs + tasks - part) / tasks);
  }
  manifest.tasks = tasks;
  manifest.task_runs = std::move(counts);
}

SlurmJob job_of(const SlurmManifest& manifest, const SlurmArguments& arguments,
                const std::string& folder) {
  SlurmJob job;
  job.name = manifest.name;
  job.binary = fs::read_symlink("/proc/self/exe").string();
  job.config = manifest.config;
  job.sets = manifest.sets;
  job.plugins = manifest.plugins;
  job.out = manifest.out;
  job.folder = folder;
  job.tasks = manifest.tasks;
  job.cpus_per_task = arguments.cpus_per_task;
  job.threads = arguments.threads > 0 ? arguments.threads : arguments.cpus_per_task;
  job.time = arguments.time;
  job.partition = arguments.partition;
  job.sbatch_args = arguments.sbatch_args;
  return job;
}

// What the folder's state asks for, or an exit code after a refusal.
std::variant<int, SlurmDecision> decide(const SlurmArguments& arguments, const std::string& folder,
                                        const std::optional<SlurmManifest>& previous,
                                        SlurmManifest& manifest) {
  SlurmDecision decision;
  const bool same = previous && previous->experiment_id == manifest.experiment_id &&
                    previous->tasks == manifest.tasks;
  // Before anything else: --overwrite must not delete what running tasks write.
  if (previous && !previous->submissions.empty()) {
    const SlurmSubmission& last = previous->submissions.back();
    const auto queued = jobs_in_queue({last.array_job, last.merge_job});
    if (!queued.empty()) {
      return refuse("jobs " + joined_words(queued) + " of " + folder +
                    " are still queued or running; wait for them to end (squeue) or scancel "
                    "them, then run this command again");
    }
  }
  if (previous && !same) {
    if (!arguments.overwrite) {
      return refuse(folder + " holds the sweep of experiment '" + previous->name + "' (id " +
                    previous->experiment_id + ") in " + std::to_string(previous->tasks) +
                    " tasks, not this one (id " + manifest.experiment_id + ", " +
                    std::to_string(manifest.tasks) +
                    " tasks); use --overwrite to delete its parts and start again");
    }
    decision.start_again = true;
  }
  if (same) manifest.submissions = previous->submissions;
  if (decision.start_again) {
    for (std::int64_t task = 1; task <= manifest.tasks; ++task) decision.to_run.push_back(task);
    return decision;
  }
  for (const TaskStatus& status : task_statuses(folder, manifest)) {
    if (status.state == TaskState::foreign) {
      // A damaged part, or another sweep's: `nnsweep run` would refuse it too.
      if (!arguments.overwrite) {
        return refuse(status.note + "; delete it, or use --overwrite to have it deleted, and " +
                      "run this command again");
      }
      decision.foreign.push_back(status.task);
    }
    if (status.state != TaskState::done) decision.to_run.push_back(status.task);
  }
  return decision;
}

}  // namespace

int slurm_command(const SlurmArguments& arguments, const Registries& registries) {
  if (!arguments.status.empty()) {
    if (!arguments.config.empty()) return refuse("give CONFIG or --status RUN_FOLDER, not both");
    return slurm_status_command(arguments.status, arguments.format);
  }
  if (arguments.config.empty()) return refuse("CONFIG (or --status RUN_FOLDER) is required");
  auto planned = plan_sweep(arguments, registries);
  if (const int* code = std::get_if<int>(&planned)) return *code;
  SlurmManifest& manifest = std::get<SlurmManifest>(planned);
  const std::string folder = run_folder_of(manifest.out);
  const OutputState output = output_state(manifest.out, manifest.experiment_id);
  if (output == OutputState::complete) {
    std::cout << "nnsweep slurm: " << manifest.out << " is up to date (" << manifest.runs
              << " runs); nothing submitted\n";
    return kExitOk;
  }
  if (output == OutputState::foreign && !arguments.overwrite) {
    return refuse(manifest.out +
                  " holds another experiment (or is not a results file) and is left untouched; "
                  "use --overwrite to let the merge job replace it");
  }
  std::optional<SlurmManifest> previous;
  std::error_code error;
  if (fs::exists(manifest_path(folder), error)) {
    try {
      previous = read_manifest(folder);
    } catch (const FolderError& broken) {
      if (!arguments.overwrite) return refuse(std::string(broken.what()) + "; use --overwrite");
    }
  }
  const std::int64_t tasks = arguments.tasks > 0 ? arguments.tasks
                             : previous && previous->experiment_id == manifest.experiment_id
                                 ? previous->tasks
                                 : std::min(manifest.runs, kDefaultTasks);
  if (tasks > manifest.runs) {
    return refuse("--tasks " + std::to_string(tasks) + " is more than the " +
                  std::to_string(manifest.runs) + " runs of the sweep; every task needs a run");
  }
  count_shares(manifest, tasks);
  const SlurmJob job = job_of(manifest, arguments, folder);
  try {
    // Script text first: an argument no #SBATCH line can carry is refused
    // before anything is written.
    (void)array_script(job);
    auto decided = decide(arguments, folder, previous, manifest);
    if (const int* code = std::get_if<int>(&decided)) return *code;
    const SlurmDecision& decision = std::get<SlurmDecision>(decided);
    if (arguments.dry_run) {
      print_dry_run(folder, job, decision);
      return kExitOk;
    }
    return submit_sweep(folder, job, decision, manifest);
  } catch (const std::invalid_argument& bad) {
    return refuse(bad.what());
  } catch (const std::exception& failure) {
    std::cerr << "nnsweep: slurm: " << failure.what() << "\n";
    return kExitError;
  }
}

}  // namespace nnsweep
