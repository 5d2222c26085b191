// Writing the parts of the HDF5 results file other than /runs (store/runs_table.hpp).
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "store/columns.hpp"
#include "store/h5.hpp"
#include "store/h5_netcdf.hpp"
#include "store/results.hpp"
#include "store/results_body.hpp"
#include "store/variable_meanings.hpp"
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

void describe(hid_t object, const Meaning& meaning) {
  h5::describe(object, meaning.long_name, meaning.units);
}

// /summary/chars: the text columns a MATLAB or Octave user needs (status and
// the text key columns) again, as character matrices (run x width), since
// their netCDF readers have no variable-length strings.
void write_char_columns(hid_t summary, hid_t run_scale, const std::vector<h5::Handle>& columns,
                        const std::vector<std::string>& keys) {
  h5::Handle chars = h5::create_group(summary, "chars");
  for (const h5::Handle& column : columns) {
    const std::string name = h5::object_name(column);
    if (h5::element_kind(column) != "string") continue;
    if (name != "status" && std::find(keys.begin(), keys.end(), name) == keys.end()) continue;
    const std::vector<std::string> values = h5::read_strings(column);
    std::size_t width = 1;
    for (const std::string& value : values) width = std::max(width, value.size());
    h5::Handle length = h5::write_bare_dimension(chars, name + "_length", width);
    h5::Handle matrix = h5::write_char_rows(chars, name, values, width);
    h5::attach_dimension_scale(matrix, run_scale, 0);
    h5::attach_dimension_scale(matrix, length, 1);
    describe(matrix, summary_meaning(name));
  }
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
  for (const h5::Handle& column : columns) {
    h5::attach_dimension_scale(column, run_scale, 0);
    describe(column, summary_meaning(h5::object_name(column)));
  }
  describe(run_scale, summary_meaning("run"));
  write_char_columns(summary, run_scale, columns, results.swept_keys);

  // The cost curves: run x step, NaN where a run recorded nothing.
  const std::vector<std::int64_t> steps = cost_steps(results);
  const hsize_t s = steps.size();
  h5::Handle step_scale = h5::write_int64s(summary, "step", {s}, steps.data());
  h5::make_dimension_scale(step_scale, "step");
  describe(step_scale, summary_meaning("step"));
  h5::Storage storage;
  storage.compressed = n > 0 && s > 0;
  // Chunks of about h5::kColumnChunk values, as the 1-D columns have.
  const hsize_t chunk_steps = std::min<hsize_t>(std::max<hsize_t>(s, 1), 1024);
  storage.chunk = {std::clamp<hsize_t>(h5::kColumnChunk / chunk_steps, 1, std::max<hsize_t>(n, 1)),
                   chunk_steps};
  storage.nan_fill = true;
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
    h5::Handle curve = h5::write_doubles(summary, name, {n, s}, curves.data(), storage);
    h5::declare_nan_fill(curve);
    describe(curve, summary_meaning(name));
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

// A /datasets/ID member along netCDF dimensions of the group (`dimensions`:
// the name of each of its dimensions), created on first use.
class DatasetDimensions {
 public:
  explicit DatasetDimensions(hid_t group) : group_(group) {}
  void attach(hid_t member, const std::vector<std::pair<std::string, hsize_t>>& dimensions) {
    describe(member, dataset_meaning(h5::object_name(member)));
    for (unsigned k = 0; k < dimensions.size(); ++k) {
      const auto& [name, size] = dimensions[k];
      auto found = made_.find(name);
      if (found == made_.end()) {
        h5::Handle dimension = h5::write_bare_dimension(group_, name, size);
        describe(dimension, dataset_meaning(name));
        found = made_.emplace(name, std::move(dimension)).first;
      }
      h5::attach_dimension_scale(member, found->second, k);
    }
  }

 private:
  hid_t group_;
  std::map<std::string, h5::Handle> made_;
};

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
    DatasetDimensions dimensions(group);
    if (!data.class_names.empty()) {
      dimensions.attach(h5::write_strings(group, "class_names", data.class_names),
                        {{"class", data.class_names.size()}});
    }
    if (!data.test_index.empty()) {
      const hsize_t train = data.train_index.size(), test = data.test_index.size();
      dimensions.attach(h5::write_int64s(group, "train_index", {train}, data.train_index.data()),
                        {{"train_example", train}});
      dimensions.attach(h5::write_int64s(group, "test_index", {test}, data.test_index.data()),
                        {{"test_example", test}});
    }
    if (!data.stored) continue;
    // Column-major features x m is row-major m x features: the same bytes.
    const auto m = static_cast<hsize_t>(data.examples);
    const auto features = static_cast<hsize_t>(data.features);
    dimensions.attach(h5::write_doubles(group, "X", {m, features}, data.X.data()),
                      {{"example", m}, {"feature", features}});
    if (data.outputs == 1) {
      dimensions.attach(h5::write_doubles(group, "y", {m}, data.Y.data()), {{"example", m}});
    } else {
      const auto targets = static_cast<hsize_t>(data.outputs);
      dimensions.attach(h5::write_doubles(group, "y", {m, targets}, data.Y.data()),
                        {{"example", m}, {"target", targets}});
    }
  }
}

}  // namespace

void write_results_body(hid_t file, const Results& results) {
  h5::write_attribute(file, "format", std::string(kFormatName));
  h5::write_attribute(file, "format_version", kFormatVersion);
  // The conventions of the attributes' meanings (long_name, units,
  // _FillValue, named dimensions): CF's, without its naming rules (variables
  // here are named by dotted keys).
  h5::write_attribute(file, "Conventions", std::string(kConventions));
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
