#include "cluster/slurm_folder.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cluster/slurm_script.hpp"
#include "store/journal_scan.hpp"
#include "store/results.hpp"

namespace nnsweep {
namespace {

using nlohmann::ordered_json;

ordered_json to_json(const SlurmManifest& m) {
  ordered_json submissions = ordered_json::array();
  for (const SlurmSubmission& s : m.submissions) {
    submissions.push_back({{"array_job", s.array_job},
                           {"merge_job", s.merge_job},
                           {"tasks", s.tasks},
                           {"submitted_utc", s.submitted_utc}});
  }
  return {{"format", "nnsweep-slurm 1"},
          {"config", m.config},
          {"sets", m.sets},
          {"plugins", m.plugins},
          {"out", m.out},
          {"name", m.name},
          {"experiment_id", m.experiment_id},
          {"runs", m.runs},
          {"tasks", m.tasks},
          {"cpus_per_task", m.cpus_per_task},
          {"task_runs", m.task_runs},
          {"submissions", submissions}};
}

SlurmManifest from_json(const ordered_json& j) {
  SlurmManifest m;
  j.at("config").get_to(m.config);
  j.at("sets").get_to(m.sets);
  j.at("plugins").get_to(m.plugins);
  j.at("out").get_to(m.out);
  j.at("name").get_to(m.name);
  j.at("experiment_id").get_to(m.experiment_id);
  j.at("runs").get_to(m.runs);
  j.at("tasks").get_to(m.tasks);
  j.at("cpus_per_task").get_to(m.cpus_per_task);
  j.at("task_runs").get_to(m.task_runs);
  for (const ordered_json& s : j.at("submissions")) {
    SlurmSubmission submission;
    s.at("array_job").get_to(submission.array_job);
    s.at("merge_job").get_to(submission.merge_job);
    s.at("tasks").get_to(submission.tasks);
    s.at("submitted_utc").get_to(submission.submitted_utc);
    m.submissions.push_back(std::move(submission));
  }
  if (m.tasks < 1 || m.task_runs.size() != static_cast<std::size_t>(m.tasks)) {
    throw std::runtime_error("task_runs does not have one entry per task");
  }
  return m;
}

TaskStatus status_of(const std::string& folder, const SlurmManifest& manifest, std::int64_t task) {
  TaskStatus status;
  status.task = task;
  status.planned = manifest.task_runs[static_cast<std::size_t>(task - 1)];
  const std::string share = std::to_string(task) + "/" + std::to_string(manifest.tasks);
  const std::string part = part_path(folder, task, manifest.tasks);
  std::error_code error;
  if (std::filesystem::exists(part, error)) {
    try {
      const ResultsIdentity identity = read_results_identity(part);
      if (identity.experiment_id == manifest.experiment_id && identity.share == share) {
        status.state = TaskState::done;
        status.finished = identity.runs;
        return status;
      }
      status.note = part + " holds share '" + identity.share + "' of experiment '" + identity.name +
                    "' (id " + identity.experiment_id + ")";
    } catch (const std::exception& failure) {
      status.note = part + " is not a results file (" + failure.what() + ")";
    }
    status.state = TaskState::foreign;
    return status;
  }
  const JournalScan journal = scan_journal(part + ".partial");
  if (!journal.exists) return status;
  if (!journal.recognised || journal.identity != manifest.name + " " + share) {
    status.state = TaskState::foreign;
    status.note = part + ".partial is not a journal of share " + share + " of " + manifest.name;
    return status;
  }
  status.state = TaskState::partial;
  status.finished = journal.records;
  return status;
}

}  // namespace

std::string run_folder_of(const std::string& out) {
  const std::string stem =
      out.size() > 3 && out.ends_with(".h5") ? out.substr(0, out.size() - 3) : out;
  return stem + ".slurm";
}

std::string manifest_path(const std::string& folder) {
  return folder + "/manifest.json";
}

std::string part_path(const std::string& folder, std::int64_t task, std::int64_t tasks) {
  return folder + "/parts/" + part_file_name(task, tasks);
}

SlurmManifest read_manifest(const std::string& folder) {
  const std::string path = manifest_path(folder);
  std::ifstream in(path);
  if (!in) {
    throw FolderError(folder + " is not a run folder of nnsweep slurm: " + path +
                      " cannot be read");
  }
  try {
    return from_json(ordered_json::parse(in));
  } catch (const std::exception& failure) {
    throw FolderError(path + " is not a manifest of nnsweep slurm: " + failure.what());
  }
}

void write_manifest(const std::string& folder, const SlurmManifest& manifest) {
  const std::string path = manifest_path(folder);
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << to_json(manifest).dump(2) << "\n";
    out.close();
    if (!out) throw std::runtime_error("cannot write " + temporary);
  }
  std::filesystem::rename(temporary, path);
}

std::string state_name(TaskState state) {
  switch (state) {
    case TaskState::done:
      return "done";
    case TaskState::partial:
      return "partial";
    case TaskState::not_started:
      return "not started";
    case TaskState::foreign:
      return "foreign";
  }
  return "";
}

std::vector<TaskStatus> task_statuses(const std::string& folder, const SlurmManifest& manifest) {
  std::vector<TaskStatus> statuses;
  for (std::int64_t task = 1; task <= manifest.tasks; ++task) {
    statuses.push_back(status_of(folder, manifest, task));
  }
  return statuses;
}

std::string output_state_name(OutputState state) {
  switch (state) {
    case OutputState::absent:
      return "absent";
    case OutputState::complete:
      return "complete";
    case OutputState::partial:
      return "partial";
    case OutputState::foreign:
      return "foreign";
  }
  return "";
}

OutputState output_state(const std::string& out, const std::string& experiment_id) {
  std::error_code error;
  if (!std::filesystem::exists(out, error)) return OutputState::absent;
  try {
    const ResultsIdentity identity = read_results_identity(out);
    if (identity.experiment_id != experiment_id) return OutputState::foreign;
    // merge leaves `share` out only when no share is missing.
    return identity.share.empty() ? OutputState::complete : OutputState::partial;
  } catch (const std::exception&) {
    return OutputState::foreign;
  }
}

}  // namespace nnsweep
