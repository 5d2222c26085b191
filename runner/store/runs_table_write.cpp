// Writing the /runs table of format versions 4 and 5 (store/runs_table.hpp).
#include <algorithm>
#include <limits>

#include "store/h5_netcdf.hpp"
#include "store/h5_rows.hpp"
#include "store/runs_table.hpp"
#include "store/variable_meanings.hpp"

namespace nnsweep {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Chunks of about this many bytes (of the widest row): large enough that the
// NaN padding compresses away, small enough to read one run cheaply.
constexpr hsize_t kChunkBytes = 256 * 1024;

std::vector<std::pair<std::string, std::int64_t>>::const_iterator find_seed(
    const RunRecord& run, const std::string& key) {
  return std::find_if(run.seeds.begin(), run.seeds.end(),
                      [&](const auto& seed) { return seed.first == key; });
}

void describe(hid_t object, const Meaning& meaning) {
  h5::describe(object, meaning.long_name, meaning.units);
}

}  // namespace

void widen_layout(RunsLayout& layout, const std::vector<Eigen::Index>& sizes,
                  const std::vector<std::pair<std::string, std::int64_t>>& seeds) {
  if (layout.widest.size() < sizes.size()) layout.widest.resize(sizes.size(), 0);
  for (std::size_t l = 0; l < sizes.size(); ++l) {
    layout.widest[l] = std::max(layout.widest[l], static_cast<std::uint64_t>(sizes[l]));
  }
  for (const auto& seed : seeds) {
    const auto at = std::lower_bound(layout.seed_keys.begin(), layout.seed_keys.end(), seed.first);
    if (at == layout.seed_keys.end() || *at != seed.first) layout.seed_keys.insert(at, seed.first);
  }
}

RunsLayout runs_layout(const std::vector<RunRecord>& runs) {
  RunsLayout layout;
  for (const RunRecord& run : runs) {
    layout.indices.push_back(run.index);
    widen_layout(layout, run.result.sizes, run.seeds);
    layout.test_costs = layout.test_costs || !run.result.test_costs.empty();
  }
  return layout;
}

RunsTableWriter::RunsTableWriter(hid_t file, RunsLayout layout) : layout_(std::move(layout)) {
  using h5::Element;
  const hsize_t n = layout_.indices.size();
  const std::size_t depth = layout_.widest.empty() ? 0 : layout_.widest.size() - 1;
  hsize_t widest_row = 8;
  for (std::size_t l = 0; l < depth; ++l) {
    widest_row = std::max<hsize_t>(widest_row, 8 * layout_.widest[l + 1] * layout_.widest[l]);
  }
  rows_per_block_ = std::clamp<hsize_t>(kChunkBytes / widest_row, 1, std::max<hsize_t>(n, 1));

  group_ = h5::create_group(file, "runs");
  run_scale_ = h5::write_int64s(group_, "run", {n}, layout_.indices.data());
  h5::make_dimension_scale(run_scale_, "run");
  describe(run_scale_, runs_meaning("run"));
  std::vector<hid_t> along_run;
  auto rows = [&](const std::string& name, Element element, std::vector<hsize_t> inner = {}) {
    inner.insert(inner.begin(), n);
    h5::Handle dataset = h5::create_rows(group_, name, element, inner, rows_per_block_);
    // Float rows are NaN where never written: the padding of narrower runs.
    if (element == Element::float64) h5::declare_nan_fill(dataset);
    describe(dataset, runs_meaning(name));
    along_run.push_back(dataset);
    return dataset;
  };
  auto index_scale = [&](const std::string& name, hsize_t size) {
    h5::Handle scale = h5::write_index_scale(group_, name, size);
    describe(scale, runs_meaning(name));
    return scale;
  };
  run_id_ = rows("run_id", Element::string);
  config_ = rows("config", Element::string);
  dataset_id_ = rows("dataset_id", Element::string);
  record_every_ = rows("record_every", Element::int64);
  cost_points_ = rows("cost_points", Element::int64);
  if (layout_.test_costs) test_cost_points_ = rows("test_cost_points", Element::int64);
  for (const std::string& key : layout_.seed_keys) seeds_.push_back(rows(key, Element::int64));
  layer_sizes_ = rows("layer_sizes", Element::int64, {layout_.widest.size()});
  const h5::Handle layer_scale = index_scale("layer", layout_.widest.size());
  h5::attach_dimension_scale(layer_sizes_, layer_scale, 1);
  for (std::size_t l = 0; l < depth; ++l) {
    const hsize_t out = layout_.widest[l + 1], in = layout_.widest[l];
    const std::string w = weight_name(l), b = bias_name(l);
    Layer layer{rows(w, Element::float64, {out, in}), rows(b, Element::float64, {out})};
    h5::attach_dimension_scale(layer.weight, index_scale(w + "_out", out), 1);
    h5::attach_dimension_scale(layer.weight, index_scale(w + "_in", in), 2);
    h5::attach_dimension_scale(layer.bias, index_scale(b + "_out", out), 1);
    layers_.push_back(std::move(layer));
  }
  for (hid_t dataset : along_run) h5::attach_dimension_scale(dataset, run_scale_, 0);
}

void RunsTableWriter::write_block(hsize_t first, const std::vector<const RunRecord*>& records) {
  const hsize_t count = records.size();
  for (hsize_t i = 0; i < count; ++i) {
    if (first + i >= rows() || records[i]->index != layout_.indices[first + i]) {
      throw h5::H5Error("a run written to another run's row of /runs");
    }
  }
  std::vector<std::string> ids, configs, dataset_ids;
  std::vector<std::int64_t> record_every, cost_points, test_cost_points;
  for (const RunRecord* run : records) {
    ids.push_back(run->id);
    configs.push_back(run->config_yaml);
    dataset_ids.push_back(run->dataset_id);
    record_every.push_back(run->record_every);
    cost_points.push_back(static_cast<std::int64_t>(run->result.costs.size()));
    test_cost_points.push_back(static_cast<std::int64_t>(run->result.test_costs.size()));
  }
  h5::write_rows(run_id_, first, ids);
  h5::write_rows(config_, first, configs);
  h5::write_rows(dataset_id_, first, dataset_ids);
  h5::write_rows(record_every_, first, count, record_every.data());
  h5::write_rows(cost_points_, first, count, cost_points.data());
  if (layout_.test_costs) h5::write_rows(test_cost_points_, first, count, test_cost_points.data());
  for (std::size_t k = 0; k < seeds_.size(); ++k) {
    std::vector<std::int64_t> values;
    for (const RunRecord* run : records) {
      const auto seed = find_seed(*run, layout_.seed_keys[k]);
      values.push_back(seed == run->seeds.end() ? -1 : seed->second);
    }
    h5::write_rows(seeds_[k], first, count, values.data());
  }
  const std::size_t positions = layout_.widest.size();
  std::vector<std::int64_t> sizes(count * positions, 0);
  for (hsize_t i = 0; i < count; ++i) {
    const auto& run_sizes = records[i]->result.sizes;
    std::copy(run_sizes.begin(), run_sizes.end(), sizes.begin() + i * positions);
  }
  h5::write_rows(layer_sizes_, first, count, sizes.data());

  // Each run's flat parameters (column-major per matrix) into row-major padded slots.
  std::vector<Eigen::Index> offsets(records.size(), 0);
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    const hsize_t out = layout_.widest[l + 1], in = layout_.widest[l];
    std::vector<double> weights(count * out * in, kNaN), biases(count * out, kNaN);
    for (hsize_t i = 0; i < count; ++i) {
      const RunResult& result = records[i]->result;
      if (l + 1 >= result.sizes.size() || result.parameters.size() == 0) continue;
      const Eigen::Index rows = result.sizes[l + 1], cols = result.sizes[l];
      const double* flat = result.parameters.data() + offsets[i];
      for (Eigen::Index c = 0; c < cols; ++c) {
        for (Eigen::Index r = 0; r < rows; ++r)
          weights[(i * out + r) * in + c] = flat[c * rows + r];
      }
      std::copy(flat + rows * cols, flat + rows * cols + rows, biases.begin() + i * out);
      offsets[i] += rows * cols + rows;
    }
    h5::write_rows(layers_[l].weight, first, count, weights.data());
    h5::write_rows(layers_[l].bias, first, count, biases.data());
  }
}

}  // namespace nnsweep
