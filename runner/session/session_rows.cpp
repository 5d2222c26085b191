#include "session/session_rows.hpp"

#include <unordered_map>

#include "config/experiment.hpp"
#include "session/earlier_results.hpp"

namespace nnsweep {

const PlannedRun* ResolvedWindow::run(std::size_t k) const {
  if (!borrowed_.empty()) return borrowed_[k];
  return owned_[k].run ? &*owned_[k].run : nullptr;
}

const ConfigError* ResolvedWindow::error(std::size_t k) const {
  if (!borrowed_.empty()) return nullptr;
  return owned_[k].error ? &*owned_[k].error : nullptr;
}

ResolvedWindow RunSource::resolve(const std::vector<std::int64_t>& indices) const {
  ResolvedWindow window;
  window.indices_ = indices;
  if (experiment_.resolved.empty()) {
    window.owned_ = parallel_.resolve(indices);
    return window;
  }
  for (const std::int64_t index : indices) {
    window.borrowed_.push_back(&experiment_.resolved.at(static_cast<std::size_t>(index)));
  }
  return window;
}

RunRecord invalid_run_record(std::int64_t index, const ConfigError& error, std::size_t keys) {
  RunRecord record;
  record.index = index;
  // Unique to the point and what is wrong with it; never equal to a run's id.
  record.id = stable_hash("invalid run " + std::to_string(index) + "\n" + error.what());
  record.columns.resize(keys);
  record.result.status = RunStatus::failed;
  record.result.message = std::string("invalid config: ") + error.what();
  return record;
}

SessionRows survey_rows(const PlannedExperiment& experiment, const std::optional<Share>& share,
                        const RunSource& source, const Registries& registries) {
  SessionRows survey;
  std::unordered_map<std::uint64_t, std::int64_t> first_of;
  const std::int64_t first = share ? share->part - 1 : 0;
  const std::int64_t step = share ? share->parts : 1;
  std::vector<std::int64_t> window;
  for (std::int64_t start = first; start < experiment.points;) {
    window.clear();
    for (; start < experiment.points && window.size() < kSurveyWindow; start += step) {
      window.push_back(start);
    }
    survey.points += static_cast<std::int64_t>(window.size());
    const ResolvedWindow points = source.resolve(window);
    std::vector<const PlannedRun*> runs;
    for (std::size_t k = 0; k < points.size(); ++k) {
      if (points.run(k)) runs.push_back(points.run(k));
    }
    std::vector<std::vector<Eigen::Index>> networks =
        add_datasets(survey.datasets, runs, registries);
    for (std::size_t k = 0, valid = 0; k < points.size(); ++k) {
      SessionRow row;
      row.index = points.index(k);
      if (const ConfigError* error = points.error(k)) {
        row.invalid = static_cast<std::int64_t>(survey.invalid.size());
        survey.invalid.push_back(
            invalid_run_record(row.index, *error, experiment.summary_keys.size()));
        survey.layout.indices.push_back(row.index);
        survey.rows.push_back(std::move(row));
        continue;
      }
      const PlannedRun& run = *points.run(k);
      std::vector<Eigen::Index>& network = networks[valid++];
      row.key = id_key(run.id);
      if (!first_of.emplace(row.key, run.index).second) {
        ++survey.duplicates;
        continue;
      }
      const PreparedData& data = survey.datasets.at(run.dataset_id)->prepared;
      row.network = std::move(network);
      row.most_curve_points = most_curve_points(run.config.train);
      survey.layout.test_costs = survey.layout.test_costs || data.test.has_value();
      widen_layout(survey.layout, row.network, run.seeds);
      survey.layout.indices.push_back(run.index);
      if (!survey.dataset_yaml.count(run.dataset_id)) {
        survey.dataset_yaml.emplace(run.dataset_id, dataset_yaml(run.config.dataset));
      }
      survey.rows.push_back(std::move(row));
    }
  }
  return survey;
}

}  // namespace nnsweep
