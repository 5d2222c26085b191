// sweep.random in Weights & Biases' spelling: min and max for low and high,
// log_uniform_values for log_uniform, each drawing exactly what nnsweep's own
// spelling draws; and W&B's log_uniform (min and max are exponents) refused
// at FILE:LINE:COL with a message naming log_uniform_values.
#include <boost/test/unit_test.hpp>

#include "builtin_registries.hpp"
#include "cli.hpp"
#include "config/loader.hpp"
#include "sweep/plan.hpp"
#include "sweep/resolve.hpp"

using namespace nnsweep;
using namespace nnsweep::testing;

namespace {

const std::string kHead =
    "name: w\n"
    "dataset: {name: moons, n_samples: 50, noise: 0.2, seed: 0}\n"
    "model: {hidden: [2], init: {name: normal, scale: 0.01, seed: 2}}\n"
    "optimizer: {name: gd, learning_rate: 0.1}\n"
    "train: {iterations: 5}\n"
    "sweep:\n  random:\n    samples: 3\n    seed: 7\n    params:\n";

// The learning rates and noises of the three runs of `params`.
std::vector<std::pair<double, double>> draws(const std::string& params) {
  ScratchDir dir;
  const ConfigDocument document = load_config(dir.write("w.yaml", kHead + params).string(), {});
  const Plan plan(document);
  const PlanResolver resolver(document, plan, builtin_registries());
  std::vector<std::pair<double, double>> values;
  for (std::int64_t run = 0; run < plan.size(); ++run) {
    const ExperimentConfig config = resolver.resolve(run).config;
    values.emplace_back(config.optimizer.params.real("learning_rate"),
                        config.dataset.params.real("noise"));
  }
  return values;
}

// `nnsweep validate` refuses `params` with exit code 2, at the first `token`
// on the line holding `line_text` (1-based line and column), naming `words`.
void expect_refused(const std::string& params, const std::string& line_text,
                    const std::string& token, const std::vector<std::string>& words) {
  ScratchDir dir;
  const std::string yaml = kHead + params;
  const std::string path = dir.write("w.yaml", yaml).string();
  const CliResult result = run_cli({"validate", path});
  BOOST_TEST_CONTEXT(params << "stderr: " << result.err) {
    BOOST_TEST(result.exit_code == 2);
    const std::size_t line_start = yaml.find(line_text);
    BOOST_TEST_REQUIRE(line_start != std::string::npos);
    const std::size_t begin = yaml.rfind('\n', line_start) + 1;
    const int line = static_cast<int>(std::count(yaml.begin(), yaml.begin() + begin, '\n')) + 1;
    const int column = static_cast<int>(yaml.find(token, line_start) - begin) + 1;
    const std::string where =
        path + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
    BOOST_TEST(result.err.rfind(where, 0) == 0, "expected to start with " << where);
    for (const std::string& word : words) {
      BOOST_TEST(result.err.find(word) != std::string::npos, "missing '" << word << "'");
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sweep_random_spellings)

// np.random.seed(7): the same draws as test_plan's random_draws_match_numpy.
BOOST_AUTO_TEST_CASE(wandb_names_draw_what_nnsweeps_draw) {
  const double rates[] = {0.0002019450244810229, 0.13172711156111802, 0.005670703311028814};
  const auto ours =
      draws("      optimizer.learning_rate: {distribution: log_uniform, low: 1e-4, high: 1}\n");
  const auto values = draws(
      "      optimizer.learning_rate: {distribution: log_uniform_values, min: 1e-4, max: 1}\n");
  const auto mixed = draws(
      "      optimizer.learning_rate: {distribution: log_uniform_values, low: 1e-4, high: 1}\n");
  for (std::size_t i = 0; i < 3; ++i) {
    BOOST_TEST(ours[i].first == rates[i], boost::test_tools::tolerance(1e-14));
    BOOST_TEST(values[i].first == ours[i].first);  // bit for bit
    BOOST_TEST(mixed[i].first == ours[i].first);
  }
  const double noises[] = {0.11526165787479144, 0.2559837584480229, 0.1876818462881787};
  const auto uniform = draws("      dataset.noise: {distribution: uniform, min: 0.1, max: 0.3}\n");
  for (std::size_t i = 0; i < 3; ++i) BOOST_TEST(uniform[i].second == noises[i]);
}

BOOST_AUTO_TEST_CASE(wandb_log_uniform_with_min_and_max_is_refused) {
  expect_refused("      optimizer.learning_rate: {distribution: log_uniform, min: -9.2, max: 0}\n",
                 "optimizer.learning_rate", "min",
                 {"natural-log exponents", "log_uniform_values", "low and high",
                  "use {distribution: log_uniform, low: 0.000101039, high: 1}"});
}

BOOST_AUTO_TEST_CASE(log_uniform_with_either_wandb_name_is_refused) {
  expect_refused("      optimizer.learning_rate: {distribution: log_uniform, low: 1e-4, max: 1}\n",
                 "optimizer.learning_rate", "max", {"natural-log exponents", "log_uniform_values"});
}

BOOST_AUTO_TEST_CASE(a_low_bound_that_can_only_be_an_exponent_is_refused) {
  expect_refused("      optimizer.learning_rate: {distribution: log_uniform, low: -9.2, high: 0}\n",
                 "optimizer.learning_rate", "-9.2",
                 {"log_uniform needs low > 0", "can only be an exponent", "log_uniform_values",
                  "use {distribution: log_uniform, low: 0.000101039, high: 1}"});
  expect_refused("      optimizer.learning_rate: {distribution: log_uniform, low: 0, high: 1}\n",
                 "optimizer.learning_rate", "0,", {"log_uniform needs low > 0"});
  expect_refused(
      "      optimizer.learning_rate: {distribution: log_uniform_values, min: 0, max: 1}\n",
      "optimizer.learning_rate", "0,", {"log_uniform_values needs min > 0"});
}

BOOST_AUTO_TEST_CASE(a_bound_given_in_both_spellings_is_refused) {
  expect_refused("      dataset.noise: {distribution: uniform, low: 0.1, min: 0.1, high: 0.3}\n",
                 "dataset.noise", "min", {"'min' is W&B's name for 'low'; give one of them"});
  expect_refused("      dataset.noise: {distribution: gaussian, min: 0.1, max: 0.3}\n",
                 "dataset.noise", "gaussian", {"log_uniform_values"});
}

BOOST_AUTO_TEST_SUITE_END()
