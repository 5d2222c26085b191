#pragma once
// The writing half of `nnsweep slurm` (cli/slurm_command.hpp): given what the
// run folder's state asks for, print it (--dry-run) or write the folder and
// call sbatch. Assumes the decision was made against the same folder and
// manifest, and that the job's script text has already been made once (so an
// argument no #SBATCH line carries was refused before anything is written).
#include <cstdint>
#include <string>
#include <vector>

#include "cluster/slurm_folder.hpp"
#include "cluster/slurm_script.hpp"

namespace nnsweep {

struct SlurmDecision {
  std::vector<std::int64_t> to_run;   // 1-based tasks to submit
  bool start_again = false;           // --overwrite over another sweep's parts
  std::vector<std::int64_t> foreign;  // --overwrite: tasks whose part or journal is deleted
};

// Both scripts and the sbatch commands, on stdout; nothing written.
void print_dry_run(const std::string& folder, const SlurmJob& job, const SlurmDecision& decision);

// Writes the scripts and manifest, submits the array job (the decision's
// tasks, if any) and the merge job after it, records their ids in the
// manifest and prints them. Exit code: 0, or 1 when sbatch fails (reported).
int submit_sweep(const std::string& folder, const SlurmJob& job, const SlurmDecision& decision,
                 SlurmManifest& manifest);

// The words joined by single spaces, as messages show commands and job lists.
std::string joined_words(const std::vector<std::string>& words);

}  // namespace nnsweep
