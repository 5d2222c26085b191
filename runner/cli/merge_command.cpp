// nnsweep merge OUTPUT PART...: join the results files of one sweep's shares.
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "session/merge.hpp"
#include "session/refusal.hpp"

namespace nnsweep {

int merge_command(const std::string& output, const std::vector<std::string>& parts,
                  bool overwrite) {
  std::error_code error;
  if (std::filesystem::exists(output, error) && !overwrite) {
    std::cerr << "nnsweep: " << output
              << " already exists and is left untouched; use --overwrite to replace it\n";
    return kExitConfigError;
  }
  MergedResults merged;
  try {
    merged = merge_parts(parts);
    publish_results_file(output, merged.results, overwrite);
  } catch (const Refusal& refusal) {
    std::cerr << "nnsweep: " << refusal.what() << "; " << output << " not written\n";
    return kExitConfigError;
  } catch (const std::exception& failure) {
    std::cerr << "nnsweep: " << failure.what() << "\n";
    return kExitError;
  }
  std::cout << "merged " << merged.results.runs.size() << " runs of " << merged.results.plan_size
            << " sweep points from " << parts.size() << " parts into " << output << "\n";
  if (merged.missing) {
    std::cerr << "nnsweep: warning: " << merged.missing
              << " runs of the plan are in none of the parts";
    if (!merged.missing_shares.empty()) {
      std::cerr << " (missing shares:";
      for (const std::string& share : merged.missing_shares) std::cerr << " " << share;
      std::cerr << ")";
    }
    std::cerr << "\n";
  }
  return kExitOk;
}

}  // namespace nnsweep
