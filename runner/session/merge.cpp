#include "session/merge.hpp"

#include <algorithm>

#include "session/refusal.hpp"

namespace nnsweep {
namespace {

// Adds `part` to `merged`, refusing parts that cannot be one sweep.
void absorb(Results& merged, Results&& part, const std::string& part_path) {
  if (merged.experiment_id.empty()) {
    merged = std::move(part);
    return;
  }
  if (part.experiment_id != merged.experiment_id || part.plan_size != merged.plan_size ||
      part.swept_keys != merged.swept_keys) {
    throw Refusal(part_path + " holds a different experiment ('" + part.provenance["name"] +
                  "', id " + part.experiment_id + ") from the first part (id " +
                  merged.experiment_id + "); only shares of one sweep can be merged");
  }
  for (RunRecord& run : part.runs) merged.runs.push_back(std::move(run));
  for (auto& [id, data] : part.datasets) merged.datasets.emplace(id, std::move(data));
}

}  // namespace

MergedResults merge_parts(const std::vector<std::string>& paths) {
  MergedResults merged;
  Results& results = merged.results;
  for (const std::string& path : paths) absorb(results, read_results_file(path), path);
  std::sort(results.runs.begin(), results.runs.end(),
            [](const RunRecord& a, const RunRecord& b) { return a.index < b.index; });
  for (std::size_t i = 1; i < results.runs.size(); ++i) {
    if (results.runs[i].index == results.runs[i - 1].index) {
      throw Refusal("run " + std::to_string(results.runs[i].index) +
                    " appears in more than one part");
    }
  }
  const auto runs = static_cast<std::int64_t>(results.runs.size());
  merged.missing = results.plan_size - runs;
  results.share = merged.missing == 0 ? ""
                                      : "merged " + std::to_string(runs) + " of " +
                                            std::to_string(results.plan_size);
  return merged;
}

}  // namespace nnsweep
