// Reading the /runs table of format version 4 (store/runs_table.hpp).
#include <algorithm>

#include "store/runs_table.hpp"

namespace nnsweep {
namespace {

bool is_seed_key(const std::string& name) {
  return name.ends_with(".seed") || name.ends_with("_seed");
}

// Row i of a (run, step) curve, as the run recorded it: `points` entries at
// steps 0, r, 2r, ...
std::vector<double> curve_row(const std::vector<double>& curves,
                              const std::vector<std::int64_t>& steps, std::size_t i,
                              std::int64_t points, std::int64_t record_every) {
  std::vector<double> values;
  if (points > 0 && curves.size() < (i + 1) * steps.size()) {
    throw h5::H5Error("run " + std::to_string(i) + " has cost points but /summary lacks its curve");
  }
  for (std::int64_t k = 0; k < points; ++k) {
    const auto at = std::lower_bound(steps.begin(), steps.end(), k * record_every);
    if (at == steps.end() || *at != k * record_every) {
      throw h5::H5Error("run " + std::to_string(i) + " recorded a cost at a step /summary lacks");
    }
    values.push_back(curves[i * steps.size() + static_cast<std::size_t>(at - steps.begin())]);
  }
  return values;
}

}  // namespace

void read_runs_table(hid_t file, std::vector<RunRecord>& runs) {
  h5::Handle group = h5::open_group(file, "runs");
  h5::Handle summary = h5::open_group(file, "summary");
  const std::size_t n = runs.size();
  const auto indices = h5::read_int64s(h5::open_dataset(group, "run"));
  for (std::size_t i = 0; i < n; ++i) {
    if (indices.size() != n || indices[i] != runs[i].index) {
      throw h5::H5Error("/runs/run does not match /summary/run");
    }
  }
  const auto column = [&](const char* name) {
    return h5::expect_count(h5::read_int64s(h5::open_dataset(group, name)), n,
                            std::string("/runs/") + name);
  };
  const auto strings = [&](const char* name) {
    return h5::expect_count(h5::read_strings(h5::open_dataset(group, name)), n,
                            std::string("/runs/") + name);
  };
  const auto ids = strings("run_id");
  const auto configs = strings("config");
  const auto dataset_ids = strings("dataset_id");
  const auto record_every = column("record_every");
  const auto cost_points = column("cost_points");
  const bool tested = h5::exists(group, "test_cost_points");
  const auto test_points = tested ? column("test_cost_points") : std::vector<std::int64_t>(n, 0);
  std::vector<std::pair<std::string, std::vector<std::int64_t>>> seeds;
  for (const std::string& name : h5::member_names(group)) {
    if (is_seed_key(name)) seeds.emplace_back(name, column(name.c_str()));
  }
  h5::Handle layer_sizes = h5::open_dataset(group, "layer_sizes");
  const std::size_t positions = h5::dataset_dims(layer_sizes).at(1);
  const auto sizes =
      h5::expect_count(h5::read_int64s(layer_sizes), n * positions, "/runs/layer_sizes");
  std::vector<std::vector<double>> weights, biases;
  std::vector<hsize_t> outs, ins;
  for (std::size_t l = 0; l + 1 < positions; ++l) {
    h5::Handle weight = h5::open_dataset(group, weight_name(l));
    const auto dims = h5::dataset_dims(weight);
    if (dims.size() != 3) throw h5::H5Error("/runs/" + weight_name(l) + " is not run x out x in");
    outs.push_back(dims[1]);
    ins.push_back(dims[2]);
    weights.push_back(h5::expect_count(h5::read_doubles(weight), n * dims[1] * dims[2],
                                       "/runs/" + weight_name(l)));
    biases.push_back(h5::expect_count(h5::read_doubles(h5::open_dataset(group, bias_name(l))),
                                      n * dims[1], "/runs/" + bias_name(l)));
  }
  const auto steps = h5::read_int64s(h5::open_dataset(summary, "step"));
  const auto costs = h5::expect_count(h5::read_doubles(h5::open_dataset(summary, "cost")),
                                      n * steps.size(), "/summary/cost");
  // A test part whose runs recorded nothing (no epochs) leaves /summary without test_cost.
  const auto test_costs =
      h5::exists(summary, "test_cost")
          ? h5::expect_count(h5::read_doubles(h5::open_dataset(summary, "test_cost")),
                             n * steps.size(), "/summary/test_cost")
          : std::vector<double>{};

  for (std::size_t i = 0; i < n; ++i) {
    RunRecord& run = runs[i];
    run.id = ids[i];
    run.config_yaml = configs[i];
    run.dataset_id = dataset_ids[i];
    run.record_every = record_every[i];
    for (const auto& [key, values] : seeds) {
      if (values[i] >= 0) run.seeds.emplace_back(key, values[i]);
    }
    run.result.costs = curve_row(costs, steps, i, cost_points[i], run.record_every);
    run.result.test_costs = curve_row(test_costs, steps, i, test_points[i], run.record_every);
    std::vector<Eigen::Index> run_sizes;
    for (std::size_t p = 0; p < positions && sizes[i * positions + p] > 0; ++p) {
      run_sizes.push_back(static_cast<Eigen::Index>(sizes[i * positions + p]));
    }
    std::vector<double> flat;
    for (std::size_t l = 0; l + 1 < run_sizes.size(); ++l) {
      const auto rows = static_cast<hsize_t>(run_sizes[l + 1]);
      const auto cols = static_cast<hsize_t>(run_sizes[l]);
      if (rows > outs[l] || cols > ins[l])
        throw h5::H5Error("/runs/layer_sizes exceeds " + weight_name(l));
      const double* weight = weights[l].data() + i * outs[l] * ins[l];
      for (hsize_t c = 0; c < cols; ++c) {
        for (hsize_t r = 0; r < rows; ++r) flat.push_back(weight[r * ins[l] + c]);
      }
      const double* bias = biases[l].data() + i * outs[l];
      flat.insert(flat.end(), bias, bias + rows);
    }
    run.result.sizes = run_sizes;
    run.result.parameters = Eigen::Map<Eigen::VectorXd>(flat.data(), flat.size());
  }
}

}  // namespace nnsweep
