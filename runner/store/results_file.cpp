// Writing the parts of the HDF5 results file other than /runs (store/runs_table.hpp).
#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "store/columns.hpp"
#include "store/h5.hpp"
#include "store/results.hpp"
#include "store/results_body.hpp"
#include "util/format.hpp"

namespace nnsweep {

std::string weight_name(std::size_t layer) {
  return "W" + std::to_string(layer + 1);
}
std::string bias_name(std::size_t layer) {
  return "b" + std::to_string(layer + 1);
}
std::string run_group_name(std::int64_t index) {
  return format("%06lld", (long long)index);
}

std::string hdf5_version() {
  return format("%d.%d.%d", H5_VERS_MAJOR, H5_VERS_MINOR, H5_VERS_RELEASE);
}

namespace {

using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

std::vector<std::int64_t> cost_steps(const Results& results) {
  std::set<std::int64_t> steps;
  for (const RunRecord& run : results.runs) {
    for (std::size_t k = 0; k < run.result.costs.size(); ++k) {
      steps.insert(static_cast<std::int64_t>(k) * run.record_every);
    }
  }
  return {steps.begin(), steps.end()};
}

void write_summary(hid_t file, const Results& results) {
  h5::Handle summary = h5::create_group(file, "summary");
  const hsize_t n = results.runs.size();
  std::vector<std::int64_t> run_numbers;
  for (const RunRecord& run : results.runs) run_numbers.push_back(run.index);
  h5::Handle run_scale = h5::write_int64s(summary, "run", {n}, run_numbers.data());
  h5::make_dimension_scale(run_scale, "run");

  std::vector<h5::Handle> columns;
  // train.cost always; every other metric when some run has it (a
  // classification sweep has no rmse, a sweep without test parts no test.*).
  for (const auto& [part, member] :
       {std::pair{"train.", &RunResult::train}, std::pair{"test.", &RunResult::test}}) {
    for (std::size_t k = 0; k < kMetricCount; ++k) {
      std::vector<double> values;
      bool any = std::string(part) == "train." && k == 0;
      for (const RunRecord& run : results.runs) {
        values.push_back(metric_at(run.result.*member, k));
        any = any || !std::isnan(values.back());
      }
      if (!any) continue;
      const std::string name = part + std::string(kMetricNames[k]);
      columns.push_back(h5::write_doubles(summary, name, {n}, values.data()));
    }
  }
  std::vector<double> wall_time;
  std::vector<std::int64_t> iterations, epochs, best_epochs;
  std::vector<std::string> status, message, ids, dataset_ids;
  for (const RunRecord& run : results.runs) {
    wall_time.push_back(run.result.wall_time_s);
    iterations.push_back(run.result.iterations_run);
    epochs.push_back(run.result.epochs_run);
    best_epochs.push_back(run.result.best_epoch);
    status.push_back(status_name(run.result.status));
    message.push_back(run.result.message);
    ids.push_back(run.id);
    dataset_ids.push_back(run.dataset_id);
  }
  columns.push_back(h5::write_doubles(summary, "wall_time_s", {n}, wall_time.data()));
  columns.push_back(h5::write_int64s(summary, "iterations_run", {n}, iterations.data()));
  columns.push_back(h5::write_int64s(summary, "epochs_run", {n}, epochs.data()));
  if (std::any_of(best_epochs.begin(), best_epochs.end(), [](std::int64_t e) { return e >= 0; })) {
    columns.push_back(h5::write_int64s(summary, "best_epoch", {n}, best_epochs.data()));
  }
  columns.push_back(h5::write_strings(summary, "status", status));
  columns.push_back(h5::write_strings(summary, "message", message));
  columns.push_back(h5::write_strings(summary, "run_id", ids));
  columns.push_back(h5::write_strings(summary, "dataset_id", dataset_ids));
  std::string key_list;
  for (const std::string& key : results.swept_keys)
    key_list += (key_list.empty() ? "" : "\n") + key;
  h5::write_attribute(summary, "swept_keys", key_list);
  for (std::size_t k = 0; k < results.swept_keys.size(); ++k) {
    std::vector<ColumnValue> values;
    for (const RunRecord& run : results.runs) values.push_back(run.columns[k]);
    for (h5::Handle& column : write_key_columns(summary, results.swept_keys[k], values)) {
      columns.push_back(std::move(column));
    }
  }
  for (const h5::Handle& column : columns) h5::attach_dimension_scale(column, run_scale, 0);

  // The cost curves: run x step, NaN where a run recorded nothing.
  const std::vector<std::int64_t> steps = cost_steps(results);
  const hsize_t s = steps.size();
  h5::Handle step_scale = h5::write_int64s(summary, "step", {s}, steps.data());
  h5::make_dimension_scale(step_scale, "step");
  h5::Compression compression;
  compression.enabled = n > 0 && s > 0;
  compression.chunk = {std::min<hsize_t>(std::max<hsize_t>(n, 1), 64),
                       std::min<hsize_t>(std::max<hsize_t>(s, 1), 1024)};
  auto write_curves = [&](const char* name, std::vector<double> RunResult::*member) {
    RowMajor curves = RowMajor::Constant(n, s, std::numeric_limits<double>::quiet_NaN());
    for (hsize_t i = 0; i < n; ++i) {
      const RunRecord& run = results.runs[i];
      const std::vector<double>& values = run.result.*member;
      for (std::size_t k = 0; k < values.size(); ++k) {
        const auto step = static_cast<std::int64_t>(k) * run.record_every;
        const auto column = std::lower_bound(steps.begin(), steps.end(), step) - steps.begin();
        curves(static_cast<Eigen::Index>(i), column) = values[k];
      }
    }
    h5::Handle curve = h5::write_doubles(summary, name, {n, s}, curves.data(), compression);
    h5::attach_dimension_scale(curve, run_scale, 0);
    h5::attach_dimension_scale(curve, step_scale, 1);
  };
  write_curves("cost", &RunResult::costs);
  // The test curves only when some run has a test part.
  if (std::any_of(results.runs.begin(), results.runs.end(),
                  [](const RunRecord& run) { return !run.result.test_costs.empty(); })) {
    write_curves("test_cost", &RunResult::test_costs);
  }
}

void write_datasets(hid_t file, const Results& results) {
  h5::Handle datasets = h5::create_group(file, "datasets");
  for (const auto& [id, data] : results.datasets) {
    h5::Handle group = h5::create_group(datasets, id);
    h5::write_attribute(group, "config", data.config_yaml);
    h5::write_attribute(group, "examples", static_cast<std::int64_t>(data.examples));
    h5::write_attribute(group, "features", static_cast<std::int64_t>(data.features));
    h5::write_attribute(group, "outputs", static_cast<std::int64_t>(data.outputs));
    h5::write_attribute(group, "stored", static_cast<std::int64_t>(data.stored));
    h5::write_attribute(group, "task", data.task);
    h5::write_attribute(group, "classes", data.classes);
    if (!data.class_names.empty()) h5::write_strings(group, "class_names", data.class_names);
    if (!data.test_index.empty()) {
      h5::write_int64s(group, "train_index", {data.train_index.size()}, data.train_index.data());
      h5::write_int64s(group, "test_index", {data.test_index.size()}, data.test_index.data());
    }
    if (!data.stored) continue;
    // Column-major features x m is row-major m x features: the same bytes.
    const auto m = static_cast<hsize_t>(data.examples);
    h5::write_doubles(group, "X", {m, hsize_t(data.features)}, data.X.data());
    if (data.outputs == 1) {
      h5::write_doubles(group, "y", {m}, data.Y.data());
    } else {
      h5::write_doubles(group, "y", {m, hsize_t(data.outputs)}, data.Y.data());
    }
  }
}

}  // namespace

void write_results_body(hid_t file, const Results& results) {
  h5::write_attribute(file, "format", std::string(kFormatName));
  h5::write_attribute(file, "format_version", kFormatVersion);
  h5::write_attribute(file, "experiment_id", results.experiment_id);
  h5::write_attribute(file, "plan_size", results.plan_size);
  h5::write_attribute(file, "arithmetic", results.arithmetic);
  if (!results.share.empty()) h5::write_attribute(file, "share", results.share);
  for (const auto& [key, value] : results.provenance) h5::write_attribute(file, key, value);
  h5::write_string(file, "config", results.experiment_yaml);
  write_summary(file, results);
  write_datasets(file, results);
}

}  // namespace nnsweep
