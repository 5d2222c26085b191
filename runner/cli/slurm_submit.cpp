// nnsweep slurm's output: the scripts and manifest written, sbatch called.
#include "cli/slurm_submit.hpp"

#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "cli/exit_codes.hpp"
#include "cluster/sbatch.hpp"

namespace nnsweep {

std::string joined_words(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : " ") + word;
  return text;
}

namespace {

namespace fs = std::filesystem;

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return stamp;
}

std::vector<std::string> sbatch_array(const std::string& folder,
                                      const std::vector<std::int64_t>& run, std::int64_t tasks) {
  std::vector<std::string> argv = {"sbatch", "--parsable"};
  if (static_cast<std::int64_t>(run.size()) < tasks)
    argv.push_back("--array=" + array_indexes(run));
  argv.push_back(folder + "/array.sbatch");
  return argv;
}

std::vector<std::string> sbatch_merge(const std::string& folder, const std::string& array_job) {
  std::vector<std::string> argv = {"sbatch", "--parsable"};
  if (!array_job.empty()) argv.push_back("--dependency=afterany:" + array_job);
  argv.push_back(folder + "/merge.sbatch");
  return argv;
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path);
  fs::permissions(path, fs::perms::owner_exec | fs::perms::group_exec, fs::perm_options::add);
}

// Deletes what an earlier sweep left in the folder's parts (--overwrite).
void empty_parts(const std::string& folder) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder + "/parts", error)) {
    const std::string file = entry.path().filename().string();
    if (file.starts_with("part-")) fs::remove(entry.path());
  }
}

// sbatch's job id, or nullopt once its failure is reported.
std::optional<std::string> submit(const std::vector<std::string>& argv) {
  const CommandOutput output = run_command_capture(argv);
  const auto job = parsable_job_id(output.stdout_text);
  if (output.status == 0 && job) return job;
  std::cerr << "nnsweep: slurm: " << joined_words(argv) << " failed (exit status " << output.status
            << (output.status == 127 ? ": sbatch is not on PATH" : "") << ")\n";
  return std::nullopt;
}

}  // namespace

void print_dry_run(const std::string& folder, const SlurmJob& job, const SlurmDecision& decision) {
  std::cout << "# nnsweep slurm --dry-run: nothing is written or submitted\n";
  if (!decision.to_run.empty()) {
    std::cout << "# ==> " << folder << "/array.sbatch <==\n" << array_script(job);
  }
  std::cout << "# ==> " << folder << "/merge.sbatch <==\n" << merge_script(job);
  if (!decision.to_run.empty()) {
    std::cout << "# would run: " << joined_words(sbatch_array(folder, decision.to_run, job.tasks))
              << "\n";
  }
  std::cout << "# would run: "
            << joined_words(sbatch_merge(folder, decision.to_run.empty() ? "" : "ARRAY_JOB_ID"))
            << "\n";
}

int submit_sweep(const std::string& folder, const SlurmJob& job, const SlurmDecision& decision,
                 SlurmManifest& manifest) {
  if (decision.start_again) empty_parts(folder);
  for (std::int64_t task : decision.foreign) {
    fs::remove(part_path(folder, task, job.tasks));
    fs::remove(part_path(folder, task, job.tasks) + ".partial");
  }
  fs::create_directories(folder + "/parts");
  fs::create_directories(folder + "/logs");
  write_text(folder + "/array.sbatch", array_script(job));
  write_text(folder + "/merge.sbatch", merge_script(job));
  write_manifest(folder, manifest);
  SlurmSubmission submission;
  submission.tasks = decision.to_run;
  submission.submitted_utc = utc_now();
  if (!decision.to_run.empty()) {
    const auto array_job = submit(sbatch_array(folder, decision.to_run, job.tasks));
    if (!array_job) return kExitError;
    submission.array_job = *array_job;
  }
  const auto merge_job = submit(sbatch_merge(folder, submission.array_job));
  if (merge_job) submission.merge_job = *merge_job;
  manifest.submissions.push_back(submission);
  write_manifest(folder, manifest);
  if (!merge_job) return kExitError;
  if (submission.array_job.empty()) {
    std::cout << "nnsweep slurm: every part is complete; submitted merge job "
              << submission.merge_job << "\n";
  } else {
    std::cout << "nnsweep slurm: submitted array job " << submission.array_job << " ("
              << decision.to_run.size() << " of " << job.tasks
              << " tasks, --array=" << array_indexes(decision.to_run) << ") and merge job "
              << submission.merge_job << " (afterany:" << submission.array_job << ")\n";
  }
  std::cout << "run folder: " << folder << "\n"
            << "progress: nnsweep slurm --status " << folder << "\n"
            << "merged output, once the merge job ends: " << manifest.out << "\n";
  return kExitOk;
}

}  // namespace nnsweep
