#pragma once
// Calling Slurm's client commands (sbatch, squeue) found on PATH, as child
// processes whose standard output is read back; their standard error goes to
// ours, so that Slurm's own messages reach the user unchanged.
#include <optional>
#include <string>
#include <vector>

namespace nnsweep {

struct CommandOutput {
  int status = -1;  // exit status; 127 when the program was not found, -1 when signalled
  std::string stdout_text;
};

// Runs argv[0] (looked up on PATH) with argv and waits for it; its standard
// error is ours unless `discard_stderr`. Throws std::runtime_error only when
// no pipe can be made.
CommandOutput run_command_capture(const std::vector<std::string>& argv,
                                  bool discard_stderr = false);

// The job id in `sbatch --parsable` output ("1234" or "1234;cluster", one line).
std::optional<std::string> parsable_job_id(const std::string& output);

// Of `jobs`, those Slurm still has queued or running (squeue). Empty when squeue
// fails or is missing: a controller that forgot a job has nothing of it left running.
std::vector<std::string> jobs_in_queue(const std::vector<std::string>& jobs);

}  // namespace nnsweep
