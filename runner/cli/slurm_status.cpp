// nnsweep slurm --status RUN_FOLDER: each task's runs planned and finished,
// read from the folder alone (no Slurm command), so it works on any machine
// that sees the folder and while tasks are running.
#include <cstdio>
#include <iostream>

#include "cli/exit_codes.hpp"
#include "cli/output_format.hpp"
#include "cli/slurm_command.hpp"
#include "cluster/slurm_folder.hpp"
#include "cluster/slurm_script.hpp"

namespace nnsweep {
namespace {

struct Totals {
  std::int64_t planned = 0, finished = 0, done = 0;
};

Totals totals_of(const std::vector<TaskStatus>& statuses) {
  Totals totals;
  for (const TaskStatus& status : statuses) {
    totals.planned += status.planned;
    totals.finished += status.finished;
    totals.done += status.state == TaskState::done;
  }
  return totals;
}

std::string last_submission(const SlurmManifest& manifest) {
  if (manifest.submissions.empty()) return "nothing submitted";
  const SlurmSubmission& last = manifest.submissions.back();
  std::string text = "last submitted " + last.submitted_utc + ": ";
  if (!last.array_job.empty()) {
    text += "array job " + last.array_job + " (" + std::to_string(last.tasks.size()) +
            " tasks, --array=" + array_indexes(last.tasks) + "), ";
  }
  return text + "merge job " + last.merge_job;
}

void print_table(const std::string& folder, const SlurmManifest& manifest,
                 const std::vector<TaskStatus>& statuses, OutputState output) {
  const Totals totals = totals_of(statuses);
  std::printf("%s: %s, %lld runs in %lld tasks; %s\n", folder.c_str(), manifest.name.c_str(),
              (long long)manifest.runs, (long long)manifest.tasks,
              last_submission(manifest).c_str());
  std::printf("%6s %8s %9s  %s\n", "task", "runs", "finished", "state");
  for (const TaskStatus& s : statuses) {
    std::printf("%6lld %8lld %9lld  %s%s\n", (long long)s.task, (long long)s.planned,
                (long long)s.finished, state_name(s.state).c_str(),
                s.note.empty() ? "" : (": " + s.note).c_str());
  }
  std::printf("%6s %8lld %9lld  %lld of %lld tasks done\n", "total", (long long)totals.planned,
              (long long)totals.finished, (long long)totals.done, (long long)manifest.tasks);
  std::printf("merged output %s: %s\n", manifest.out.c_str(), output_state_name(output).c_str());
}

void print_rows(OutputFormat format, const std::string& folder, const SlurmManifest& manifest,
                const std::vector<TaskStatus>& statuses, OutputState output) {
  const std::vector<std::string> headers = {"task", "runs", "finished", "state"};
  if (format == OutputFormat::json) {
    const Totals totals = totals_of(statuses);
    const nlohmann::ordered_json head = {
        {"folder", folder},        {"name", manifest.name},
        {"out", manifest.out},     {"output", output_state_name(output)},
        {"runs", totals.planned},  {"finished", totals.finished},
        {"tasks", manifest.tasks}, {"tasks_done", totals.done}};
    const std::string text = head.dump();
    // The rows follow as the array "task_states", which RowWriter streams.
    std::cout << text.substr(0, text.size() - 1) << ",\"task_states\":";
  }
  RowWriter rows(std::cout, format, headers);
  for (const TaskStatus& s : statuses) {
    const std::string state = state_name(s.state);
    rows.row(
        {std::to_string(s.task), std::to_string(s.planned), std::to_string(s.finished), state},
        {ParamValue{s.task}, ParamValue{s.planned}, ParamValue{s.finished}, ParamValue{state}});
  }
  rows.finish();
  if (format == OutputFormat::json) std::cout << "}\n";
}

}  // namespace

int slurm_status_command(const std::string& folder, const std::string& format) {
  try {
    const SlurmManifest manifest = read_manifest(folder);
    const std::vector<TaskStatus> statuses = task_statuses(folder, manifest);
    const OutputState output = output_state(manifest.out, manifest.experiment_id);
    const OutputFormat chosen = parse_format(format);
    if (chosen == OutputFormat::table) {
      print_table(folder, manifest, statuses, output);
    } else {
      print_rows(chosen, folder, manifest, statuses, output);
    }
  } catch (const FolderError& error) {
    std::cerr << "nnsweep: " << error.what() << "\n";
    return kExitConfigError;
  } catch (const std::exception& error) {
    std::cerr << "nnsweep: " << error.what() << "\n";
    return kExitError;
  }
  return kExitOk;
}

}  // namespace nnsweep
