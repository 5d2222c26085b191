#include "cluster/slurm_script.hpp"

#include <algorithm>
#include <stdexcept>

#include "cli/arguments.hpp"

namespace nnsweep {
namespace {

int digits(std::int64_t value) {
  return static_cast<int>(std::to_string(value).size());
}

// The printf format of a part's path in the scripts, the same name as part_file_name.
std::string part_format(const SlurmJob& job) {
  const std::string width = std::to_string(digits(job.tasks));
  return job.folder + "/parts/part-%0" + width + "d-of-%0" + width + "d.h5";
}

std::string directives(const SlurmJob& job, const std::string& job_name, int cpus) {
  std::string text = sbatch_directive("--job-name=" + job_name);
  text += "#SBATCH --cpus-per-task=" + std::to_string(cpus) + "\n";
  if (!job.time.empty()) text += sbatch_directive("--time=" + job.time);
  if (!job.partition.empty()) text += sbatch_directive("--partition=" + job.partition);
  for (const std::string& argument : job.sbatch_args) text += sbatch_directive(argument);
  return text;
}

std::string shell_words(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : " ") + shell_quote(word);
  return text;
}

}  // namespace

std::string part_file_name(std::int64_t task, std::int64_t tasks) {
  const int width = digits(tasks);
  auto padded = [width](std::int64_t value) {
    std::string text = std::to_string(value);
    return std::string(static_cast<std::size_t>(std::max(0, width - digits(value))), '0') + text;
  };
  return "part-" + padded(task) + "-of-" + padded(tasks) + ".h5";
}

std::string sbatch_directive(const std::string& argument) {
  if (argument.empty() || argument[0] != '-') {
    throw std::invalid_argument("an sbatch argument starts with '-', got '" + argument + "'");
  }
  bool blank = false;
  for (char c : argument) {
    if (c == '\n' || c == '\r' || c == '"' || c == '\'' || c == '\\') {
      throw std::invalid_argument("the sbatch argument '" + argument +
                                  "' holds a quote, backslash or line break, which an #SBATCH "
                                  "line cannot carry");
    }
    // Unquoted, a blank ends the argument and '#' starts a comment.
    blank = blank || c == ' ' || c == '\t' || c == '#';
  }
  return "#SBATCH " + (blank ? "\"" + argument + "\"" : argument) + "\n";
}

std::string array_indexes(const std::vector<std::int64_t>& tasks) {
  std::string text;
  for (std::size_t i = 0; i < tasks.size();) {
    std::size_t last = i;
    while (last + 1 < tasks.size() && tasks[last + 1] == tasks[last] + 1) ++last;
    text += (text.empty() ? "" : ",") + std::to_string(tasks[i] - 1);
    if (last > i) text += "-" + std::to_string(tasks[last] - 1);
    i = last + 1;
  }
  return text;
}

std::string array_script(const SlurmJob& job) {
  std::vector<std::string> run = {job.binary, "run", job.config};
  for (const std::string& set : job.sets) run.insert(run.end(), {"--set", set});
  for (const std::string& plugin : job.plugins) run.insert(run.end(), {"--plugin", plugin});
  // Not --quiet: the log keeps "resuming: ..." and the progress lines.
  run.insert(run.end(), {"--threads", std::to_string(job.threads)});
  const std::string tasks = std::to_string(job.tasks);
  std::string text = "#!/bin/bash\n";
  text += "# nnsweep slurm: array task K of " + tasks + " trains share K/" + tasks + " of " +
          job.name + " into its part file; rerun, it resumes from the part's journal.\n";
  text += directives(job, "nnsweep-" + job.name, job.cpus_per_task);
  text += "#SBATCH --array=0-" + std::to_string(job.tasks - 1) + "\n";
  text += sbatch_directive("--output=" + job.folder + "/logs/%A_%a.out");
  text += "set -u\n";
  text += "tasks=" + tasks + "\n";
  text += "task=$((SLURM_ARRAY_TASK_ID + 1))\n";
  text += "part=$(printf " + shell_quote(part_format(job)) + " \"$task\" \"$tasks\")\n";
  text += "echo \"nnsweep slurm: task $task of $tasks on $(hostname) -> $part\"\n";
  text += shell_words(run) + " --share \"$task/$tasks\" --out \"$part\"\n";
  text += "status=$?\n";
  // Exit 3 is runs that diverged or failed: results too, and the part is complete.
  text += "if [ \"$status\" -eq 3 ]; then status=0; fi\n";
  text += "echo \"nnsweep slurm: task $task of $tasks ended with exit status $status\"\n";
  text += "exit \"$status\"\n";
  return text;
}

std::string merge_script(const SlurmJob& job) {
  const std::string binary = shell_quote(job.binary);
  std::string text = "#!/bin/bash\n";
  text += "# nnsweep slurm: merges the parts of the " + job.name +
          " array job into the final results file and names the tasks without a part.\n";
  text += directives(job, "nnsweep-" + job.name + "-merge", 1);
  text += sbatch_directive("--output=" + job.folder + "/logs/merge-%j.out");
  text += "set -u\n";
  text += "tasks=" + std::to_string(job.tasks) + "\n";
  text += "out=" + shell_quote(job.out) + "\n";
  text += "parts=()\nmissing=()\n";
  text += "for task in $(seq 1 \"$tasks\"); do\n";
  text += "  part=$(printf " + shell_quote(part_format(job)) + " \"$task\" \"$tasks\")\n";
  text += "  if [ -e \"$part\" ]; then parts+=(\"$part\"); else missing+=(\"$task\"); fi\n";
  text += "done\n";
  text += "status=0\n";
  text += "if [ \"${#parts[@]}\" -gt 0 ]; then\n";
  text += "  " + binary + " merge --overwrite \"$out\" \"${parts[@]}\" || status=$?\n";
  text += "fi\n";
  text += binary + " slurm --status " + shell_quote(job.folder) + "\n";
  text += "if [ \"${#missing[@]}\" -gt 0 ]; then\n";
  text += "  echo \"nnsweep slurm: ${#missing[@]} of $tasks tasks left no part file: tasks " +
          std::string("${missing[*]}") + "\" >&2\n";
  text +=
      "  echo \"nnsweep slurm: run the same nnsweep slurm command again: it reruns only those "
      "tasks, each resuming from its journal\" >&2\n";
  text += "  exit 1\n";
  text += "fi\n";
  text += "exit \"$status\"\n";
  return text;
}

}  // namespace nnsweep
