// A planned run's config text and identities are computed together
// (config/experiment.hpp: config_texts) but must be exactly what to_yaml,
// run_identity and dataset_identity give, for every kind of section that
// changes them: the name (left out of the identity), logging, mini-batches, early
// stopping, regularization, per-layer activations, split parameters and an
// input file counted by its digest.
#include <boost/test/unit_test.hpp>

#include "builtin_registries.hpp"
#include "cli.hpp"
#include "config/loader.hpp"
#include "sweep/plan.hpp"
#include "sweep/resolve.hpp"

using namespace nnsweep;
using namespace nnsweep::testing;

namespace {

// Each sweep point changes one thing the texts depend on.
const std::string kSweep =
    "name: texts.of-runs\n"
    "dataset: {name: moons, n_samples: 40, noise: 0.2, seed: 0}\n"
    "model: {hidden: [3, 2], activation: tanh, init: {name: normal, scale: 0.5, seed: 1}}\n"
    "optimizer: {name: gd, learning_rate: 0.1}\n"
    "train: {iterations: 20, log_every: 5}\n"
    "sweep:\n"
    "  list:\n"
    "    - {train.log_every: 0}\n"
    "    - {train.batch_size: 8, train.shuffle_seed: 3}\n"
    "    - {train.early_stopping: {patience: 4, min_delta: 0.01, restore_best: true},\n"
    "       dataset.test_fraction: 0.25}\n"
    "    - {regularization.l2: 0.001}\n"
    "    - {model.activation: [relu, tanh]}\n";

void expect_texts_of_every_run(const std::string& path) {
  const ConfigDocument document = load_config(path, {});
  const Plan plan(document);
  const PlanResolver resolver(document, plan, builtin_registries());
  BOOST_REQUIRE_GT(plan.size(), 0);
  for (std::int64_t index = 0; index < plan.size(); ++index) {
    BOOST_TEST_CONTEXT("run " << index) {
      const PlannedRun run = resolver.resolve(index);
      const ConfigTexts texts = config_texts(run.config);
      BOOST_TEST(texts.yaml == to_yaml(run.config));
      BOOST_TEST(texts.run_id == run_identity(run.config));
      BOOST_TEST(texts.dataset_id == dataset_identity(run.config.dataset));
      // What the plan stores is these texts.
      BOOST_TEST(run.config_yaml == texts.yaml);
      BOOST_TEST(run.id == texts.run_id);
      BOOST_TEST(run.dataset_id == texts.dataset_id);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(run_texts)

BOOST_AUTO_TEST_CASE(computed_together_they_equal_each_computed_alone) {
  ScratchDir dir;
  expect_texts_of_every_run(dir.write("texts.yaml", kSweep).string());
}

BOOST_AUTO_TEST_CASE(an_input_file_counts_by_its_digest_as_alone) {
  ScratchDir dir;
  std::string rows = "x0,x1,y\n";
  for (int i = 0; i < 20; ++i) {
    rows += std::to_string(i % 7) + "," + std::to_string(i % 3) + "," + (i % 2 ? "1" : "0") + "\n";
  }
  const std::string csv = dir.write("points.csv", rows).string();
  const std::string yaml =
      "name: from_csv\n"
      "dataset: {name: csv, path: " +
      csv +
      "}\n"
      "model: {hidden: [2], activation: tanh, init: {name: normal, scale: 0.5, seed: 2}}\n"
      "loss: binary_cross_entropy\n"
      "optimizer: {name: gd, learning_rate: 0.5}\n"
      "train: {iterations: 5}\n"
      "sweep: {grid: {model.init.seed: [1, 2]}}\n";
  const std::string path = dir.write("csv.yaml", yaml).string();
  expect_texts_of_every_run(path);
  // The digest is there, and the path is not part of the identity.
  const ConfigDocument document = load_config(path, {});
  const Plan plan(document);
  const PlannedRun run = PlanResolver(document, plan, builtin_registries()).resolve(0);
  BOOST_TEST(run.config.dataset.params.contains("path_sha256"));
  BOOST_TEST(run.config_yaml.find(csv) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_initializer_bias_at_its_default_leaves_the_identity_alone) {
  // `bias` came after results files existed: a run that leaves it at 0 keeps
  // the identity it had; any other value is a run of its own.
  ScratchDir dir;
  const std::string path = dir.write("bias.yaml",
                                     "name: bias\n"
                                     "dataset: {name: moons, n_samples: 40, noise: 0.2, seed: 0}\n"
                                     "model: {hidden: [3], activation: tanh,\n"
                                     "        init: {name: he_normal, seed: 1}}\n"
                                     "optimizer: {name: gd, learning_rate: 0.1}\n"
                                     "train: {iterations: 20}\n"
                                     "sweep: {list: [{model.init.seed: 1}, {model.init.bias: 0},\n"
                                     "               {model.init.bias: 0.1}]}\n")
                               .string();
  const ConfigDocument document = load_config(path, {});
  const Plan plan(document);
  const PlanResolver resolver(document, plan, builtin_registries());
  const PlannedRun unset = resolver.resolve(0), zero = resolver.resolve(1),
                   shifted = resolver.resolve(2);
  BOOST_TEST(unset.config_yaml.find("bias:") == std::string::npos);
  BOOST_TEST(zero.id == unset.id);
  BOOST_TEST(shifted.id != unset.id);
  BOOST_TEST(shifted.config_yaml.find("bias: 0.1") != std::string::npos);
  BOOST_TEST(shifted.config.model.init.params.real("bias") == 0.1);
}

BOOST_AUTO_TEST_SUITE_END()
