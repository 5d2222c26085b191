#include "session/session_rows.hpp"

#include <unordered_map>

#include "config/experiment.hpp"
#include "session/earlier_results.hpp"
#include "train/trainer.hpp"

namespace nnsweep {

std::vector<ResolvedPoint> RunSource::resolve(const std::vector<std::int64_t>& indices) const {
  if (experiment_.resolved.empty()) return parallel_.resolve(indices);
  std::vector<ResolvedPoint> points(indices.size());
  for (std::size_t k = 0; k < indices.size(); ++k) {
    points[k].index = indices[k];
    points[k].run = experiment_.resolved.at(static_cast<std::size_t>(indices[k]));
  }
  return points;
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
    std::vector<ResolvedPoint> points = source.resolve(window);
    std::vector<const PlannedRun*> runs;
    for (const ResolvedPoint& point : points) {
      if (point.run) runs.push_back(&*point.run);
    }
    add_datasets(survey.datasets, runs, registries);
    for (const ResolvedPoint& point : points) {
      SessionRow row;
      row.index = point.index;
      if (point.error) {
        row.invalid = static_cast<std::int64_t>(survey.invalid.size());
        survey.invalid.push_back(
            invalid_run_record(point.index, *point.error, experiment.summary_keys.size()));
        survey.rows.push_back(std::move(row));
        survey.layout.indices.push_back(point.index);
        continue;
      }
      const PlannedRun& run = *point.run;
      row.key = id_key(run.id);
      if (!first_of.emplace(row.key, run.index).second) {
        ++survey.duplicates;
        continue;
      }
      const PreparedData& data = survey.datasets.at(run.dataset_id)->prepared;
      row.network = layer_sizes(run.config, data.train, registries);
      row.most_curve_points = most_curve_points(run.config.train);
      survey.layout.test_costs = survey.layout.test_costs || data.test.has_value();
      widen_layout(survey.layout, row.network, run.seeds);
      survey.layout.indices.push_back(run.index);
      survey.dataset_yaml.try_emplace(run.dataset_id, dataset_yaml(run.config.dataset));
      survey.rows.push_back(std::move(row));
    }
  }
  return survey;
}

}  // namespace nnsweep
