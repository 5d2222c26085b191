// Bad experiment files: each error names FILE:LINE:COL of the offending node,
// exits with code 2 from both `run` and `validate`, and writes no results file.
#include <boost/test/unit_test.hpp>

#include "config_check.hpp"

using namespace nnsweep::testing;

namespace {

// kGoodConfig with `from` replaced by `to`.
std::string bad(const std::string& from, const std::string& to) {
  return replaced(kGoodConfig, from, to);
}

const std::string kModelBlock =
    "model:\n  hidden: [2]\n  activation: tanh\n  output: sigmoid\n"
    "  init: {name: normal, scale: 0.01, seed: 2}\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(config_errors)

BOOST_AUTO_TEST_CASE(the_base_config_is_valid) {
  expect_valid(kGoodConfig);
}

BOOST_AUTO_TEST_CASE(malformed_yaml) {
  expect_config_error(kGoodConfig + "}\n", {15, "}"}, {"malformed YAML"});
  expect_config_error(bad("activation: tanh", "activation: tanh: x"), {5, ": x"},
                      {"malformed YAML"});
  expect_config_error(bad("seed: 0}", "seed: *nope}"), {2, "*nope"}, {"malformed YAML"});
  expect_config_error(bad("  iterations: 5", "\titerations: 5"), {13, ""}, {"malformed YAML"});
  expect_config_error(kGoodConfig + "optimizer: {name: adam}\n", {15, "optimizer"},
                      {"duplicate key 'optimizer'"});
}

BOOST_AUTO_TEST_CASE(unknown_top_level_key) {
  expect_config_error(bad("train:", "trian:"), {12, "trian"},
                      {"unknown key 'trian'", "did you mean 'train'?"});
  expect_config_error(bad("optimizer:", "optimiser:"), {9, "optimiser"},
                      {"unknown key 'optimiser'", "did you mean 'optimizer'?"});
  expect_config_error(kGoodConfig + "colour: red\n", {15, "colour"},
                      {"unknown key 'colour'", "allowed", "dataset", "optimizer"});
}

BOOST_AUTO_TEST_CASE(unknown_key_in_model) {
  expect_config_error(bad("activation: tanh", "activatoin: tanh"), {5, "activatoin"},
                      {"unknown key 'activatoin' in model", "did you mean 'activation'?"});
  expect_config_error(bad("hidden: [2]", "hiden: [2]"), {4, "hiden"},
                      {"unknown key 'hiden' in model", "did you mean 'hidden'?"});
}

BOOST_AUTO_TEST_CASE(regularization_is_checked_like_any_section) {
  expect_valid(kGoodConfig + "regularization: {l1: 0.001, l2: 0.01}\n");
  expect_config_error(kGoodConfig + "regularization: {l3: 0.1}\n", {15, "l3"},
                      {"unknown", "'l3'", "regularization"});
  expect_config_error(kGoodConfig + "regularization: {l2: -1}\n", {15, "-1"}, {"l2", "-1"});
  expect_set_error(kGoodConfig, {"regularization.l1=x"}, "regularization.l1", 0, {"l1"});
}

BOOST_AUTO_TEST_CASE(a_list_of_activations_needs_one_per_hidden_layer) {
  expect_valid(bad("activation: tanh", "activation: [relu]"));
  expect_config_error(bad("activation: tanh", "activation: [relu, tanh]"), {5, "["},
                      {"2 activations", "1 hidden layers"});
  expect_config_error(bad("activation: tanh", "activation: [rleu]"), {5, "rleu"},
                      {"unknown activation 'rleu'"});
}

BOOST_AUTO_TEST_CASE(unknown_key_in_train) {
  expect_config_error(bad("iterations: 5", "iteratons: 5"), {13, "iteratons"},
                      {"unknown key 'iteratons' in train", "did you mean 'iterations'?"});
  expect_config_error(bad("log_every: 0", "log_evry: 0"), {14, "log_evry"},
                      {"unknown key 'log_evry' in train", "did you mean 'log_every'?"});
}

BOOST_AUTO_TEST_CASE(dtype_is_float64_or_float32) {
  expect_valid(bad("log_every: 0", "log_every: 0\n  dtype: float32"));
  expect_valid(bad("log_every: 0", "log_every: 0\n  dtype: float64"));
  expect_config_error(bad("log_every: 0", "log_every: 0\n  dtype: float16"), {15, "float16"},
                      {"dtype", "float64", "float32", "float16"});
  expect_config_error(bad("log_every: 0", "log_every: 0\n  dtype: 32"), {15, "32"}, {"dtype"});
  expect_set_error(kGoodConfig, {"train.dtype=double"}, "train.dtype", 0, {"dtype", "double"});
  // Other tools' name for it points to dtype (train.precision is a metric's column).
  expect_config_error(
      bad("log_every: 0", "precision: float32"), {14, "precision"},
      {"unknown key 'precision' in train", "did you mean 'dtype' (float64 or float32)?"});
}

BOOST_AUTO_TEST_CASE(unknown_key_in_plugin_section) {
  expect_config_error(bad("noise: 0.2", "nosie: 0.2"), {2, "nosie"},
                      {"'nosie' is not a parameter of dataset 'moons'", "did you mean 'noise'?"});
  expect_config_error(
      bad("scale: 0.01", "scael: 0.01"), {7, "scael"},
      {"'scael' is not a parameter of initializer 'normal'", "did you mean 'scale'?"});
  expect_config_error(
      bad("learning_rate: 0.01", "learning_rat: 0.01"), {11, "learning_rat"},
      {"'learning_rat' is not a parameter of optimizer 'gd'", "did you mean 'learning_rate'?"});
  expect_config_error(bad("activation: tanh", "activation: {name: tanh, slope: 2}"), {5, "slope"},
                      {"'slope' is not a parameter of activation 'tanh'"});
  // A block for another optimizer is checked even when that optimizer is not chosen.
  expect_config_error(
      bad("  learning_rate: 0.01\n", "  learning_rate: 0.01\n  adam: {beat1: 0.9}\n"),
      {12, "beat1"}, {"unknown key 'beat1'", "adam", "did you mean 'beta1'?"});
}

BOOST_AUTO_TEST_CASE(unknown_plugin_name) {
  expect_config_error(bad("activation: tanh", "activation: tahn"), {5, "tahn"},
                      {"unknown activation 'tahn'", "did you mean 'tanh'?", "relu"});
  expect_config_error(bad("output: sigmoid", "output: sigmod"), {6, "sigmod"},
                      {"unknown activation 'sigmod'", "did you mean 'sigmoid'?"});
  expect_config_error(bad("name: moons", "name: mons"), {2, "mons"},
                      {"unknown dataset 'mons'", "did you mean 'moons'?"});
  expect_config_error(bad("name: normal", "name: normla"), {7, "normla"},
                      {"unknown initializer 'normla'", "did you mean 'normal'?"});
  expect_config_error(bad("loss: binary_cross_entropy", "loss: binary_cross_entrpy"), {8, "binary"},
                      {"unknown loss", "did you mean 'binary_cross_entropy'?"});
  expect_config_error(bad("name: gd", "name: adma"), {10, "adma"},
                      {"unknown optimizer 'adma'", "did you mean 'adam'?"});
  expect_config_error(bad("activation: tanh", "activation: squiggle"), {5, "squiggle"},
                      {"unknown activation 'squiggle'", "(available: elu, gelu,"});
}

BOOST_AUTO_TEST_CASE(wrong_type) {
  const std::vector<std::string> number = {"learning_rate", "must be a number"};
  expect_config_error(bad("learning_rate: 0.01", "learning_rate: fast"), {11, "fast"}, number);
  expect_config_error(bad("learning_rate: 0.01", "learning_rate: \"0.1\""), {11, "\"0.1\""},
                      number);
  expect_config_error(bad("learning_rate: 0.01", "learning_rate: '0.1'"), {11, "'0.1'"}, number);
  expect_config_error(bad("learning_rate: 0.01", "learning_rate: [0.1]"), {11, "["},
                      {"learning_rate", "must be a number", "a list"});
  expect_config_error(bad("learning_rate: 0.01", "learning_rate: {a: 1}"), {11, "{"},
                      {"learning_rate", "must be a number", "a map"});
  expect_config_error(bad("learning_rate: 0.01", "learning_rate: .inf"), {11, ".inf"},
                      {"learning_rate"});
  const std::vector<std::string> integer = {"n_samples", "must be an integer"};
  expect_config_error(bad("n_samples: 40", "n_samples: 2.5"), {2, "2.5"}, integer);
  expect_config_error(bad("n_samples: 40", "n_samples: 1e3"), {2, "1e3"}, integer);
  expect_config_error(bad("n_samples: 40", "n_samples: \"40\""), {2, "\"40\""}, integer);
  expect_config_error(bad("n_samples: 40", "n_samples: [40]"), {2, "[40]"}, integer);
  expect_config_error(bad("iterations: 5", "iterations: 1.5"), {13, "1.5"},
                      {"iterations", "must be an integer"});
  expect_config_error(bad("seed: 0}", "seed: 0, shuffle: yes}"), {2, "yes"},
                      {"shuffle", "must be true or false"});
  expect_config_error(bad("hidden: [2]", "hidden: [2.5]"), {4, "2.5"},
                      {"hidden", "must be an integer"});
  expect_config_error(bad("hidden: [2]", "hidden: {a: 1}"), {4, "{"},
                      {"hidden", "must be a list of integers", "a map"});
  expect_config_error(bad("train:\n  iterations: 5\n  log_every: 0\n", "train: 5\n"), {12, "5"},
                      {"train must be a map"});
  expect_config_error(bad(kModelBlock, "model: [2]\n"), {3, "["}, {"model must be a map"});
  // A list gives one activation per hidden layer; each must be a name or a map.
  expect_config_error(bad("activation: tanh", "activation: [[tanh]]"), {5, "[tanh"},
                      {"activation name or a map"});
  expect_config_error("- a\n- b\n", {1, "-"}, {"must be a YAML map"});
}

BOOST_AUTO_TEST_CASE(out_of_range) {
  const std::vector<std::string> rate = {"learning_rate", "must be in (0, "};
  expect_config_error(bad("learning_rate: 0.01", "learning_rate: 0"), {11, "0"}, rate);
  expect_config_error(bad("learning_rate: 0.01", "learning_rate: -0.5"), {11, "-0.5"}, rate);
  expect_config_error(bad("noise: 0.2", "noise: -1"), {2, "-1"},
                      {"noise", "must be in [0, ", "got -1"});
  expect_config_error(bad("n_samples: 40", "n_samples: 0"), {2, "0, noise"},
                      {"n_samples", "must be in [1, ", "got 0"});
  expect_config_error(bad("n_samples: 40", "n_samples: 100000001"), {2, "100000001"},
                      {"n_samples", "must be in [1, "});
  expect_config_error(bad("seed: 0}", "seed: -1}"), {2, "-1"},
                      {"seed", "must be in [0, 4294967295]", "got -1"});
  expect_config_error(bad("seed: 0}", "seed: 4294967296}"), {2, "4294967296"},
                      {"seed", "must be in [0, 4294967295]", "got 4294967296"});
  expect_config_error(bad("seed: 2}", "seed: 4294967296}"), {7, "4294967296"},
                      {"seed of initializer 'normal'", "must be in [0, 4294967295]"});
  expect_config_error(bad("hidden: [2]", "hidden: [0]"), {4, "0"},
                      {"hidden", "must be in [1, ", "got 0"});
  expect_config_error(bad("hidden: [2]", "hidden: [3, -2]"), {4, "-2"},
                      {"hidden", "must be in [1, ", "got -2"});
  expect_config_error(bad("iterations: 5", "iterations: -1"), {13, "-1"},
                      {"iterations", "must be in [0, "});
  expect_config_error(bad("log_every: 0\n", "log_every: 0\n  record_every: 0\n"), {15, "0"},
                      {"record_every", "must be in [1, "});
}

BOOST_AUTO_TEST_CASE(boundary_values_are_accepted) {
  expect_valid(bad("seed: 0}", "seed: 4294967295, shuffle: false}"));
  expect_valid(bad("seed: 2}", "seed: 4294967295}"));
  expect_valid(bad("n_samples: 40, noise: 0.2", "n_samples: 1, noise: 0"));
  expect_valid(bad("hidden: [2]", "hidden: 1"));
  expect_valid(bad("learning_rate: 0.01", "learning_rate: 1e-3"));
}

BOOST_AUTO_TEST_CASE(missing_section) {
  expect_config_error(bad("dataset: {name: moons, n_samples: 40, noise: 0.2, seed: 0}\n", ""),
                      {1, "name"}, {"missing 'dataset'"});
  expect_config_error(bad(kModelBlock, ""), {1, "name"}, {"missing 'model'"});
  expect_config_error(bad("  hidden: [2]\n", ""), {4, "activation"}, {"missing 'hidden' in model"});
  expect_config_error(bad("{name: moons, ", "{"), {2, "{"}, {"dataset needs a 'name:'"});
}

BOOST_AUTO_TEST_CASE(parameter_of_another_plugin) {
  const std::string gd_with = "  name: gd\n  learning_rate: 0.01\n";
  expect_config_error(bad(gd_with, gd_with + "  beta1: 0.9\n"), {12, "beta1"},
                      {"'beta1' is not a parameter of optimizer 'gd'", "belongs to adam", "nest",
                       "adam: {beta1: ...}"});
  expect_config_error(bad(gd_with, gd_with + "  epsilon: 1e-7\n"), {12, "epsilon"},
                      {"'epsilon' is not a parameter of optimizer 'gd'",
                       "belongs to adadelta, adagrad, adam, adamax"});
  // Nested under its owner, it is accepted.
  expect_valid(bad(gd_with, gd_with + "  adam: {beta1: 0.9}\n"));
}

// The momentum optimizer's parameter is also called `momentum`: a scalar there
// is the parameter, not a nested `momentum:` block.
BOOST_AUTO_TEST_CASE(parameter_named_like_its_plugin) {
  expect_valid(bad("name: gd", "name: momentum\n  momentum: 0.5"));
  expect_config_error(
      bad("learning_rate: 0.01", "learning_rate: 0.01\n  momentum: 0.5"), {12, "momentum"},
      {"'momentum' is not a parameter of optimizer 'gd'", "belongs to momentum", "nest"});
}

// An empty value (`key:` and nothing after it) is reported at its key, not at
// the next line (where yaml-cpp places it).
BOOST_AUTO_TEST_CASE(empty_value_points_at_its_key) {
  expect_config_error(bad("learning_rate: 0.01", "learning_rate:"), {11, ""},
                      {"learning_rate", "must be a number"});
  expect_config_error(bad(kModelBlock, "model:\n"), {3, ""}, {"model"});
  expect_config_error(bad("dataset: {name: moons, n_samples: 40, noise: 0.2, seed: 0}", "dataset:"),
                      {2, ""}, {"dataset"});
}

// An unclosed flow collection is reported at its opening bracket, not where
// yaml-cpp gave up (the next line, or the end of the file).
BOOST_AUTO_TEST_CASE(unclosed_bracket_points_at_the_bracket) {
  expect_config_error(replaced(kGoodConfig, "hidden: [2]", "hidden: [2"), {4, "["},
                      {"malformed YAML"});
  expect_config_error(replaced(kGoodConfig, "seed: 0}", "seed: 0"), {2, "{"}, {"malformed YAML"});
}
BOOST_AUTO_TEST_SUITE_END()
