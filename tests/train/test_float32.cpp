// train.dtype float32 (train/float_training.hpp): the gradient agrees with
// float64's to float accuracy on every path of the backward pass, the seed
// moons network converges to float64's cost and accuracy, and the precision
// is part of a run's identity while float64 configs keep theirs.
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "config/experiment.hpp"
#include "run_config.hpp"
#include "train/train_run.hpp"
#include "train/trainer.hpp"

using namespace nnsweep;
using namespace nnsweep::testing;

namespace {

ExperimentConfig in_float32(ExperimentConfig config) {
  config.train.dtype = DType::float32;
  return config;
}

// |a - b| / |b| over the whole flat gradient.
double relative_difference(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  return (a - b).norm() / b.norm();
}

// The gradients and costs of the first `steps` updates, in float32 and float64
// from the same initial parameters.
void check_gradients_agree(const ExperimentConfig& config, int steps = 3) {
  const Dataset data = make_dataset(config);
  Trainer exact(data, config, builtin_registries());
  Trainer single(data, in_float32(config), builtin_registries());
  BOOST_TEST_REQUIRE(
      (exact.network().parameters().array() == single.network().parameters().array()).all());
  for (int step = 0; step < steps; ++step) {
    exact.begin_epoch();
    single.begin_epoch();
    exact.select_batch(0);
    single.select_batch(0);
    const double cost = exact.evaluate(), cost_single = single.evaluate();
    BOOST_TEST(std::abs(cost_single - cost) <= 1e-5 * cost, "step " << step);
    BOOST_TEST((exact.learn() == Trainer::Step::updated));
    BOOST_TEST((single.learn() == Trainer::Step::updated));
    const double difference =
        relative_difference(single.network().gradient(), exact.network().gradient());
    BOOST_TEST(difference < 1e-4, "step " << step << ": relative difference " << difference);
    // The next step from the same parameters, so that differences do not add up.
    single.network().parameters() = exact.network().parameters();
  }
}

RunSpec deep(const std::string& activation) {
  RunSpec spec;
  spec.hidden = {5, 3};
  spec.activation = activation;
  spec.init_scale = 0.8;
  spec.learning_rate = 0.5;
  return spec;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(float32)

BOOST_AUTO_TEST_CASE(fused_sigmoid_output_gradients_agree_for_every_hidden_activation) {
  for (const std::string activation : {"tanh", "sigmoid", "relu", "identity"}) {
    BOOST_TEST_CONTEXT(activation) {
      check_gradients_agree(make_config(deep(activation)));
    }
  }
}

BOOST_AUTO_TEST_CASE(unfused_output_gradients_agree) {
  RunSpec spec = deep("tanh");
  spec.loss = "mse";  // sigmoid output, not fused with mse: loss and activation gradients
  check_gradients_agree(make_config(spec));
}

BOOST_AUTO_TEST_CASE(softmax_gradients_agree) {
  RunSpec spec = deep("tanh");
  spec.dataset = "spiral";
  spec.dataset_params = {{"n_samples", std::int64_t{90}}, {"n_classes", std::int64_t{3}}};
  spec.output = "softmax";
  spec.loss = "categorical_cross_entropy";
  check_gradients_agree(make_config(spec));
}

BOOST_AUTO_TEST_CASE(mini_batch_and_penalty_gradients_agree) {
  RunSpec spec = deep("tanh");
  spec.batch_size = 32;
  spec.shuffle_seed = 5;
  ExperimentConfig config = make_config(spec);
  config.regularization.l1 = 0.01;
  config.regularization.l2 = 0.05;
  check_gradients_agree(config);
}

// The seed post's network (hidden 1, tanh, 10000 updates of gd at 0.01).
// Measured: float32 ends 9.9e-9 (relative) from float64's final cost of
// 0.3130263306; float's own rounding is 6e-8, so 1e-6 leaves a factor of 100
// for other compilers and libraries while still failing if some part of the
// float path were wrong (a wrong gradient moves the cost by far more).
BOOST_AUTO_TEST_CASE(the_seed_moons_network_converges_as_in_float64) {
  RunSpec spec;
  spec.hidden = {1};
  spec.iterations = 10000;
  const ExperimentConfig config = make_config(spec);
  const Dataset data = make_dataset(config);
  const RunResult exact = train_run(data, config, builtin_registries());
  const RunResult single = train_run(data, in_float32(config), builtin_registries());
  BOOST_TEST_REQUIRE((exact.status == RunStatus::ok && single.status == RunStatus::ok));
  BOOST_TEST_MESSAGE("final cost float64 " << exact.train.cost << ", float32 "
                                           << single.train.cost);
  BOOST_TEST(std::abs(single.train.cost - exact.train.cost) <= 1e-6 * exact.train.cost);
  BOOST_TEST(single.train.accuracy == exact.train.accuracy);
  BOOST_TEST(single.costs.size() == exact.costs.size());
  // Not the same bits: it really computed in float.
  BOOST_TEST(single.train.cost != exact.train.cost);
}

BOOST_AUTO_TEST_CASE(precision_is_part_of_the_identity_and_float64_keeps_its_own) {
  const ExperimentConfig config = make_config(RunSpec{});
  BOOST_TEST(to_yaml(config).find("dtype") == std::string::npos);
  BOOST_TEST(to_yaml(in_float32(config)).find("dtype: float32") != std::string::npos);
  BOOST_TEST(run_identity(in_float32(config)) != run_identity(config));
  BOOST_TEST(std::get<std::string>(*config_value(in_float32(config), "train.dtype")) == "float32");
  BOOST_TEST(std::get<std::string>(*config_value(config, "train.dtype")) == "float64");
}

BOOST_AUTO_TEST_SUITE_END()
