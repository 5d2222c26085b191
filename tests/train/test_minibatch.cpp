// Mini-batch training: a batch of every example is full-batch training, bit
// for bit; batches follow np.random.RandomState(shuffle_seed).permutation(m),
// drawn anew every epoch; epochs and iterations count as documented; the epoch
// cost is the batch-size-weighted mean of the batch costs.
#include <boost/test/unit_test.hpp>

#include <cstring>
#include <numeric>

#include "random/numpy_random.hpp"
#include "run_config.hpp"
#include "train/train_run.hpp"

using namespace nnsweep::testing;

namespace {

bool same_bits(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  return a.size() == b.size() &&
         std::memcmp(a.data(), b.data(), sizeof(double) * std::size_t(a.size())) == 0;
}

RunSpec small_spec() {
  RunSpec spec;
  spec.hidden = {4};
  spec.n_samples = 45;
  spec.noise = 0.3;
  spec.learning_rate = 0.5;
  spec.init_scale = 0.5;
  spec.iterations = 30;
  return spec;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(minibatch)

BOOST_AUTO_TEST_CASE(a_batch_of_every_example_is_full_batch_training) {
  const RunSpec full = small_spec();
  const nnsweep::ExperimentConfig config = make_config(full);
  const nnsweep::Dataset data = make_dataset(config);
  const nnsweep::RunResult reference =
      nnsweep::train_run(data, config, nnsweep::builtin_registries());
  for (const std::int64_t batch : {std::int64_t{45}, std::int64_t{46}, std::int64_t{1000}}) {
    RunSpec spec = full;
    spec.batch_size = batch;
    spec.shuffle_seed = 3;
    const nnsweep::RunResult result =
        nnsweep::train_run(data, make_config(spec), nnsweep::builtin_registries());
    BOOST_TEST_CONTEXT("batch_size " << batch) {
      BOOST_TEST(same_bits(result.parameters, reference.parameters));
      BOOST_TEST(result.costs == reference.costs, boost::test_tools::per_element());
      BOOST_TEST(result.train.cost == reference.train.cost);
      BOOST_TEST(result.epochs_run == 30);
      BOOST_TEST(result.iterations_run == 30);
    }
  }
}

BOOST_AUTO_TEST_CASE(batches_follow_numpys_permutation_every_epoch) {
  // Replays the run by hand: each epoch draws permutation(45) from one
  // RandomState(seed), and each batch of 8 (the last of 5) is one gd step of
  // full-batch training on exactly those examples, in that order.
  RunSpec spec = small_spec();
  spec.batch_size = 8;
  spec.shuffle_seed = 12345;
  spec.iterations = 17;  // two full epochs of 6 batches, then 5 of the third
  const nnsweep::ExperimentConfig config = make_config(spec);
  const nnsweep::Dataset data = make_dataset(config);
  const nnsweep::RunResult result = nnsweep::train_run(data, config, nnsweep::builtin_registries());

  nnsweep::ExperimentConfig one_step = config;
  one_step.train.batch_size = 0;
  nnsweep::NumpyRandomState random(12345);
  Eigen::VectorXd parameters;
  std::vector<double> epoch_costs;
  std::int64_t updates = 0;
  while (updates < 17) {
    std::vector<std::int64_t> order(45);
    std::iota(order.begin(), order.end(), std::int64_t{0});
    random.shuffle(std::span<std::int64_t>(order));
    double weighted = 0.0;
    std::int64_t seen = 0;
    for (std::size_t begin = 0; begin < order.size() && updates < 17; begin += 8, ++updates) {
      const std::size_t count = std::min<std::size_t>(8, order.size() - begin);
      nnsweep::Dataset batch{Eigen::MatrixXd(2, count), Eigen::MatrixXd(1, count), data.task,
                             data.classes};
      for (std::size_t j = 0; j < count; ++j) {
        batch.X.col(Eigen::Index(j)) = data.X.col(order[begin + j]);
        batch.Y.col(Eigen::Index(j)) = data.Y.col(order[begin + j]);
      }
      nnsweep::Trainer step(batch, one_step, nnsweep::builtin_registries());
      if (parameters.size()) step.network().parameters() = parameters;
      const double cost = step.iterate();
      weighted += cost * double(count);
      seen += std::int64_t(count);
      parameters = step.network().parameters();
    }
    epoch_costs.push_back(weighted / double(seen));
  }
  BOOST_TEST(same_bits(result.parameters, parameters));
  BOOST_TEST(result.iterations_run == 17);
  BOOST_TEST(result.epochs_run == 3);
  BOOST_TEST(result.costs == epoch_costs, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(epochs_count_passes_and_record_every_counts_epochs) {
  RunSpec spec = small_spec();
  spec.batch_size = 10;  // 5 batches per epoch, the last of 5 examples
  nnsweep::ExperimentConfig config = make_config(spec);
  config.train.epochs = 7;
  config.train.record_every = 3;
  const nnsweep::Dataset data = make_dataset(config);
  std::vector<std::pair<std::string, std::int64_t>> logged;
  config.train.log_every = 2;
  const auto log = [&](std::string_view unit, std::int64_t step, double) {
    logged.emplace_back(std::string(unit), step);
  };
  const nnsweep::RunResult result =
      nnsweep::train_run(data, config, nnsweep::builtin_registries(), log);
  BOOST_TEST(result.epochs_run == 7);
  BOOST_TEST(result.iterations_run == 35);
  BOOST_TEST(result.costs.size() == 3u);  // epochs 0, 3 and 6
  BOOST_TEST(logged.size() == 4u);        // epochs 0, 2, 4 and 6
  BOOST_TEST(logged.front().first == "epoch");
  BOOST_TEST(logged.back().second == 6);
  // The same seed gives the same run; another gives another.
  BOOST_TEST(same_bits(nnsweep::train_run(data, config, nnsweep::builtin_registries()).parameters,
                       result.parameters));
  config.train.shuffle_seed = 1;
  BOOST_TEST(!same_bits(nnsweep::train_run(data, config, nnsweep::builtin_registries()).parameters,
                        result.parameters));
}

BOOST_AUTO_TEST_SUITE_END()
