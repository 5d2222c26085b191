#pragma once
// What the output path already holds, and what a session may do with it.
#include <optional>
#include <string>

#include "session/planned_experiment.hpp"
#include "util/file_identity.hpp"

namespace nnsweep {

struct OutputDecision {
  bool exists = false;      // something is at the path (it will be replaced whole)
  bool up_to_date = false;  // it holds exactly this plan (and share): nothing to do
  bool reuse = false;       // it holds this experiment: reuse its runs by run id
  // It holds this experiment computed with another arithmetic
  // (config/experiment.hpp: kArithmetic): its runs, none of them reusable.
  std::int64_t other_arithmetic_runs = 0;
  // The file decided about, to check just before replacing it.
  std::optional<FileIdentity> seen;
};

// Throws Refusal when the path is a directory or a special file, or holds
// another experiment or a non-results file and `overwrite` is not set.
OutputDecision decide_output(const std::string& out, const PlannedExperiment& experiment,
                             const std::string& share, bool overwrite, bool fresh);

// Creates the output's folder (and its parents) when missing, and checks that a
// file can be created there. Throws Refusal saying what is wrong.
void prepare_output_folder(const std::string& out);

}  // namespace nnsweep
