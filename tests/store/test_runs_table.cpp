// Format version 4's /runs table: runs of different depths and widths, a
// failed run and runs with and without a seed key read back exactly, and the
// file holds each parameter where docs/results-format.md says, NaN around it.
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "../train/run_config.hpp"
#include "cli.hpp"
#include "results_samples.hpp"
#include "store/h5.hpp"
#include "train/train_run.hpp"

using nnsweep::testing::RunSpec;

namespace {

// Networks [2, 5, 1], [2, 3, 3, 1] (mini-batches: a shuffle seed only it has),
// [2, 1, 1] and a run that failed before training, under plan indices 0, 3, 4, 7.
nnsweep::Results mixed_runs() {
  nnsweep::Results results;
  results.swept_keys = {"model.hidden"};
  RunSpec spec;
  spec.iterations = 12;
  spec.n_samples = 30;
  spec.init_scale = 0.5;
  spec.record_every = 4;
  auto add = [&](std::int64_t index, std::vector<std::int64_t> hidden) {
    spec.hidden = hidden;
    results.runs.push_back(nnsweep::testing::make_record(index, spec, {hidden}));
  };
  add(0, {5});
  spec.batch_size = 10;
  spec.shuffle_seed = 9;
  add(3, {3, 3});
  spec.batch_size = 0;
  add(4, {1});
  add(7, {2});
  nnsweep::ExperimentConfig config = nnsweep::testing::make_config(spec);
  config.optimizer.name = "no_such_optimizer";
  results.runs.back().result = nnsweep::train_run(nnsweep::testing::make_dataset(config), config,
                                                  nnsweep::builtin_registries());
  results.experiment_yaml = results.runs[0].config_yaml;
  results.experiment_id = "mixed";
  results.plan_size = 8;
  return results;
}

std::vector<double> doubles(hid_t group, const std::string& name, std::vector<hsize_t> dims) {
  nnsweep::h5::Handle dataset = nnsweep::h5::open_dataset(group, name);
  BOOST_TEST(nnsweep::h5::dataset_dims(dataset) == dims, boost::test_tools::per_element());
  return nnsweep::h5::read_doubles(dataset);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(runs_table)

BOOST_AUTO_TEST_CASE(mixed_depths_widths_and_a_failed_run_round_trip) {
  const nnsweep::Results results = mixed_runs();
  BOOST_TEST_REQUIRE(nnsweep::status_name(results.runs[3].result.status) == "failed");
  BOOST_TEST_REQUIRE(results.runs[3].result.sizes.empty());
  nnsweep::testing::ScratchDir folder;
  const std::string path = (folder.path() / "mixed.h5").string();
  nnsweep::write_results_file(path, results);
  const nnsweep::Results read = nnsweep::read_results_file(path);
  BOOST_TEST(read.format_version == nnsweep::kFormatVersion);
  nnsweep::testing::check_equal(read, results);
}

BOOST_AUTO_TEST_CASE(parameters_sit_in_their_rows_with_nan_padding) {
  const nnsweep::Results results = mixed_runs();
  nnsweep::testing::ScratchDir folder;
  const std::string path = (folder.path() / "mixed.h5").string();
  nnsweep::write_results_file(path, results);

  nnsweep::h5::Handle file = nnsweep::h5::open_file(path);
  nnsweep::h5::Handle runs = nnsweep::h5::open_group(file, "runs");
  const std::vector<std::int64_t> indices = {0, 3, 4, 7};
  BOOST_TEST(nnsweep::h5::read_int64s(nnsweep::h5::open_dataset(runs, "run")) == indices,
             boost::test_tools::per_element());
  // Widest at each position: [2, 5, 3, 1]; three layers (the deepest run's).
  const std::vector<hsize_t> widest = {2, 5, 3, 1};
  const std::vector<std::int64_t> sizes = {2, 5, 1, 0, 2, 3, 3, 1, 2, 1, 1, 0, 0, 0, 0, 0};
  BOOST_TEST(nnsweep::h5::read_int64s(nnsweep::h5::open_dataset(runs, "layer_sizes")) == sizes,
             boost::test_tools::per_element());
  BOOST_TEST(!nnsweep::h5::exists(runs, "W4"));
  const std::vector<std::int64_t> shuffle_seeds = {-1, 9, -1, -1};
  BOOST_TEST(nnsweep::h5::read_int64s(nnsweep::h5::open_dataset(runs, "train.shuffle_seed")) ==
                 shuffle_seeds,
             boost::test_tools::per_element());

  const hsize_t n = results.runs.size();
  std::vector<Eigen::Index> offsets(n, 0);
  for (std::size_t l = 0; l + 1 < widest.size(); ++l) {
    const hsize_t out = widest[l + 1], in = widest[l];
    const auto w = doubles(runs, nnsweep::weight_name(l), {n, out, in});
    const auto b = doubles(runs, nnsweep::bias_name(l), {n, out});
    for (hsize_t i = 0; i < n; ++i) {
      const nnsweep::RunResult& run = results.runs[i].result;
      const bool has = l + 1 < run.sizes.size();
      const hsize_t rows = has ? run.sizes[l + 1] : 0, cols = has ? run.sizes[l] : 0;
      const double* flat = run.parameters.data() + offsets[i];
      BOOST_TEST_CONTEXT("run " << i << " layer " << l + 1) {
        for (hsize_t r = 0; r < out; ++r) {
          for (hsize_t c = 0; c < in; ++c) {
            const double stored = w[(i * out + r) * in + c];
            if (r < rows && c < cols) {
              BOOST_TEST(nnsweep::testing::same_bits(stored, flat[c * rows + r]));
            } else {
              BOOST_TEST(std::isnan(stored), "W(" << r << ", " << c << ") = " << stored);
            }
          }
          const double bias = b[i * out + r];
          if (r < rows) {
            BOOST_TEST(nnsweep::testing::same_bits(bias, flat[rows * cols + r]));
          } else {
            BOOST_TEST(std::isnan(bias), "b(" << r << ") = " << bias);
          }
        }
      }
      offsets[i] += static_cast<Eigen::Index>(rows * cols + rows);
    }
  }
  for (hsize_t i = 0; i < n; ++i) {
    BOOST_TEST(offsets[i] == results.runs[i].result.parameters.size(), "run " << i);
  }
}

BOOST_AUTO_TEST_CASE(only_failed_runs_and_no_runs_round_trip) {
  // No network at all (/runs has no W, layer_sizes no columns), and an empty file.
  nnsweep::Results results = mixed_runs();
  results.runs.erase(results.runs.begin(), results.runs.begin() + 3);
  nnsweep::testing::ScratchDir folder;
  const std::string failed = (folder.path() / "failed.h5").string();
  nnsweep::write_results_file(failed, results);
  nnsweep::testing::check_equal(nnsweep::read_results_file(failed), results);
  results.runs.clear();
  const std::string empty = (folder.path() / "empty.h5").string();
  nnsweep::write_results_file(empty, results);
  nnsweep::testing::check_equal(nnsweep::read_results_file(empty), results);
}

BOOST_AUTO_TEST_SUITE_END()
