// train_run against the seed post's numpy training loop (tests/fixtures/post_training.txt):
// costs, final cost, accuracy and trained parameters for nine networks.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "run_config.hpp"
#include "train/train_run.hpp"

using nnsweep::testing::fixture_lines;
using nnsweep::testing::to_double;

namespace {

struct PostCase {
  int index = 0;
  nnsweep::testing::RunSpec spec;
  std::int64_t every = 0;
  std::vector<double> costs;  // at iterations 0, every, 2 every, ...
  double final_cost = 0.0;
  double train_accuracy = 0.0;
  std::vector<double> parameters;  // converted to the flat layout: W col-major, then b
};

std::vector<double> doubles(const std::vector<std::string>& tokens, std::size_t first) {
  std::vector<double> values;
  for (std::size_t i = first; i < tokens.size(); ++i) values.push_back(to_double(tokens[i]));
  return values;
}

std::vector<PostCase> post_cases() {
  std::vector<PostCase> cases;
  PostCase c;
  for (const auto& t : fixture_lines("post_training.txt")) {
    const std::string& key = t.at(0);
    if (key == "case") {
      c = PostCase{};
      c.index = std::stoi(t.at(1));
    } else if (key == "hidden") {
      c.spec.hidden.clear();
      for (std::size_t i = 1; i < t.size(); ++i) c.spec.hidden.push_back(std::stoll(t[i]));
    } else if (key == "activation") {
      c.spec.activation = t.at(1);
    } else if (key == "learning_rate") {
      c.spec.learning_rate = to_double(t.at(1));
    } else if (key == "iterations") {
      c.spec.iterations = std::stoll(t.at(1));
    } else if (key == "data") {
      c.spec.data_seed = std::stoll(t.at(1));
      c.spec.n_samples = std::stoll(t.at(2));
      c.spec.noise = to_double(t.at(3));
    } else if (key == "init") {
      c.spec.init_seed = std::stoll(t.at(1));
      c.spec.init_scale = to_double(t.at(2));
    } else if (key == "costs") {
      c.every = std::stoll(t.at(1));
      c.costs = doubles(t, 2);
    } else if (key == "final_cost") {
      c.final_cost = to_double(t.at(1));
    } else if (key == "train_accuracy") {
      c.train_accuracy = to_double(t.at(1));
    } else if (key == "param") {
      // param NAME rows cols values (row-major, as numpy prints a C-order array).
      const auto rows = std::stoul(t.at(2)), cols = std::stoul(t.at(3));
      const std::vector<double> values = doubles(t, 4);
      BOOST_TEST_REQUIRE(values.size() == rows * cols);
      for (std::size_t col = 0; col < cols; ++col) {
        for (std::size_t row = 0; row < rows; ++row)
          c.parameters.push_back(values[row * cols + col]);
      }
    } else if (key == "end") {
      c.spec.record_every = c.every;  // the fixture records costs[::iterations // 10]
      cases.push_back(c);
    } else {
      BOOST_FAIL("unknown fixture line " << key);
    }
  }
  BOOST_TEST_REQUIRE(cases.size() == 9u);
  return cases;
}

nnsweep::RunResult run(const nnsweep::testing::RunSpec& spec) {
  const nnsweep::ExperimentConfig config = nnsweep::testing::make_config(spec);
  const nnsweep::Dataset data = nnsweep::testing::make_dataset(config);
  return nnsweep::train_run(data, config, nnsweep::builtin_registries());
}

bool close_relative(double got, double expected, double tolerance) {
  return std::abs(got - expected) <= tolerance * std::abs(expected);
}

// Compares one run with its fixture case: relative tolerance for costs, absolute
// (or, when `relative_params`, relative with a floor of 1) for the parameters.
void check_case(const PostCase& c, double cost_tolerance, double param_tolerance,
                bool relative_params, double accuracy_tolerance) {
  const nnsweep::RunResult result = run(c.spec);
  BOOST_TEST_REQUIRE(nnsweep::status_name(result.status) == "ok", result.message);
  BOOST_TEST(result.iterations_run == c.spec.iterations);
  BOOST_TEST_REQUIRE(result.costs.size() == c.costs.size());
  for (std::size_t k = 0; k < c.costs.size(); ++k) {
    BOOST_TEST_CONTEXT("cost at iteration " << k * static_cast<std::size_t>(c.every)) {
      BOOST_TEST(close_relative(result.costs[k], c.costs[k], cost_tolerance),
                 result.costs[k] << " vs numpy " << c.costs[k]);
    }
  }
  BOOST_TEST(close_relative(result.train.cost, c.final_cost, cost_tolerance),
             "final cost " << result.train.cost << " vs numpy " << c.final_cost);
  BOOST_TEST(std::abs(result.train.accuracy - c.train_accuracy) <= accuracy_tolerance,
             "accuracy " << result.train.accuracy << " vs numpy " << c.train_accuracy);
  BOOST_TEST_REQUIRE(static_cast<std::size_t>(result.parameters.size()) == c.parameters.size());
  for (std::size_t i = 0; i < c.parameters.size(); ++i) {
    const double got = result.parameters(static_cast<Eigen::Index>(i));
    const double scale = relative_params ? std::max(1.0, std::abs(c.parameters[i])) : 1.0;
    BOOST_TEST_CONTEXT("flat parameter " << i) {
      BOOST_TEST(std::abs(got - c.parameters[i]) <= param_tolerance * scale,
                 got << " vs numpy " << c.parameters[i]);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(trainer)

BOOST_AUTO_TEST_CASE(matches_numpy_training_loop) {
  // Same algorithm, same float operations as the post: results agree to ~1e-12 in
  // practice; 1e-9 leaves room for BLAS-order differences in the matrix products.
  for (const PostCase& c : post_cases()) {
    if (c.index == 3) continue;  // chaotic, see below
    BOOST_TEST_CONTEXT("fixture case " << c.index) {
      check_case(c, 1e-9, 1e-9, false, 0.0);
    }
  }
}

BOOST_AUTO_TEST_CASE(chaotic_case_matches_loosely) {
  // Case 3 (hidden [4], learning rate 1.2) is chaotic: numpy itself moves by ~1e-4
  // when only its summation order changes, so bit-level agreement is meaningless.
  // 1e-2 relative still catches a wrong gradient or update (which diverge by O(1)),
  // and accuracy may differ by one example (1/200).
  for (const PostCase& c : post_cases()) {
    if (c.index != 3) continue;
    check_case(c, 1e-2, 1e-2, true, 1.0 / 200.0 + 1e-12);
  }
}

BOOST_AUTO_TEST_CASE(reproduces_the_published_table) {
  // The seed post prints '%f' of the cost every 1000 iterations with learning rate
  // 0.01; these strings are copied from the post, not computed by us.
  const char* const published[] = {"0.693127", "0.671018", "0.442552", "0.354652", "0.329080",
                                   "0.320810", "0.317526", "0.315824", "0.314688", "0.313792"};
  nnsweep::testing::RunSpec spec;
  spec.hidden = {1};
  spec.activation = "tanh";
  spec.learning_rate = 0.01;
  spec.iterations = 10000;
  spec.record_every = 1000;
  spec.data_seed = 0;
  spec.n_samples = 200;
  spec.noise = 0.2;
  spec.init_seed = 2;
  spec.init_scale = 0.01;
  const nnsweep::RunResult result = run(spec);
  BOOST_TEST_REQUIRE(result.costs.size() == 10u);
  for (std::size_t k = 0; k < 10; ++k) {
    char text[32];
    std::snprintf(text, sizeof text, "%f", result.costs[k]);
    BOOST_TEST(std::string(text) == published[k], "iteration " << k * 1000);
  }
}

BOOST_AUTO_TEST_CASE(training_is_deterministic) {
  // Two runs of one config must agree bit for bit: results files and resumed
  // sweeps rely on it.
  nnsweep::testing::RunSpec spec;
  spec.hidden = {20, 20};
  spec.learning_rate = 0.1;
  spec.iterations = 300;
  spec.record_every = 7;
  spec.init_scale = 0.1;
  for (const std::string optimizer : {"gd", "momentum", "adam"}) {
    spec.optimizer = optimizer;
    const nnsweep::RunResult first = run(spec);
    const nnsweep::RunResult second = run(spec);
    BOOST_TEST_CONTEXT(optimizer) {
      BOOST_TEST(first.costs == second.costs, boost::test_tools::per_element());
      BOOST_TEST(first.train.cost == second.train.cost);
      BOOST_TEST(first.train.accuracy == second.train.accuracy);
      BOOST_TEST_REQUIRE(first.parameters.size() == second.parameters.size());
      BOOST_TEST((first.parameters.array() == second.parameters.array()).all());
      BOOST_TEST(first.costs.size() == 43u);  // iterations 0, 7, ..., 294
    }
  }
}

BOOST_AUTO_TEST_CASE(first_cost_is_log_two_for_tiny_weights) {
  // With weights ~1e-2 and zero biases the output is ~0.5 for every example, so the
  // cost before any update is ~log 2 (the post's table starts at 0.693127).
  nnsweep::testing::RunSpec spec;
  spec.iterations = 1;
  spec.init_scale = 1e-6;
  const nnsweep::RunResult result = run(spec);
  BOOST_TEST_REQUIRE(result.costs.size() == 1u);
  BOOST_TEST(result.costs[0] == std::log(2.0), boost::test_tools::tolerance(1e-6));
}

BOOST_AUTO_TEST_CASE(blown_up_run_stops_as_diverged) {
  // A huge step sends the cost from ~log 2 to ~1e5 (confidently wrong outputs)
  // while every value stays finite. train_run must stop there, not train on
  // (trainer.hpp's divergence rule; tests/train/test_divergence.cpp has more).
  nnsweep::testing::RunSpec spec;
  spec.learning_rate = 1e6;
  spec.iterations = 1000;
  const nnsweep::RunResult result = run(spec);
  BOOST_TEST(nnsweep::status_name(result.status) == "diverged");
  BOOST_TEST(result.iterations_run < spec.iterations);
  BOOST_TEST(result.message.find("diverged at iteration " +
                                 std::to_string(result.iterations_run - 1) + ": ") == 0,
             result.message);
  // record_every is 1: one cost per iteration run, the last one blown up.
  BOOST_TEST_REQUIRE(result.costs.size() == static_cast<std::size_t>(result.iterations_run));
  BOOST_TEST(result.costs.back() > nnsweep::kBlowUpFactor * std::max(1.0, result.costs.front()));
  for (std::size_t k = 0; k + 1 < result.costs.size(); ++k)
    BOOST_TEST(std::isfinite(result.costs[k]));
}

BOOST_AUTO_TEST_CASE(stop_flag_interrupts_the_run) {
  nnsweep::testing::RunSpec spec;
  spec.iterations = 1000;
  nnsweep::ExperimentConfig config = nnsweep::testing::make_config(spec);
  const nnsweep::Dataset data = nnsweep::testing::make_dataset(config);
  const auto& registries = nnsweep::builtin_registries();

  // Already set: no iteration runs.
  std::atomic<bool> stop{true};
  nnsweep::RunResult result = nnsweep::train_run(data, config, registries, {}, &stop);
  BOOST_TEST(result.interrupted);
  BOOST_TEST(result.iterations_run == 0);
  BOOST_TEST(result.costs.empty());

  // Set during iteration 5 (as a signal handler would): iteration 6 never starts.
  stop = false;
  config.train.log_every = 1;
  const auto raise_at_5 = [&](std::string_view, std::int64_t iteration, double) {
    if (iteration == 5) stop = true;
  };
  result = nnsweep::train_run(data, config, registries, raise_at_5, &stop);
  BOOST_TEST(result.interrupted);
  BOOST_TEST(result.iterations_run == 6);
  BOOST_TEST(result.costs.size() == 6u);

  // Never set, or no flag: runs to the end.
  stop = false;
  result = nnsweep::train_run(data, config, registries, {}, &stop);
  BOOST_TEST(!result.interrupted);
  BOOST_TEST(result.iterations_run == spec.iterations);
  BOOST_TEST(!nnsweep::train_run(data, config, registries).interrupted);
}

BOOST_AUTO_TEST_CASE(exceptions_mark_the_run_failed) {
  // train_run never throws: a plugin that cannot be created fails this run only.
  nnsweep::testing::RunSpec spec;
  nnsweep::ExperimentConfig config = nnsweep::testing::make_config(spec);
  config.optimizer.name = "no_such_optimizer";
  const nnsweep::Dataset data = nnsweep::testing::make_dataset(config);
  nnsweep::RunResult result;
  BOOST_CHECK_NO_THROW(result = nnsweep::train_run(data, config, nnsweep::builtin_registries()));
  BOOST_TEST(nnsweep::status_name(result.status) == "failed");
  BOOST_TEST(result.message.find("no_such_optimizer") != std::string::npos, result.message);
  BOOST_TEST(result.costs.empty());
}

BOOST_AUTO_TEST_SUITE_END()
