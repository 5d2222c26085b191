#include "session/reusable.hpp"

#include "session/earlier_results.hpp"

namespace nnsweep {

Reusable reusable_runs(Journal& journal, const std::string& out, bool from_file) {
  Reusable found;
  for (RunRecord& record : journal.recovered()) {
    found.resumed.insert_or_assign(id_key(record.id), std::move(record.result));
  }
  journal.recovered().clear();
  if (!from_file) return found;
  for (RunRecord& record : read_results_file(out).runs) {
    found.reused.emplace(id_key(record.id), std::move(record.result));
  }
  return found;
}

std::vector<RowOrigin> row_origins(const SessionRows& survey, Reusable& reusable,
                                   std::int64_t& dropped, std::string& dropped_reason) {
  std::vector<RowOrigin> origins;
  origins.reserve(survey.rows.size());
  // Whether `from` holds a result of `row` that fits it; one that does not is dropped.
  auto fits = [&](std::unordered_map<std::uint64_t, RunResult>& from, const SessionRow& row) {
    const auto found = from.find(row.key);
    if (found == from.end()) return false;
    const std::string problem = misfit(found->second, {row.network, row.most_curve_points});
    if (problem.empty()) return true;
    if (dropped++ == 0) dropped_reason = problem;
    from.erase(found);
    return false;
  };
  for (const SessionRow& row : survey.rows) {
    if (row.invalid >= 0) {
      origins.push_back(RowOrigin::invalid);
    } else if (fits(reusable.resumed, row)) {
      origins.push_back(RowOrigin::resumed);
    } else if (fits(reusable.reused, row)) {
      origins.push_back(RowOrigin::reused);
    } else {
      origins.push_back(RowOrigin::train);
    }
  }
  return origins;
}

RunResult take_result(Reusable& reusable, RowOrigin origin, std::uint64_t key) {
  auto& from = origin == RowOrigin::resumed ? reusable.resumed : reusable.reused;
  const auto found = from.find(key);
  RunResult result = std::move(found->second);
  from.erase(found);
  return result;
}

}  // namespace nnsweep
