// nnsweep merge OUTPUT PART...: join the results files of one sweep's shares.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "store/results.hpp"

namespace nnsweep {
namespace {

// Adds `part` to `merged`; throws std::invalid_argument when they cannot be one sweep.
void absorb(Results& merged, Results&& part, const std::string& part_path) {
  if (merged.experiment_id.empty()) {
    merged = std::move(part);
    return;
  }
  if (part.experiment_id != merged.experiment_id || part.plan_size != merged.plan_size ||
      part.swept_keys != merged.swept_keys) {
    throw std::invalid_argument(part_path + " holds a different experiment ('" +
                                part.provenance["name"] + "', id " + part.experiment_id +
                                ") from the first part (id " + merged.experiment_id +
                                "); only shares of one sweep can be merged");
  }
  for (RunRecord& run : part.runs) merged.runs.push_back(std::move(run));
  for (auto& [id, data] : part.datasets) merged.datasets.emplace(id, std::move(data));
}

}  // namespace

int merge_command(const std::string& output, const std::vector<std::string>& parts,
                  bool overwrite) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::exists(output, error) && !overwrite) {
    std::cerr << "nnsweep: " << output
              << " already exists and is left untouched; use --overwrite to replace it\n";
    return kExitConfigError;
  }
  Results merged;
  try {
    for (const std::string& path : parts) absorb(merged, read_results_file(path), path);
    std::sort(merged.runs.begin(), merged.runs.end(),
              [](const RunRecord& a, const RunRecord& b) { return a.index < b.index; });
    for (std::size_t i = 1; i < merged.runs.size(); ++i) {
      if (merged.runs[i].index == merged.runs[i - 1].index) {
        throw std::invalid_argument("run " + std::to_string(merged.runs[i].index) +
                                    " appears in more than one part");
      }
    }
  } catch (const std::invalid_argument& refusal) {
    std::cerr << "nnsweep: " << refusal.what() << "; " << output << " not written\n";
    return kExitConfigError;
  } catch (const std::exception& failure) {
    std::cerr << "nnsweep: " << failure.what() << "\n";
    return kExitError;
  }
  const auto missing = merged.plan_size - static_cast<std::int64_t>(merged.runs.size());
  merged.share = missing == 0 ? "" : "merged " + std::to_string(merged.runs.size()) + " of " +
                                         std::to_string(merged.plan_size);
  try {
    publish_results_file(output, merged, overwrite);
  } catch (const std::exception& failure) {
    std::cerr << "nnsweep: " << failure.what() << "\n";
    return kExitError;
  }
  std::cout << "merged " << merged.runs.size() << " of " << merged.plan_size << " runs from "
            << parts.size() << " parts into " << output << "\n";
  if (missing) {
    std::cerr << "nnsweep: warning: " << missing << " runs of the plan are in none of the parts\n";
  }
  return kExitOk;
}

}  // namespace nnsweep
