// Settings each valid alone that do not belong together, and the train
// section's new settings: every error names FILE:LINE:COL of the setting to
// change and both sides of the mismatch, exits 2, and writes nothing.
#include <boost/test/unit_test.hpp>

#include "config_check.hpp"

using namespace nnsweep::testing;

namespace {

std::string bad(const std::string& from, const std::string& to) {
  return replaced(kGoodConfig, from, to);
}

// kGoodConfig on a three-class spiral with a test part, softmax and
// categorical cross-entropy: the multi-class base case.
std::string multi_class() {
  return replaced(
      replaced(bad("dataset: {name: moons, n_samples: 40, noise: 0.2, seed: 0}",
                   "dataset: {name: spiral, n_samples: 60, n_classes: 3, test_fraction: 0.25}"),
               "output: sigmoid", "output: softmax"),
      "loss: binary_cross_entropy", "loss: categorical_cross_entropy");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(config_pairing)

BOOST_AUTO_TEST_CASE(outputs_and_losses_that_belong_together_are_valid) {
  expect_valid(multi_class());
  expect_valid(replaced(
      replaced(bad("name: moons", "name: friedman1"), "output: sigmoid", "output: identity"),
      "loss: binary_cross_entropy", "loss: mse"));
  // mse on classes (0/1 targets) with any output, as TensorFlow Playground does.
  expect_valid(
      replaced(bad("output: sigmoid", "output: tanh"), "loss: binary_cross_entropy", "loss: mse"));
}

BOOST_AUTO_TEST_CASE(an_output_the_loss_cannot_take_names_both) {
  expect_config_error(bad("output: sigmoid", "output: softmax"), {6, "softmax"},
                      {"loss 'binary_cross_entropy'", "model.output is 'softmax'",
                       "loss: categorical_cross_entropy"});
  expect_config_error(bad("output: sigmoid", "output: tanh"), {6, "tanh"},
                      {"binary_cross_entropy", "'tanh'", "use model.output: sigmoid"});
  expect_config_error(replaced(multi_class(), "output: softmax", "output: sigmoid"), {6, "sigmoid"},
                      {"categorical_cross_entropy", "'sigmoid'", "use model.output: softmax"});
  // A --set that makes the mismatch is blamed on the --set.
  expect_set_error(kGoodConfig, {"model.output=identity"}, "model.output", 0,
                   {"binary_cross_entropy", "'identity'", "loss: mse"});
}

BOOST_AUTO_TEST_CASE(softmax_is_an_output_only) {
  expect_config_error(replaced(multi_class(), "activation: tanh", "activation: softmax"),
                      {5, "softmax"}, {"'softmax'", "output layer", "hidden layer 1"});
  expect_config_error(replaced(multi_class(), "activation: tanh", "activation: [softmax]"),
                      {5, "[softmax]"}, {"'softmax'", "hidden layer 1"});
}

BOOST_AUTO_TEST_CASE(a_class_loss_on_a_regression_set) {
  expect_config_error(bad("name: moons", "name: friedman1"), {8, "binary_cross_entropy"},
                      {"'binary_cross_entropy'", "'friedman1' is a regression set", "loss: mse"});
  const std::string regression =
      replaced(replaced(bad("name: moons", "name: friedman1, stratify: true, test_fraction: 0.5"),
                        "output: sigmoid", "output: identity"),
               "loss: binary_cross_entropy", "loss: mse");
  expect_config_error(regression, {2, "true"}, {"stratify", "'friedman1'", "regression"});
}

BOOST_AUTO_TEST_CASE(iterations_or_epochs_not_both) {
  expect_valid(bad("  iterations: 5", "  epochs: 5"));
  expect_config_error(bad("  iterations: 5", "  iterations: 5\n  epochs: 3"), {14, "epochs"},
                      {"both iterations and epochs"});
  expect_set_error(kGoodConfig, {"train.epochs=3"}, "train.epochs", 0,
                   {"both iterations and epochs"});
  expect_config_error(bad("  iterations: 5", "  epochs: 0"), {13, "0"}, {"epochs", "[1,"});
}

BOOST_AUTO_TEST_CASE(batch_size_is_full_or_a_positive_integer) {
  expect_valid(bad("  iterations: 5", "  iterations: 5\n  batch_size: full"));
  expect_valid(bad("  iterations: 5", "  iterations: 5\n  batch_size: 8\n  shuffle_seed: 3"));
  expect_config_error(bad("  iterations: 5", "  iterations: 5\n  batch_size: half"), {14, "half"},
                      {"batch_size", "full or a positive integer", "'half'"});
  expect_config_error(bad("  iterations: 5", "  iterations: 5\n  batch_size: 0"), {14, "0"},
                      {"batch_size", "[1,"});
  expect_config_error(bad("  iterations: 5", "  iterations: 5\n  batch_size: \"8\""), {14, "\"8\""},
                      {"batch_size"});
}

BOOST_AUTO_TEST_CASE(early_stopping_needs_a_test_part) {
  expect_valid(replaced(multi_class(), "  iterations: 5",
                        "  iterations: 5\n  early_stopping: {patience: 3, min_delta: 0.001}"));
  expect_valid(
      replaced(multi_class(), "  iterations: 5", "  iterations: 5\n  early_stopping: true"));
  expect_config_error(bad("  iterations: 5", "  iterations: 5\n  early_stopping: {patience: 3}"),
                      {14, "{patience"}, {"early_stopping", "test part", "test_fraction"});
  expect_config_error(
      replaced(multi_class(), "  iterations: 5", "  iterations: 5\n  early_stopping: {patince: 3}"),
      {14, "patince"}, {"unknown key 'patince'", "did you mean 'patience'?"});
  expect_config_error(replaced(multi_class(), "  iterations: 5",
                               "  iterations: 5\n  early_stopping: {patience: 0}"),
                      {14, "0"}, {"patience", "[1,"});
}

BOOST_AUTO_TEST_SUITE_END()
