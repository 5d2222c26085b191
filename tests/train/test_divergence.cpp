// What counts as divergence (trainer.hpp, docs/divergence.md): a saturated but
// well-trained network is `ok`; a blown-up one is `diverged`, and its message
// says at which iteration and what happened.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "cli.hpp"
#include "run_config.hpp"
#include "train/train_run.hpp"

using nnsweep::testing::RunSpec;

namespace {

nnsweep::RunResult run(const RunSpec& spec,
                       const nnsweep::Registries& registries = nnsweep::builtin_registries()) {
  const nnsweep::ExperimentConfig config = nnsweep::testing::make_config(spec, registries);
  const nnsweep::Dataset data = nnsweep::testing::make_dataset(config, registries);
  return nnsweep::train_run(data, config, registries);
}

// The repro: relu [20, 20], adam, init scale 0.3 on the seed moons. Its
// sigmoid output rounds to exactly 1.0 at iteration 373, where log(1 - a) is NaN.
RunSpec saturating_spec() {
  RunSpec spec;
  spec.hidden = {20, 20};
  spec.activation = "relu";
  spec.optimizer = "adam";
  spec.init_scale = 0.3;
  spec.iterations = 10000;
  spec.record_every = 100;
  return spec;
}

// tests/sweep/test_divergence.py's network: tanh [3], gd, 50 moons.
RunSpec small_tanh_spec() {
  RunSpec spec;
  spec.hidden = {3};
  spec.n_samples = 50;
  spec.init_scale = 0.5;
  spec.iterations = 50;
  return spec;
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

void check_ok(const nnsweep::RunResult& result, std::int64_t iterations) {
  BOOST_TEST(nnsweep::status_name(result.status) == "ok", result.message);
  BOOST_TEST(result.message.empty(), result.message);
  BOOST_TEST(result.iterations_run == iterations);
  BOOST_TEST(std::isfinite(result.train.cost));
  for (double cost : result.costs) BOOST_TEST_REQUIRE(std::isfinite(cost));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(divergence)

BOOST_AUTO_TEST_CASE(saturated_repro_is_ok) {
  const nnsweep::RunResult result = run(saturating_spec());
  check_ok(result, 10000);
  BOOST_TEST(result.train.accuracy >= 0.98);
  BOOST_TEST(result.train.cost < 0.05);  // well trained, not a huge finite cost
}

BOOST_AUTO_TEST_CASE(saturated_repro_through_the_cli_exits_0) {
  // The command line, verbatim but for the output file.
  nnsweep::testing::ScratchDir scratch;
  const auto out = scratch.path() / "repro.h5";
  const nnsweep::testing::CliResult cli = nnsweep::testing::run_cli(
      {"run", nnsweep::testing::source_path("configs/seed_moons.yaml").string(), "--set",
       "model.hidden=[20,20]", "--set", "model.activation=relu", "--set", "optimizer.name=adam",
       "--set", "model.init.scale=0.3", "--set", "train.log_every=0", "--out", out.string()});
  BOOST_TEST(cli.exit_code == 0, cli.err);
  BOOST_TEST(cli.out.find("seed_moons: ok, final cost ") != std::string::npos, cli.out);
  const auto at = cli.out.find("train accuracy ");
  BOOST_TEST_REQUIRE(at != std::string::npos, cli.out);
  const double accuracy = std::stod(cli.out.substr(at + 15));
  BOOST_TEST(accuracy >= 0.98, cli.out);
  BOOST_TEST(cli.out.find("10000 iterations") != std::string::npos, cli.out);
}

BOOST_AUTO_TEST_CASE(post_network_trained_50000_iterations_is_ok) {
  // The post's loop (tanh, gd) with 4 hidden units and learning rate 1.2 saturates
  // its output at iteration 18823; its numpy cost is NaN from there on.
  RunSpec spec;
  spec.hidden = {4};
  spec.learning_rate = 1.2;
  spec.iterations = 50000;
  spec.record_every = 1000;
  const nnsweep::RunResult result = run(spec);
  check_ok(result, 50000);
  BOOST_TEST(result.train.accuracy >= 0.98);
  BOOST_TEST(result.train.cost < 0.05);
}

BOOST_AUTO_TEST_CASE(huge_learning_rate_diverges_with_a_message) {
  // Measured: with a stable cost these runs stay finite (parameters ~1e5..1e7 after
  // thousands of steps) but the cost jumps from ~0.6 to 1e5 (tanh, gd) or 2e19
  // (relu, adam) in one step. The blow-up rule stops them at iteration 1.
  RunSpec tanh_spec = small_tanh_spec();
  RunSpec relu_spec = saturating_spec();
  relu_spec.record_every = 1;
  for (RunSpec spec : {tanh_spec, relu_spec}) {
    spec.learning_rate = 1e6;
    const nnsweep::RunResult result = run(spec);
    BOOST_TEST_CONTEXT(spec.activation << " " << spec.optimizer) {
      BOOST_TEST(nnsweep::status_name(result.status) == "diverged");
      BOOST_TEST(starts_with(result.message, "diverged at iteration 1: the cost "), result.message);
      BOOST_TEST(result.message.find("exceeded the blow-up limit 1000 (1000 times the larger of 1 "
                                     "and the initial cost 0.") != std::string::npos,
                 result.message);
      // Iterations 0 and 1 ran; the costs up to the blow-up are kept, all finite.
      BOOST_TEST(result.iterations_run == 2);
      BOOST_TEST_REQUIRE(result.costs.size() == 2u);
      BOOST_TEST(result.costs[1] > 1000.0 * result.costs[0]);
      BOOST_TEST(std::isfinite(result.costs[1]));
      BOOST_TEST(result.parameters.allFinite());
    }
  }
}

BOOST_AUTO_TEST_CASE(the_blow_up_rule_reads_the_costs_that_are_computed) {
  // The cost is computed at recorded (and logged) iterations only: with
  // record_every 7 the blow-up after iteration 1 is seen at iteration 7, the
  // next one computed; with no iteration computed after the first, the final
  // parameters' cost is checked.
  RunSpec spec = small_tanh_spec();
  spec.learning_rate = 1e6;
  spec.record_every = 7;
  const nnsweep::RunResult result = run(spec);
  BOOST_TEST(nnsweep::status_name(result.status) == "diverged");
  BOOST_TEST(starts_with(result.message, "diverged at iteration 7: the cost "), result.message);
  BOOST_TEST(result.iterations_run == 8);
  BOOST_TEST(result.costs.size() == 2u);  // iterations 0 and 7

  spec.iterations = 5;  // only iteration 0 is computed
  const nnsweep::RunResult short_run = run(spec);
  BOOST_TEST(nnsweep::status_name(short_run.status) == "diverged");
  BOOST_TEST(starts_with(short_run.message,
                         "diverged at iteration 4: the cost after the last update, "),
             short_run.message);
  BOOST_TEST(short_run.message.find("exceeded the blow-up limit 1000") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(ordinary_learning_rates_never_trip_the_blow_up_rule) {
  // The rule's margin: healthy runs, even chaotic ones, stay near their initial cost.
  for (double rate : {0.01, 0.1, 1.2, 5.0}) {
    RunSpec spec = small_tanh_spec();
    spec.learning_rate = rate;
    spec.iterations = 3000;
    const nnsweep::RunResult result = run(spec);
    BOOST_TEST_CONTEXT("learning rate " << rate) {
      check_ok(result, 3000);
      for (double cost : result.costs) BOOST_TEST_REQUIRE(cost < 10.0 * result.costs[0]);
    }
  }
}

BOOST_AUTO_TEST_CASE(non_finite_gradient_is_diverged_and_not_applied) {
  // A hidden activation whose derivative is NaN: the gradient of W1 is NaN at
  // iteration 0, and the parameters must stay the initial ones.
  struct NanDerivative final : nnsweep::Activation {
    void forward(ConstBlock Z, Block A) const override { A = Z.array().tanh().matrix(); }
    void backward(ConstBlock, ConstBlock, ConstBlock, Block dZ) const override {
      dZ.setConstant(std::nan(""));
    }
  };
  nnsweep::Registries registries;
  nnsweep::register_builtin_plugins(registries);
  registries.activations.add(
      {"nan_derivative", "tanh with a NaN derivative", {}},
      [](const nnsweep::Params&) { return std::make_unique<NanDerivative>(); });
  RunSpec spec = small_tanh_spec();
  spec.activation = "nan_derivative";
  const nnsweep::RunResult result = run(spec, registries);
  BOOST_TEST(nnsweep::status_name(result.status) == "diverged");
  BOOST_TEST(result.message ==
             "diverged at iteration 0: the gradient of W1 became NaN (the update was not applied)");
  BOOST_TEST(result.iterations_run == 1);
  BOOST_TEST(result.costs.size() == 1u);
  spec.activation = "tanh";
  spec.iterations = 0;  // the initial parameters
  BOOST_TEST((result.parameters.array() == run(spec).parameters.array()).all());
}

BOOST_AUTO_TEST_CASE(non_finite_parameters_are_diverged) {
  // An optimizer whose third step overflows b2 (the last parameter).
  struct Overflowing final : nnsweep::Optimizer {
    int steps = 0;
    void step(Vector params, ConstVector gradient, double) override {
      params -= 0.01 * gradient;
      if (++steps == 3) params(params.size() - 1) = HUGE_VAL;
    }
  };
  nnsweep::Registries registries;
  nnsweep::register_builtin_plugins(registries);
  registries.optimizers.add({"overflowing",
                             "gd that overflows on step 3",
                             {nnsweep::real_param("learning_rate", 0.01, 0.0, 1.0, "unused")}},
                            [](const nnsweep::Params&) { return std::make_unique<Overflowing>(); });
  RunSpec spec = small_tanh_spec();
  spec.optimizer = "overflowing";
  const nnsweep::RunResult result = run(spec, registries);
  BOOST_TEST(nnsweep::status_name(result.status) == "diverged");
  BOOST_TEST(result.message ==
             "diverged at iteration 2: the parameter b2 became infinite after the update");
  BOOST_TEST(result.iterations_run == 3);
  BOOST_TEST(result.costs.size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
