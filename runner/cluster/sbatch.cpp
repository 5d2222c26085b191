#include "cluster/sbatch.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace nnsweep {

CommandOutput run_command_capture(const std::vector<std::string>& argv, bool discard_stderr) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  if (discard_stderr) {
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  }
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  CommandOutput output;
  if (spawned != 0) {
    ::close(pipe_fds[0]);
    output.status = spawned == ENOENT ? 127 : 126;
    return output;
  }
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    output.stdout_text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  output.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return output;
}

std::optional<std::string> parsable_job_id(const std::string& output) {
  std::string line = output.substr(0, output.find('\n'));
  line = line.substr(0, line.find(';'));
  if (line.empty()) return std::nullopt;
  for (char c : line) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return line;
}

std::vector<std::string> jobs_in_queue(const std::vector<std::string>& jobs) {
  std::vector<std::string> queued;
  std::string list;
  for (const std::string& job : jobs) {
    if (!job.empty()) list += (list.empty() ? "" : ",") + job;
  }
  if (list.empty()) return queued;
  // %F: an array task's job id is its array's, so one line per job or task.
  const CommandOutput output =
      run_command_capture({"squeue", "--noheader", "--format=%F", "--jobs=" + list}, true);
  if (output.status != 0) return queued;
  std::istringstream lines(output.stdout_text);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && (queued.empty() || queued.back() != line)) queued.push_back(line);
  }
  return queued;
}

}  // namespace nnsweep
