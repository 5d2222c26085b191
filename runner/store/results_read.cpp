// Reading a results file back into memory (for show, merge, resume and tests).
#include <algorithm>
#include <filesystem>
#include <limits>
#include <map>

#include "store/columns.hpp"
#include "store/h5.hpp"
#include "store/results.hpp"
#include "store/runs_table.hpp"

namespace nnsweep {
namespace {

// Versions 1 to 3: a group per run.
void read_run_group(hid_t runs_group, RunRecord& run) {
  h5::Handle group = h5::open_group(runs_group, run_group_name(run.index));
  run.id = h5::read_string_attribute(group, "run_id");
  run.dataset_id = h5::read_string_attribute(group, "dataset_id");
  run.config_yaml = h5::read_string_attribute(group, "config");
  run.result.status = parse_status(h5::read_string_attribute(group, "status"));
  run.result.message = h5::read_string_attribute(group, "message");
  run.record_every = h5::read_int_attribute(group, "record_every");
  for (const std::string& name : h5::attribute_names(group)) {
    // Seeds are written under their dotted keys: "dataset.seed", "dataset.split_seed".
    if (name.ends_with(".seed") || name.ends_with("_seed")) {
      run.seeds.emplace_back(name, h5::read_int_attribute(group, name));
    }
  }
  run.result.costs = h5::read_doubles(h5::open_dataset(group, "cost"));
  if (h5::exists(group, "test_cost")) {
    run.result.test_costs = h5::read_doubles(h5::open_dataset(group, "test_cost"));
  }
  std::vector<double> flat;
  std::vector<Eigen::Index> sizes;
  for (std::size_t l = 0; h5::exists(group, weight_name(l)); ++l) {
    h5::Handle weight = h5::open_dataset(group, weight_name(l));
    const auto dims = h5::dataset_dims(weight);
    if (l == 0) sizes.push_back(static_cast<Eigen::Index>(dims[1]));
    sizes.push_back(static_cast<Eigen::Index>(dims[0]));
    // Stored row-major; the flat layout is column-major per matrix.
    const std::vector<double> values = h5::read_doubles(weight);
    for (hsize_t c = 0; c < dims[1]; ++c) {
      for (hsize_t r = 0; r < dims[0]; ++r) flat.push_back(values[r * dims[1] + c]);
    }
    for (double value : h5::read_doubles(h5::open_dataset(group, bias_name(l)))) {
      flat.push_back(value);
    }
  }
  run.result.sizes = sizes;
  run.result.parameters = Eigen::Map<Eigen::VectorXd>(flat.data(), flat.size());
}

void read_datasets(hid_t file, Results& results) {
  h5::Handle datasets = h5::open_group(file, "datasets");
  for (const std::string& id : h5::member_names(datasets)) {
    h5::Handle group = h5::open_group(datasets, id);
    StoredDataset& data = results.datasets[id];
    data.config_yaml = h5::read_string_attribute(group, "config");
    data.examples = h5::read_int_attribute(group, "examples");
    data.features = h5::read_int_attribute(group, "features");
    data.outputs = h5::read_int_attribute(group, "outputs");
    data.stored = h5::read_int_attribute(group, "stored") != 0;
    if (h5::has_attribute(group, "task")) {
      data.task = h5::read_string_attribute(group, "task");
      data.classes = h5::read_int_attribute(group, "classes");
    }
    if (h5::exists(group, "class_names")) {
      data.class_names = h5::read_strings(h5::open_dataset(group, "class_names"));
    }
    if (h5::exists(group, "test_index")) {
      data.train_index = h5::read_int64s(h5::open_dataset(group, "train_index"));
      data.test_index = h5::read_int64s(h5::open_dataset(group, "test_index"));
    }
    if (!data.stored) continue;
    if (data.features < 0 || data.outputs < 0 || data.examples < 0) {
      throw h5::H5Error("/datasets/" + id + " has negative sizes: the file is damaged");
    }
    const auto x = h5::expect_count(h5::read_doubles(h5::open_dataset(group, "X")),
                                    static_cast<std::size_t>(data.features * data.examples),
                                    "/datasets/" + id + "/X");
    const auto y = h5::expect_count(h5::read_doubles(h5::open_dataset(group, "y")),
                                    static_cast<std::size_t>(data.outputs * data.examples),
                                    "/datasets/" + id + "/y");
    data.X = Eigen::Map<const Eigen::MatrixXd>(x.data(), data.features, data.examples);
    data.Y = Eigen::Map<const Eigen::MatrixXd>(y.data(), data.outputs, data.examples);
  }
}

h5::Handle open_results(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) throw h5::H5Error(path + " does not exist");
  h5::quiet_errors();
  h5::Handle file = h5::open_file(path);
  if (!h5::has_attribute(file, "format") ||
      h5::read_string_attribute(file, "format") != kFormatName) {
    throw h5::H5Error(path + " is not an nnsweep results file");
  }
  return file;
}

}  // namespace

ResultsIdentity read_results_identity(const std::string& path) {
  h5::Handle file = open_results(path);
  ResultsIdentity identity;
  identity.experiment_id = h5::has_attribute(file, "experiment_id")
                               ? h5::read_string_attribute(file, "experiment_id")
                               : "";
  if (h5::has_attribute(file, "name")) identity.name = h5::read_string_attribute(file, "name");
  if (h5::has_attribute(file, "arithmetic")) {
    identity.arithmetic = h5::read_int_attribute(file, "arithmetic");
  }
  if (h5::has_attribute(file, "share")) identity.share = h5::read_string_attribute(file, "share");
  h5::Handle summary = h5::open_group(file, "summary");
  identity.runs = static_cast<std::int64_t>(h5::dataset_dims(h5::open_dataset(summary, "run"))[0]);
  return identity;
}

Results read_results_file(const std::string& path) {
  h5::Handle file = open_results(path);
  Results results;
  results.format_version = h5::has_attribute(file, "format_version")
                               ? h5::read_int_attribute(file, "format_version")
                               : 1;
  if (results.format_version < 1 || results.format_version > kFormatVersion) {
    throw h5::H5Error(path + " is in results format version " +
                      std::to_string(results.format_version) + ", which this nnsweep (reading " +
                      "versions 1 to " + std::to_string(kFormatVersion) + ") does not know");
  }
  results.arithmetic =
      h5::has_attribute(file, "arithmetic") ? h5::read_int_attribute(file, "arithmetic") : 1;
  results.experiment_id = h5::read_string_attribute(file, "experiment_id");
  results.plan_size = h5::read_int_attribute(file, "plan_size");
  if (h5::has_attribute(file, "share")) results.share = h5::read_string_attribute(file, "share");
  for (const char* key : kProvenanceKeys) {
    if (h5::has_attribute(file, key))
      results.provenance[key] = h5::read_string_attribute(file, key);
  }
  results.experiment_yaml = h5::read_strings(h5::open_dataset(file, "config")).at(0);
  h5::Handle summary = h5::open_group(file, "summary");
  const auto indices = h5::read_int64s(h5::open_dataset(summary, "run"));
  const std::size_t n = indices.size();
  const auto wall_time = h5::expect_count(
      h5::read_doubles(h5::open_dataset(summary, "wall_time_s")), n, "/summary/wall_time_s");
  const auto iterations = h5::expect_count(
      h5::read_int64s(h5::open_dataset(summary, "iterations_run")), n, "/summary/iterations_run");
  // A column some runs' files lack: older versions, or no run with a value.
  auto optional_column = [&](const std::string& name, const char* old_name = nullptr) {
    if (h5::exists(summary, name)) {
      return h5::expect_count(h5::read_doubles(h5::open_dataset(summary, name)), n,
                              "/summary/" + name);
    }
    if (old_name && h5::exists(summary, old_name)) {
      return h5::expect_count(h5::read_doubles(h5::open_dataset(summary, old_name)), n,
                              std::string("/summary/") + old_name);
    }
    return std::vector<double>(indices.size(), std::numeric_limits<double>::quiet_NaN());
  };
  // Version 2 names of the metrics that existed then.
  const std::map<std::string, const char*> kOldNames = {{"train.cost", "final_cost"},
                                                        {"train.accuracy", "train_accuracy"},
                                                        {"test.cost", "test_final_cost"},
                                                        {"test.accuracy", "test_accuracy"}};
  std::vector<std::vector<double>> train_metrics, test_metrics;
  for (std::size_t k = 0; k < kMetricCount; ++k) {
    for (auto [part, metrics] :
         {std::pair{"train.", &train_metrics}, std::pair{"test.", &test_metrics}}) {
      const std::string name = part + std::string(kMetricNames[k]);
      const auto old_name = kOldNames.find(name);
      metrics->push_back(
          optional_column(name, old_name == kOldNames.end() ? nullptr : old_name->second));
    }
  }
  const auto integers = [&](const char* name, std::int64_t missing) {
    return h5::exists(summary, name)
               ? h5::expect_count(h5::read_int64s(h5::open_dataset(summary, name)), n,
                                  std::string("/summary/") + name)
               : std::vector<std::int64_t>(n, missing);
  };
  // Before version 3 every run was full batch, so epochs were iterations.
  const auto epochs = h5::exists(summary, "epochs_run") ? integers("epochs_run", 0) : iterations;
  const auto best_epochs = integers("best_epoch", -1);
  if (h5::has_attribute(summary, "swept_keys")) {
    const std::string keys = h5::read_string_attribute(summary, "swept_keys");
    std::size_t start = 0;
    while (start < keys.size()) {
      const auto end = std::min(keys.find('\n', start), keys.size());
      results.swept_keys.push_back(keys.substr(start, end - start));
      start = end + 1;
    }
  }
  std::vector<std::vector<ColumnValue>> swept;
  for (const std::string& key : results.swept_keys) {
    swept.push_back(h5::expect_count(read_key_column(summary, key), n, "/summary/" + key));
  }
  const bool table = results.format_version >= 4;
  const auto status = table
                          ? h5::expect_count(h5::read_strings(h5::open_dataset(summary, "status")),
                                             n, "/summary/status")
                          : std::vector<std::string>{};
  const auto message =
      table ? h5::expect_count(h5::read_strings(h5::open_dataset(summary, "message")), n,
                               "/summary/message")
            : std::vector<std::string>{};
  h5::Handle runs = h5::open_group(file, "runs");
  for (std::size_t i = 0; i < indices.size(); ++i) {
    RunRecord run;
    run.index = indices[i];
    for (std::size_t k = 0; k < kMetricCount; ++k) {
      metric_at(run.result.train, k) = train_metrics[k][i];
      metric_at(run.result.test, k) = test_metrics[k][i];
    }
    run.result.wall_time_s = wall_time[i];
    run.result.iterations_run = iterations[i];
    run.result.epochs_run = epochs[i];
    run.result.best_epoch = best_epochs[i];
    for (const auto& column : swept) run.columns.push_back(column[i]);
    if (table) {
      run.result.status = parse_status(status.at(i));
      run.result.message = message.at(i);
    } else {
      read_run_group(runs, run);
    }
    results.runs.push_back(std::move(run));
  }
  if (table) read_runs_table(file, results.runs);
  read_datasets(file, results);
  return results;
}

}  // namespace nnsweep
