// The HDF5 results file: a written file reads back to the same Results, and
// publish_results_file is atomic and never clobbers an existing file by accident.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "../train/run_config.hpp"
#include "cli.hpp"
#include "store/journal.hpp"
#include "store/results.hpp"
#include "train/train_run.hpp"

namespace fs = std::filesystem;
using nnsweep::testing::RunSpec;
using nnsweep::testing::ScratchDir;

namespace {

nnsweep::RunRecord make_record(std::int64_t index, const RunSpec& spec,
                               std::vector<nnsweep::ColumnValue> columns) {
  const nnsweep::ExperimentConfig config = nnsweep::testing::make_config(spec);
  const nnsweep::Dataset data = nnsweep::testing::make_dataset(config);
  nnsweep::RunRecord record;
  record.index = index;
  record.config_yaml = nnsweep::to_yaml(config);
  record.id = nnsweep::stable_hash(record.config_yaml);
  record.dataset_id = "moons-" + std::to_string(spec.data_seed);
  record.record_every = spec.record_every;
  record.columns = std::move(columns);
  record.seeds = nnsweep::config_seeds(config);
  record.result = nnsweep::train_run(data, config, nnsweep::builtin_registries());
  return record;
}

// Three small runs, swept over learning rate, hidden sizes and shuffle (a float,
// a list and a boolean column, the last missing in one run), with different
// cost resolutions.
nnsweep::Results sample_results() {
  nnsweep::Results results;
  results.swept_keys = {"optimizer.learning_rate", "model.hidden", "dataset.shuffle"};
  RunSpec spec;
  spec.iterations = 40;
  spec.n_samples = 50;

  spec.learning_rate = 0.1;
  spec.hidden = {20, 20};
  spec.record_every = 5;
  results.runs.push_back(make_record(0, spec, {0.1, std::vector<std::int64_t>{20, 20}, true}));

  spec.learning_rate = 0.5;
  spec.hidden = {3};
  spec.record_every = 3;
  results.runs.push_back(make_record(1, spec, {0.5, std::vector<std::int64_t>{3}, false}));
  // A run tested on a held-out part (the others have none: NaN, no curve).
  results.runs.back().result.test_costs = {0.75, 0.5, 0.25};
  results.runs.back().result.test.cost = 0.125;
  results.runs.back().result.test.accuracy = 0.875;
  results.runs.back().result.test.precision = 0.75;
  results.runs.back().result.test.recall = 0.625;
  results.runs.back().result.test.f1 = 0.6875;
  results.runs.back().result.epochs_run = 7;
  results.runs.back().result.best_epoch = 4;

  // A failed run as the executor records one: a message and no parameters beyond
  // what training produced. Non-ASCII text checks the UTF-8 round trip.
  spec.learning_rate = 1.25;
  spec.hidden = {1};
  spec.record_every = 1;
  nnsweep::RunRecord failed =
      make_record(2, spec, {1.25, std::vector<std::int64_t>{1}, std::nullopt});
  failed.result.status = nnsweep::RunStatus::failed;
  failed.result.message = "échec: \"quoted\", newline\nand tab\t";
  results.runs.push_back(failed);

  results.experiment_yaml = results.runs[0].config_yaml;
  results.experiment_id = nnsweep::stable_hash(results.experiment_yaml);
  results.plan_size = 3;
  results.provenance = {{"git_commit", "0123456789ab"}, {"host", "test-host"}};
  return results;
}

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

void check_equal(const nnsweep::Results& got, const nnsweep::Results& expected) {
  BOOST_TEST(got.experiment_yaml == expected.experiment_yaml);
  BOOST_TEST(got.experiment_id == expected.experiment_id);
  BOOST_TEST(got.plan_size == expected.plan_size);
  for (const auto& [key, value] : expected.provenance) {
    BOOST_TEST(got.provenance.count(key) == 1u, "provenance " << key);
    if (got.provenance.count(key)) BOOST_TEST(got.provenance.at(key) == value);
  }
  BOOST_TEST(got.swept_keys == expected.swept_keys, boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(got.runs.size() == expected.runs.size());
  for (std::size_t i = 0; i < got.runs.size(); ++i) {
    const nnsweep::RunRecord& g = got.runs[i];
    const nnsweep::RunRecord& e = expected.runs[i];
    BOOST_TEST_CONTEXT("run " << i) {
      BOOST_TEST(g.index == e.index);
      BOOST_TEST(g.id == e.id);
      BOOST_TEST(g.dataset_id == e.dataset_id);
      BOOST_TEST(g.config_yaml == e.config_yaml);
      BOOST_TEST(g.record_every == e.record_every);
      BOOST_TEST((g.columns == e.columns));
      BOOST_TEST((g.seeds == e.seeds));
      BOOST_TEST(nnsweep::status_name(g.result.status) == nnsweep::status_name(e.result.status));
      BOOST_TEST(g.result.message == e.result.message);
      BOOST_TEST(g.result.iterations_run == e.result.iterations_run);
      for (std::size_t k = 0; k < nnsweep::kMetricCount; ++k) {
        BOOST_TEST(same_bits(metric_at(g.result.train, k), metric_at(e.result.train, k)),
                   "train." << nnsweep::kMetricNames[k]);
        BOOST_TEST(same_bits(metric_at(g.result.test, k), metric_at(e.result.test, k)),
                   "test." << nnsweep::kMetricNames[k]);
      }
      BOOST_TEST(g.result.epochs_run == e.result.epochs_run);
      BOOST_TEST(g.result.best_epoch == e.result.best_epoch);
      BOOST_TEST(g.result.test_costs == e.result.test_costs, boost::test_tools::per_element());
      BOOST_TEST(same_bits(g.result.wall_time_s, e.result.wall_time_s));
      BOOST_TEST(g.result.sizes == e.result.sizes, boost::test_tools::per_element());
      BOOST_TEST_REQUIRE(g.result.costs.size() == e.result.costs.size());
      for (std::size_t k = 0; k < g.result.costs.size(); ++k) {
        BOOST_TEST(same_bits(g.result.costs[k], e.result.costs[k]), "cost " << k);
      }
      BOOST_TEST_REQUIRE(g.result.parameters.size() == e.result.parameters.size());
      for (Eigen::Index k = 0; k < g.result.parameters.size(); ++k) {
        BOOST_TEST(same_bits(g.result.parameters(k), e.result.parameters(k)), "parameter " << k);
      }
    }
  }
}

// Every entry of `folder`, hidden ones included (a leftover ".x.123.tmp" counts).
std::vector<std::string> entries(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(results_file)

BOOST_AUTO_TEST_CASE(journal_records_round_trip_every_field) {
  // Typed columns of every kind (a missing one too), seeds, test results.
  nnsweep::Results results = sample_results();
  results.runs[0].columns = {std::string("tanh"), std::int64_t{-7}, std::nullopt};
  nnsweep::Results decoded = results;
  for (nnsweep::RunRecord& record : decoded.runs) {
    record = nnsweep::decode_record(nnsweep::encode_record(record));
  }
  check_equal(decoded, results);
  const std::string bytes = nnsweep::encode_record(results.runs[1]);
  BOOST_CHECK_THROW(nnsweep::decode_record(bytes.substr(0, bytes.size() - 1)), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(write_then_read_round_trips) {
  const nnsweep::Results results = sample_results();
  // Sanity of the sample itself: trained runs with parameters and several costs.
  BOOST_TEST_REQUIRE(results.runs[0].result.parameters.size() ==
                     2 * 20 + 20 + 20 * 20 + 20 + 20 + 1);
  BOOST_TEST_REQUIRE(results.runs[1].result.costs.size() == 14u);  // 0, 3, ..., 39
  ScratchDir folder;
  const std::string path = (folder.path() / "results.h5").string();
  nnsweep::write_results_file(path, results);
  check_equal(nnsweep::read_results_file(path), results);
}

BOOST_AUTO_TEST_CASE(runs_without_costs_or_parameters_round_trip) {
  // Edge cases a sweep produces: a run that failed before training (no network,
  // no costs) and a run of 0 iterations (parameters, but an empty cost curve).
  nnsweep::Results results;
  results.swept_keys = {"optimizer.name"};
  RunSpec spec;
  spec.n_samples = 20;
  spec.iterations = 0;
  results.runs.push_back(make_record(0, spec, {std::string("gd")}));
  spec.optimizer = "momentum";
  spec.iterations = 5;
  nnsweep::RunRecord failed = make_record(1, spec, {std::string("no_such_optimizer")});
  {
    nnsweep::ExperimentConfig config = nnsweep::testing::make_config(spec);
    config.optimizer.name = "no_such_optimizer";
    failed.result = nnsweep::train_run(nnsweep::testing::make_dataset(config), config,
                                       nnsweep::builtin_registries());
  }
  results.runs.push_back(failed);
  BOOST_TEST_REQUIRE(results.runs[0].result.costs.empty());
  BOOST_TEST_REQUIRE(results.runs[0].result.parameters.size() > 0);
  BOOST_TEST_REQUIRE(nnsweep::status_name(results.runs[1].result.status) == "failed");
  BOOST_TEST_REQUIRE(results.runs[1].result.parameters.size() == 0);
  results.experiment_yaml = results.runs[0].config_yaml;
  results.experiment_id = "edge";
  results.plan_size = 2;

  ScratchDir folder;
  const std::string path = (folder.path() / "edge.h5").string();
  nnsweep::write_results_file(path, results);
  check_equal(nnsweep::read_results_file(path), results);
}

BOOST_AUTO_TEST_CASE(write_refuses_an_existing_path) {
  ScratchDir folder;
  const auto path = folder.write("results.h5", "not mine to overwrite");
  BOOST_CHECK_THROW(nnsweep::write_results_file(path.string(), sample_results()), std::exception);
  BOOST_TEST(nnsweep::testing::read_file(path) == "not mine to overwrite");
}

BOOST_AUTO_TEST_CASE(read_rejects_files_that_are_not_results) {
  ScratchDir folder;
  const auto text = folder.write("plain.txt", "hello");
  BOOST_CHECK_THROW(nnsweep::read_results_file(text.string()), std::exception);
  BOOST_CHECK_THROW(nnsweep::read_results_file((folder.path() / "missing.h5").string()),
                    std::exception);
}

BOOST_AUTO_TEST_CASE(publish_creates_the_file_and_leaves_no_temporary) {
  const nnsweep::Results results = sample_results();
  ScratchDir folder;
  const std::string path = (folder.path() / "sweep.h5").string();
  nnsweep::publish_results_file(path, results, /*replace=*/false);
  BOOST_TEST(entries(folder.path()) == std::vector<std::string>{"sweep.h5"},
             boost::test_tools::per_element());
  check_equal(nnsweep::read_results_file(path), results);
}

BOOST_AUTO_TEST_CASE(publish_without_replace_refuses_an_existing_file) {
  const nnsweep::Results results = sample_results();
  ScratchDir folder;
  const std::string path = (folder.path() / "sweep.h5").string();
  nnsweep::publish_results_file(path, results, false);
  const std::string before = nnsweep::testing::read_file(path);

  nnsweep::Results other = results;
  other.runs.pop_back();
  BOOST_CHECK_THROW(nnsweep::publish_results_file(path, other, false), std::exception);
  // Untouched, byte for byte, and the temporary it wrote first is gone.
  // Extra parentheses: on failure, do not dump two HDF5 files into the log.
  BOOST_TEST((nnsweep::testing::read_file(path) == before), "the existing file was modified");
  BOOST_TEST(entries(folder.path()) == std::vector<std::string>{"sweep.h5"},
             boost::test_tools::per_element());
  BOOST_TEST(nnsweep::read_results_file(path).runs.size() == 3u);

  // Also when the existing file is not a results file at all.
  const auto foreign = folder.write("notes.h5", "someone else's file");
  BOOST_CHECK_THROW(nnsweep::publish_results_file(foreign.string(), results, false),
                    std::exception);
  BOOST_TEST(nnsweep::testing::read_file(foreign) == "someone else's file");
  BOOST_TEST(entries(folder.path()) == (std::vector<std::string>{"notes.h5", "sweep.h5"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(publish_with_replace_overwrites) {
  const nnsweep::Results results = sample_results();
  ScratchDir folder;
  const std::string path = (folder.path() / "sweep.h5").string();
  nnsweep::publish_results_file(path, results, false);
  nnsweep::Results fewer = results;
  fewer.runs.pop_back();
  nnsweep::publish_results_file(path, fewer, /*replace=*/true);
  check_equal(nnsweep::read_results_file(path), fewer);
  BOOST_TEST(entries(folder.path()) == std::vector<std::string>{"sweep.h5"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(publish_failure_leaves_nothing_behind) {
  // The write itself fails (the parent is a file, not a folder): nothing may
  // appear, and the error must reach the caller.
  ScratchDir folder;
  const auto blocker = folder.write("blocker", "x");
  BOOST_CHECK_THROW(
      nnsweep::publish_results_file((blocker / "sweep.h5").string(), sample_results(), false),
      std::exception);
  BOOST_TEST(entries(folder.path()) == std::vector<std::string>{"blocker"},
             boost::test_tools::per_element());
  BOOST_TEST(nnsweep::testing::read_file(blocker) == "x");
}

BOOST_AUTO_TEST_SUITE_END()
