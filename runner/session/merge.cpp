#include "session/merge.hpp"

#include <algorithm>
#include <unordered_set>

#include "session/planned_experiment.hpp"
#include "session/refusal.hpp"
#include "sweep/share.hpp"

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

// The points of share `part` of `parts` in a plan of `points` points.
std::int64_t share_points(std::int64_t points, std::int64_t part, std::int64_t parts) {
  return (points + parts - part) / parts;
}

// Points of the plan in no part: by the shares missing when every part is a
// share K/N of one N, else by counting runs (which repeats make approximate).
std::int64_t missing_points(const std::vector<Share>& shares, const Results& results,
                            std::vector<std::string>& missing_shares) {
  const bool all_shares =
      !shares.empty() && std::all_of(shares.begin(), shares.end(), [&](const Share& share) {
        return share.parts == shares.front().parts;
      });
  if (!all_shares) {
    return std::max<std::int64_t>(
        0, results.plan_size - static_cast<std::int64_t>(results.runs.size()));
  }
  std::int64_t missing = 0;
  for (std::int64_t part = 1; part <= shares.front().parts; ++part) {
    const bool present = std::any_of(shares.begin(), shares.end(),
                                     [&](const Share& share) { return share.part == part; });
    if (present) continue;
    missing += share_points(results.plan_size, part, shares.front().parts);
    missing_shares.push_back(Share{part, shares.front().parts}.text());
  }
  return missing;
}

}  // namespace

MergedResults merge_parts(const std::vector<std::string>& paths) {
  MergedResults merged;
  Results& results = merged.results;
  std::vector<Share> shares;
  bool only_shares = true;
  for (const std::string& path : paths) {
    Results part = read_results_file(path);
    if (auto share = parse_share(part.share)) {
      shares.push_back(*share);
    } else {
      only_shares = false;
    }
    absorb(results, std::move(part), path);
  }
  if (!only_shares) shares.clear();
  std::sort(results.runs.begin(), results.runs.end(),
            [](const RunRecord& a, const RunRecord& b) { return a.index < b.index; });
  for (std::size_t i = 1; i < results.runs.size(); ++i) {
    if (results.runs[i].index == results.runs[i - 1].index) {
      throw Refusal("run " + std::to_string(results.runs[i].index) +
                    " appears in more than one part");
    }
  }
  // A point that repeats a run of another share was trained by both: the
  // whole plan keeps the first (session/planned_experiment.hpp).
  std::unordered_set<std::uint64_t> seen;
  std::erase_if(results.runs,
                [&](const RunRecord& run) { return !seen.insert(id_key(run.id)).second; });
  merged.missing = missing_points(shares, results, merged.missing_shares);
  const auto runs = static_cast<std::int64_t>(results.runs.size());
  results.share = merged.missing == 0 ? ""
                                      : "merged " + std::to_string(runs) + " of " +
                                            std::to_string(results.plan_size);
  return merged;
}

}  // namespace nnsweep
