// Early stopping: Keras' rules on a hand-computed sequence, then end to end,
// where it must stop where the test cost stopped improving and restore_best
// must end with the parameters of the best epoch.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstring>
#include <limits>

#include "data/prepare.hpp"
#include "run_config.hpp"
#include "train/early_stopping.hpp"
#include "train/train_run.hpp"

using namespace nnsweep::testing;

namespace {

bool same_bits(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  return a.size() == b.size() &&
         std::memcmp(a.data(), b.data(), sizeof(double) * std::size_t(a.size())) == 0;
}

// Observes costs until the watch says stop; returns the epoch it stopped
// after (-1 if never) and leaves the watch for inspection.
std::int64_t stop_epoch(nnsweep::EarlyStoppingWatch& watch, const std::vector<double>& costs) {
  for (std::size_t epoch = 0; epoch < costs.size(); ++epoch) {
    if (watch.observe(std::int64_t(epoch), costs[epoch])) return std::int64_t(epoch);
  }
  return -1;
}

nnsweep::EarlyStopping settings(std::int64_t patience, double min_delta, bool restore = true) {
  return nnsweep::EarlyStopping{true, patience, min_delta, restore};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(early_stopping)

BOOST_AUTO_TEST_CASE(keras_rules_on_a_hand_computed_sequence) {
  // min_delta 0.005, patience 2. Epoch by epoch (improves when cost + 0.005 < best):
  //  0: 1.0   < inf    best 1.0 (0)   wait 0
  //  1: 0.8   improves best 0.8 (1)   wait 0
  //  2: 0.85  no                      wait 1
  //  3: 0.79  0.795 < 0.8: best (3)   wait 0
  //  4: 0.8   no                      wait 1
  //  5: 0.81  no                      wait 2 = patience: stop after epoch 5
  nnsweep::EarlyStoppingWatch watch(settings(2, 0.005));
  BOOST_TEST(stop_epoch(watch, {1.0, 0.8, 0.85, 0.79, 0.8, 0.81, 0.1}) == 5);
  BOOST_TEST(watch.best_epoch() == 3);
  BOOST_TEST(watch.best_cost() == 0.79);
  // 0.797 + 0.005 is not below 0.8: too small an improvement counts as none.
  nnsweep::EarlyStoppingWatch strict(settings(1, 0.005));
  BOOST_TEST(stop_epoch(strict, {0.8, 0.797, 0.5}) == 1);
  BOOST_TEST(strict.best_epoch() == 0);
  // NaN never improves; the first epoch never stops, even with patience 1.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  nnsweep::EarlyStoppingWatch first(settings(1, 0.0));
  BOOST_TEST(stop_epoch(first, {nan, nan, 0.1}) == 1);
  BOOST_TEST(first.best_epoch() == -1);
  nnsweep::EarlyStoppingWatch steady(settings(3, 0.0));
  BOOST_TEST(stop_epoch(steady, {5, 4, 3, 2, 1}) == -1);
  BOOST_TEST(steady.best_epoch() == 4);
}

BOOST_AUTO_TEST_CASE(a_run_stops_where_its_test_cost_stopped_improving) {
  // A wide network at a high learning rate on few noisy examples overfits:
  // its test cost falls, then rises.
  RunSpec spec;
  spec.hidden = {30};
  spec.n_samples = 60;
  spec.noise = 0.35;
  spec.learning_rate = 2.0;
  spec.init_scale = 1.0;
  spec.iterations = 400;
  nnsweep::ExperimentConfig config = make_config(spec);
  config.dataset.params.set("test_fraction", 0.5);
  const nnsweep::Dataset generated = make_dataset(config);
  const nnsweep::PreparedData parts = nnsweep::prepare_data(generated, config.dataset.params);
  const auto train = [&](const nnsweep::ExperimentConfig& c) {
    return nnsweep::train_run(parts.train, c, nnsweep::builtin_registries(), {}, nullptr,
                              &*parts.test);
  };
  // Without early stopping: the test cost after every epoch.
  const nnsweep::RunResult free_run = train(config);
  const std::vector<double>& curve = free_run.test_costs;
  BOOST_TEST_REQUIRE(curve.size() == 400u);

  // Where the rule says it stops, computed here independently: the first epoch
  // after which `patience` epochs in a row did not beat the best by min_delta.
  const std::int64_t patience = 15;
  const double min_delta = 1e-4;
  std::int64_t expected_stop = -1, expected_best = -1, wait = 0;
  double best = std::numeric_limits<double>::infinity();
  for (std::int64_t e = 0; e < 400 && expected_stop < 0; ++e) {
    if (curve[std::size_t(e)] + min_delta < best) {
      best = curve[std::size_t(e)];
      expected_best = e;
      wait = 0;
    } else if (++wait >= patience && e > 0) {
      expected_stop = e;
    }
  }
  BOOST_TEST_REQUIRE(expected_stop > 0, "the test cost never stopped improving");
  BOOST_TEST_REQUIRE(expected_stop < 399, "it stopped only at the end: no test of stopping");

  config.train.early_stopping = settings(patience, min_delta, true);
  const nnsweep::RunResult stopped = train(config);
  BOOST_TEST(stopped.epochs_run == expected_stop + 1);
  BOOST_TEST(stopped.iterations_run == expected_stop + 1);
  BOOST_TEST(stopped.best_epoch == expected_best);
  BOOST_TEST((stopped.status == nnsweep::RunStatus::ok), stopped.message);
  // Training was the same up to the stop: the curves agree entry for entry.
  BOOST_TEST(
      std::vector<double>(curve.begin(), curve.begin() + expected_stop + 1) == stopped.test_costs,
      boost::test_tools::per_element());

  // restore_best: the parameters after the best epoch, as a run of best + 1 epochs has them.
  nnsweep::ExperimentConfig until_best = make_config(spec);
  until_best.dataset = config.dataset;
  until_best.train.iterations = expected_best + 1;
  const nnsweep::RunResult best_run = train(until_best);
  BOOST_TEST(same_bits(stopped.parameters, best_run.parameters));
  BOOST_TEST(stopped.test.cost == curve[std::size_t(expected_best)]);
  BOOST_TEST(stopped.test.cost == best_run.test.cost);

  // Without restore_best: the parameters where it stopped.
  config.train.early_stopping.restore_best = false;
  const nnsweep::RunResult kept = train(config);
  nnsweep::ExperimentConfig until_stop = until_best;
  until_stop.train.iterations = expected_stop + 1;
  BOOST_TEST(same_bits(kept.parameters, train(until_stop).parameters));
  BOOST_TEST(kept.test.cost == curve[std::size_t(expected_stop)]);
}

BOOST_AUTO_TEST_SUITE_END()
