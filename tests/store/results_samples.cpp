// Results to write and read back in the store's tests, and comparing them.
#include "results_samples.hpp"

#include <boost/test/unit_test.hpp>

#include <cstring>

#include "../train/run_config.hpp"
#include "train/train_run.hpp"

namespace nnsweep::testing {

RunRecord make_record(std::int64_t index, const RunSpec& spec,
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
Results sample_results() {
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

void check_equal(const Results& got, const Results& expected) {
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

}  // namespace nnsweep::testing
