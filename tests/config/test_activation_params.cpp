// Activation parameters in experiment files: `model.activation` as a map with
// the plugin's parameters, one per hidden layer in a list, nested under
// another activation's name for sweeps, from --set; and the errors for
// values outside a parameter's declared range or choices.
#include <boost/test/unit_test.hpp>

#include "cli.hpp"
#include "config_check.hpp"

using namespace nnsweep::testing;

namespace {

std::string with_activation(const std::string& activation) {
  return replaced(kGoodConfig, "activation: tanh", "activation: " + activation);
}

// `nnsweep run` of `yaml`: its stdout line with the final cost.
std::string final_cost(const std::string& yaml, const std::vector<std::string>& sets = {}) {
  ScratchDir scratch;
  std::vector<std::string> arguments = {"run", scratch.write("a.yaml", yaml).string(), "--out",
                                        (scratch.path() / "a.h5").string()};
  for (const std::string& set : sets) {
    arguments.push_back("--set");
    arguments.push_back(set);
  }
  const CliResult result = run_cli(arguments);
  BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
  const auto at = result.out.find("final cost");
  BOOST_TEST_REQUIRE(at != std::string::npos, result.out);
  return result.out.substr(at, result.out.find(',', at) - at);
}

// `nnsweep plan` accepts `yaml` and plans `runs` distinct runs.
void expect_valid_sweep(const std::string& yaml, int runs) {
  ScratchDir scratch;
  const CliResult result = run_cli({"plan", scratch.write("sweep.yaml", yaml).string()});
  BOOST_TEST_CONTEXT("config:\n" << yaml << "stderr: " << result.err) {
    BOOST_TEST(result.exit_code == 0);
    BOOST_TEST(result.out.find("\n" + std::to_string(runs) + " runs") != std::string::npos,
               result.out);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(activation_params)

BOOST_AUTO_TEST_CASE(an_activation_takes_its_parameters_as_a_map) {
  expect_valid(with_activation("{name: leaky_relu, alpha: 0.2}"));
  expect_valid(with_activation("{name: elu, alpha: 2.5}"));
  expect_valid(with_activation("{name: gelu, approximate: tanh}"));
  expect_valid(with_activation("{name: hard_tanh, min_val: 0, max_val: 6}"));
  expect_valid(with_activation("selu"));
}

BOOST_AUTO_TEST_CASE(each_hidden_layer_takes_its_own) {
  expect_valid(replaced(kGoodConfig, "  hidden: [2]\n  activation: tanh\n",
                        "  hidden: [2, 2, 2]\n  activation: [{name: elu, alpha: 0.5}, "
                        "{name: gelu, approximate: tanh}, mish]\n"));
  expect_config_error(
      replaced(kGoodConfig, "  hidden: [2]\n  activation: tanh\n",
               "  hidden: [2, 2]\n  activation: [silu, {name: leaky_relu, alpha: -1}]\n"),
      {5, "-1"}, {"alpha of activation", "leaky_relu", "must be in [0, 1]", "got -1"});
}

BOOST_AUTO_TEST_CASE(values_outside_the_declared_range_are_refused) {
  expect_config_error(with_activation("{name: leaky_relu, alpha: 1.5}"), {5, "1.5"},
                      {"alpha", "leaky_relu", "must be in [0, 1]", "got 1.5"});
  expect_config_error(with_activation("{name: elu, alpha: -0.5}"), {5, "-0.5"},
                      {"alpha", "elu", "must be in [0, inf)"});
  expect_config_error(with_activation("{name: hard_tanh, max_val: 0}"), {5, "0}"},
                      {"max_val", "hard_tanh", "must be in (0, inf)", "got 0"});
  expect_config_error(with_activation("{name: hard_tanh, min_val: 0.5}"), {5, "0.5"},
                      {"min_val", "hard_tanh", "must be in (-inf, 0]"});
  expect_config_error(with_activation("{name: gelu, approximate: tahn}"), {5, "tahn"},
                      {"approximate", "gelu", "must be one of", "did you mean 'tanh'?"});
  expect_config_error(with_activation("{name: leaky_relu, slope: 0.2}"), {5, "slope"},
                      {"'slope' is not a parameter of activation 'leaky_relu'"});
  expect_config_error(with_activation("{name: selu, alpha: 2}"), {5, "alpha"},
                      {"'alpha' is not a parameter of activation 'selu'"});
}

BOOST_AUTO_TEST_CASE(parameters_are_swept_and_set_like_any_other) {
  // Under another activation's name: used only in the runs that choose it.
  expect_valid_sweep(with_activation("{name: tanh, leaky_relu: {alpha: 0.3}, elu: {alpha: 0.7}}") +
                         "sweep:\n  grid:\n    model.activation.name: [tanh, leaky_relu, elu]\n",
                     3);
  expect_valid_sweep(with_activation("leaky_relu") +
                         "sweep:\n  grid:\n    model.activation.alpha: [0.01, 0.1, 0.3]\n",
                     3);
  // Only gelu takes `approximate`: the other runs are planned once.
  expect_valid_sweep(with_activation("relu") +
                         "sweep:\n  grid:\n    model.activation: [relu, gelu]\n"
                         "    model.activation.gelu.approximate: [none, tanh]\n",
                     3);
  expect_valid(kGoodConfig, {"model.activation={name: gelu, approximate: tanh}"});
  expect_set_error(with_activation("leaky_relu"), {"model.activation.alpha=3"},
                   "model.activation.alpha", 0, {"alpha", "[0, 1]"});
}

BOOST_AUTO_TEST_CASE(the_parameter_reaches_the_training) {
  const std::string yaml =
      replaced(with_activation("{name: leaky_relu, alpha: 0.01}"), "scale: 0.01", "scale: 1.0");
  const std::string small = final_cost(yaml);
  BOOST_TEST(final_cost(yaml, {"model.activation.alpha=0.01"}) == small);
  BOOST_TEST(final_cost(yaml, {"model.activation.alpha=0.9"}) != small);
}

BOOST_AUTO_TEST_SUITE_END()
