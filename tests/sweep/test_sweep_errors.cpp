// Bad sweep specifications: `validate`, `plan` and `run` each exit with code 2,
// print one `FILE:LINE:COL: message` line pointing into the sweep, and write nothing.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <optional>
#include <set>
#include <sstream>

#include "builtin_registries.hpp"
#include "cli.hpp"
#include "config/loader.hpp"
#include "sweep/plan.hpp"
#include "sweep/resolve.hpp"

using namespace nnsweep;
using namespace nnsweep::testing;

namespace {

const std::string kBase =
    "name: e\n"
    "dataset: {name: moons, n_samples: 50, noise: 0.2, seed: 0}\n"
    "model:\n"
    "  hidden: [2]\n"
    "  activation: tanh\n"
    "  init: {name: normal, scale: 0.01, seed: 2}\n"
    "optimizer: {name: gd, learning_rate: 0.1}\n"
    "train: {iterations: 50}\n";

// Where an error must point: the first line containing `line_text`, at the
// first occurrence of `token` on it.
struct Where {
  std::string line_text;
  std::string token;
};

std::pair<int, int> locate(const std::string& yaml, const Where& where) {
  std::istringstream lines(yaml);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (line.find(where.line_text) == std::string::npos) continue;
    const std::size_t at = line.find(where.token);
    if (at == std::string::npos) break;
    return {number, static_cast<int>(at) + 1};
  }
  BOOST_FAIL("'" << where.token << "' is not on a line with '" << where.line_text << "'");
  return {0, 0};
}

std::set<std::string> files_in(const std::filesystem::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    names.insert(std::filesystem::relative(entry.path(), folder).string());
  }
  return names;
}

std::string head_of(const std::string& config, std::pair<int, int> place) {
  return config + ":" + std::to_string(place.first) + ":" + std::to_string(place.second) + ": ";
}

// Every command refuses `yaml` the same way and leaves nothing behind. The error
// must point at `where`, or at `also` when given (a key set only by the sweep has
// no position of its own: its value stands for it).
void expect_error(const std::string& yaml, const Where& where,
                  const std::vector<std::string>& words, const std::optional<Where>& also = {}) {
  ScratchDir scratch;
  const std::string config = scratch.write("bad.yaml", yaml).string();
  const std::string head = head_of(config, locate(yaml, where));
  const std::string other = also ? head_of(config, locate(yaml, *also)) : head;
  const std::vector<std::pair<std::string, std::vector<std::string>>> commands = {
      {"validate", {"validate", config}},
      {"plan", {"plan", config}},
      {"run --out", {"run", config, "--out", (scratch.path() / "out.h5").string()}},
      {"run", {"run", config, "--threads", "1"}},  // default output under the working folder
  };
  for (const auto& [name, arguments] : commands) {
    const CliResult result = run_cli(arguments, scratch.path());
    BOOST_TEST_CONTEXT("nnsweep " << name << "\nconfig:\n" << yaml << "stderr: " << result.err) {
      BOOST_TEST(files_in(scratch.path()) == std::set<std::string>{"bad.yaml"});
      if (result.exit_code != 2) {
        BOOST_ERROR("exit code " << result.exit_code << ", expected 2; stdout: " << result.out);
        continue;
      }
      BOOST_TEST(result.out.empty(), "stdout: " << result.out);
      BOOST_TEST((result.err.rfind(head, 0) == 0 || result.err.rfind(other, 0) == 0),
                 "expected stderr to start with " << head << (also ? " or " + other : ""));
      BOOST_TEST(result.err.find('\n') + 1 == result.err.size(), "one line ending in a newline");
      for (const std::string& word : words) {
        BOOST_TEST(result.err.find(word) != std::string::npos, "missing '" << word << "'");
      }
    }
  }
}

// "[first, first + 1, ...]" with `count` values.
std::string values(int count, int first = 1) {
  std::string text = "[";
  for (int i = 0; i < count; ++i) text += (i ? ", " : "") + std::to_string(first + i);
  return text + "]";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sweep_errors)

BOOST_AUTO_TEST_CASE(the_base_config_sweeps) {
  ScratchDir scratch;
  const std::string config =
      scratch.write("good.yaml", kBase + "sweep:\n  grid: {model.hidden: [1, 2]}\n").string();
  const CliResult validate = run_cli({"validate", config});
  BOOST_TEST(validate.exit_code == 0, validate.err);
  BOOST_TEST(validate.out == config + ": ok, 2 runs\n");
}

BOOST_AUTO_TEST_CASE(zip_lists_of_unequal_length) {
  expect_error(kBase +
                   "sweep:\n  zip:\n    model.init.seed: [1, 2, 3]\n"
                   "    dataset.noise: [0.1, 0.2]\n",
               {"dataset.noise:", "["},
               {"zip lists must have equal lengths", "'dataset.noise' has 2 values",
                "'model.init.seed' has 3"});
}

BOOST_AUTO_TEST_CASE(a_key_that_is_not_a_parameter) {
  expect_error(
      kBase + "sweep:\n  grid:\n    optimizer.lerning_rate: [0.1, 0.2]\n",
      {"optimizer.lerning_rate", "optimizer.lerning_rate"},
      {"'lerning_rate' is not a parameter of optimizer 'gd'", "did you mean 'learning_rate'?"},
      Where{"optimizer.lerning_rate", "0.1"});
  expect_error(kBase + "sweep:\n  grid:\n    model.hiden: [1, 2]\n", {"model.hiden", "model.hiden"},
               {"unknown key 'hiden' in model", "did you mean 'hidden'?"},
               Where{"model.hiden", "1"});
  expect_error(kBase + "sweep:\n  grid:\n    modle.hidden: [1, 2]\n",
               {"modle.hidden", "modle.hidden"}, {"unknown key 'modle'", "did you mean 'model'?"},
               Where{"modle.hidden", "1"});
  expect_error(kBase + "sweep:\n  grid:\n    name: [a, b]\n", {"name: [a", "name"},
               {"'name' cannot be swept"});
}

// A key below a plain value is an error, not silently ignored (which would give
// runs that all train the unswept value).
BOOST_AUTO_TEST_CASE(a_key_below_a_value_is_not_a_parameter) {
  expect_error(kBase + "sweep:\n  grid:\n    model.hidden.size: [1, 3]\n",
               {"model.hidden.size", "model.hidden.size"}, {"size"},
               Where{"model.hidden.size", "1"});
  expect_error(kBase + "sweep:\n  list:\n    - {optimizer.learning_rate.max: 2}\n",
               {"learning_rate.max", "optimizer.learning_rate.max"}, {"max"},
               Where{"learning_rate.max", "2"});
}

BOOST_AUTO_TEST_CASE(an_empty_list_of_values) {
  expect_error(kBase + "sweep:\n  grid:\n    model.hidden: []\n", {"model.hidden", "[]"},
               {"sweep key 'model.hidden' has an empty list of values"});
  expect_error(kBase + "sweep:\n  zip:\n    model.hidden: [1]\n    dataset.noise: []\n",
               {"dataset.noise", "[]"}, {"empty list of values"});
  expect_error(kBase + "sweep:\n  list: []\n", {"list", "[]"}, {"sweep.list is empty"});
  expect_error(kBase + "sweep:\n  zip: {}\n", {"zip", "{}"}, {"sweep.zip is empty"});
  expect_error(kBase + "sweep:\n  grid:\n    model.hidden: 4\n", {"model.hidden", "4"},
               {"must be a list"});
}

// An empty grid is an error, like an empty zip or list.
BOOST_AUTO_TEST_CASE(an_empty_grid) {
  expect_error(kBase + "sweep:\n  grid: {}\n", {"grid", "{}"}, {"sweep.grid is empty"});
}

BOOST_AUTO_TEST_CASE(a_value_of_the_wrong_type) {
  expect_error(kBase + "sweep:\n  grid:\n    optimizer.learning_rate: [0.1, abc]\n",
               {"optimizer.learning_rate", "abc"},
               {"learning_rate of optimizer 'gd' must be a number, got 'abc'"});
  expect_error(kBase + "sweep:\n  grid:\n    model.hidden: [2, 0]\n", {"model.hidden", "0"},
               {"hidden of model must be in", "got 0"});
  expect_error(kBase +
                   "sweep:\n  zip:\n    model.hidden: [2, [3, x]]\n"
                   "    dataset.noise: [0.1, 0.2]\n",
               {"model.hidden", "x"}, {"must be an integer, got 'x'"});
  expect_error(kBase +
                   "sweep:\n  list:\n    - {dataset.noise: 0.1}\n"
                   "    - {dataset.noise: -1}\n",
               {"- {dataset.noise: -1}", "-1"}, {"noise of dataset 'moons' must be in", "got -1"});
  // A bad value in the last run is found before anything runs.
  expect_error(kBase +
                   "sweep:\n  grid:\n    model.hidden: [1, 2]\n"
                   "    optimizer.learning_rate: [0.1, 0.2, 0]\n",
               {"optimizer.learning_rate", "0]"}, {"learning_rate of optimizer 'gd' must be in"});
}

BOOST_AUTO_TEST_CASE(random_bounds_in_reverse) {
  const std::string head = kBase + "sweep:\n  random:\n    samples: 4\n    seed: 1\n    params:\n";
  expect_error(head + "      dataset.noise: {distribution: uniform, low: 0.3, high: 0.1}\n",
               {"dataset.noise", "0.3"}, {"low (0.3) must be below high (0.1)"});
  expect_error(head +
                   "      optimizer.learning_rate: {distribution: log_uniform, low: 1, "
                   "high: 1e-3}\n",
               {"optimizer.learning_rate", "1,"}, {"low (1) must be below high (0.001)"});
  expect_error(head + "      model.init.seed: {distribution: int_uniform, low: 9, high: 2}\n",
               {"model.init.seed", "9"}, {"low (9) must be below high (2)"});
  expect_error(head +
                   "      optimizer.learning_rate: {distribution: log_uniform, low: 0, "
                   "high: 1}\n",
               {"optimizer.learning_rate", "0,"}, {"log_uniform needs low > 0"});
}

// int_uniform bounds whose span or draws no 64-bit integer holds are refused
// before anything is drawn (a double-to-integer conversion out of range is
// undefined behaviour).
BOOST_AUTO_TEST_CASE(random_bounds_beyond_what_a_draw_can_hold) {
  const std::string head = kBase + "sweep:\n  random:\n    samples: 4\n    seed: 1\n    params:\n";
  expect_error(
      head + "      model.init.seed: {distribution: int_uniform, low: -1e300, high: 1e300}\n",
      {"model.init.seed", "-1e300"}, {"int_uniform's low must be within +-2^53"});
  expect_error(head +
                   "      model.init.seed: {distribution: int_uniform, low: 0, "
                   "high: 9007199254740994}\n",
               {"model.init.seed", "9007199254740994"}, {"int_uniform's high must be within"});
}

BOOST_AUTO_TEST_CASE(random_spec_errors) {
  const std::string head = kBase + "sweep:\n  random:\n    samples: 4\n    seed: 1\n    params:\n";
  expect_error(head + "      dataset.noise: {distribution: gaussian, mean: 0.2, std: 0.1}\n",
               {"dataset.noise", "gaussian"},
               {"unknown distribution 'gaussian'", "uniform", "log_uniform", "int_uniform",
                "choice", "normal"});
  expect_error(head + "      model.activation: {distribution: choice, values: []}\n",
               {"model.activation", "{"}, {"a choice needs a non-empty list 'values'"});
  expect_error(head + "      dataset.noise: {distribution: uniform, low: 0.1, hihg: 0.3}\n",
               {"dataset.noise", "{"}, {"needs 'high'"});
  // A drawn value is validated like any other.
  expect_error(head + "      model.activation: {distribution: choice, values: [tanh, tahn]}\n",
               {"model.activation", "tahn"}, {"unknown activation 'tahn'"});
  expect_error(kBase +
                   "sweep:\n  random:\n    seed: 1\n"
                   "    params: {dataset.noise: {distribution: uniform, low: 0, high: 1}}\n",
               {"seed: 1", "seed"}, {"sweep.random needs 'samples'"});
}

BOOST_AUTO_TEST_CASE(a_plan_too_large_is_refused) {
  std::string yaml = kBase + "sweep:\n  grid:\n";
  for (const char* key : {"model.init.seed", "dataset.seed", "dataset.n_samples",
                          "train.iterations", "optimizer.learning_rate", "optimizer.momentum"}) {
    yaml += std::string("    ") + key + ": " + values(30) + "\n";  // 30^6 = 729,000,000 runs
  }
  // The error points at the sweep section, either its key or its first entry.
  expect_error(yaml, {"sweep:", "sweep"}, {"the sweep expands to more than 100000000 runs"},
               Where{"grid:", "grid"});
  // One step over the limit: 100 x 100 x 100 x 101.
  const std::string over = kBase + "sweep:\n  grid:\n    model.init.seed: " + values(100, 0) +
                           "\n    dataset.seed: " + values(100, 0) +
                           "\n    train.iterations: " + values(100) +
                           "\n    dataset.n_samples: " + values(101) + "\n";
  expect_error(over, {"sweep:", "sweep"}, {"more than 100000000 runs"}, Where{"grid:", "grid"});
}

// The size is checked before any axis is built: ten million random draws of
// four keys crossed with a grid is refused at once (it took seconds and gigabytes
// when the draws were made first). The timeout is far above the time a refusal takes even under
// sanitizers, and far below the time drawing takes.
BOOST_AUTO_TEST_CASE(an_oversized_plan_is_refused_before_it_is_built,
                     *boost::unit_test::timeout(4)) {
  const std::string yaml = kBase + "sweep:\n  grid:\n    model.init.seed: " + values(30, 0) +
                           "\n  random:\n    samples: 10000000\n    params:\n"
                           "      optimizer.learning_rate: {distribution: log_uniform, low: 1e-4, "
                           "high: 1}\n"
                           "      dataset.noise: {distribution: uniform, low: 0, high: 0.5}\n"
                           "      dataset.seed: {distribution: int_uniform, low: 0, high: 99}\n"
                           "      model.activation: {distribution: choice, values: [tanh, relu]}\n";
  ScratchDir dir;
  const ConfigDocument document = load_config(dir.write("huge.yaml", yaml).string(), {});
  BOOST_CHECK_EXCEPTION(Plan{document}, ConfigError, [](const ConfigError& error) {
    return std::string(error.what()).find("more than 100000000 runs") != std::string::npos;
  });
}

// The largest plan allowed is taken, and addressed by index without expanding it.
BOOST_AUTO_TEST_CASE(a_plan_of_exactly_the_limit_is_accepted_without_expanding) {
  const std::string yaml = kBase + "sweep:\n  grid:\n    model.init.seed: " + values(100, 0) +
                           "\n    dataset.seed: " + values(100, 0) +
                           "\n    train.iterations: " + values(100) +
                           "\n    dataset.n_samples: " + values(100) + "\n";
  ScratchDir dir;
  const ConfigDocument document = load_config(dir.write("big.yaml", yaml).string(), {});
  const Plan plan(document);
  BOOST_TEST(plan.size() == kMaxPlanRuns);
  const PlanResolver resolver(document, plan, builtin_registries());
  const ExperimentConfig last = resolver.resolve(kMaxPlanRuns - 1).config;
  BOOST_TEST(last.model.init.params.integer("seed") == 99);
  BOOST_TEST(last.dataset.params.integer("seed") == 99);
  BOOST_TEST(last.dataset.params.integer("n_samples") == 100);
  BOOST_TEST(last.train.iterations == 100);
  const ExperimentConfig middle = resolver.resolve(12 * 1000000 + 45 * 10000 + 30 * 100 + 6).config;
  BOOST_TEST(middle.model.init.params.integer("seed") == 12);
  BOOST_TEST(middle.dataset.params.integer("seed") == 45);
  BOOST_TEST(middle.dataset.params.integer("n_samples") == 7);
  BOOST_TEST(middle.train.iterations == 31);
}

BOOST_AUTO_TEST_CASE(a_parameter_of_another_optimizer_not_nested) {
  const std::string optimizer = "optimizer: {name: gd, learning_rate: 0.1}\n";
  const std::string at_top = "optimizer: {name: gd, learning_rate: 0.1, beta1: 0.8}\n";
  std::string yaml = kBase;
  yaml.replace(yaml.find(optimizer), optimizer.size(), at_top);
  expect_error(
      yaml + "sweep:\n  grid:\n    optimizer.name: [gd, adam]\n", {"beta1", "beta1"},
      {"'beta1' is not a parameter of optimizer 'gd'", "it belongs to adam", "adam: {beta1: ...}"});
  expect_error(yaml + "sweep:\n  grid:\n    optimizer.name: [adam, gd]\n", {"beta1", "beta1"},
               {"'beta1' is not a parameter of optimizer 'gd'", "it belongs to adam"});
  expect_error(kBase +
                   "sweep:\n  zip:\n    optimizer.name: [adam, gd]\n"
                   "    optimizer.beta1: [0.8, 0.9]\n",
               {"optimizer.beta1", "optimizer.beta1"},
               {"'beta1' is not a parameter of optimizer 'gd'", "it belongs to adam"},
               Where{"optimizer.beta1", "0.9"});  // the value of the gd run
}

BOOST_AUTO_TEST_CASE(an_unknown_sweep_kind) {
  expect_error(kBase + "sweep:\n  gird:\n    model.hidden: [1, 2]\n", {"gird", "gird"},
               {"unknown sweep kind 'gird'", "did you mean 'grid'?"});
  expect_error(kBase + "sweep:\n  product:\n    model.hidden: [1, 2]\n", {"product", "product"},
               {"unknown sweep kind 'product'", "grid, zip, list, random"});
}

BOOST_AUTO_TEST_CASE(sections_of_the_wrong_shape) {
  expect_error(kBase + "sweep:\n  grid: [model.hidden, 1]\n", {"grid", "["},
               {"sweep.grid must be a map"});
  expect_error(kBase + "sweep:\n  zip: 3\n", {"zip", "3"}, {"sweep.zip must be a map"});
  expect_error(kBase + "sweep:\n  list:\n    - model.hidden\n", {"- model", "model"},
               {"each sweep.list entry must be a map"});
  expect_error(kBase + "sweep: [grid]\n", {"sweep", "["}, {"sweep must be a map"});
  expect_error(kBase +
                   "sweep:\n  random: {samples: 0, params: {dataset.noise: "
                   "{distribution: uniform, low: 0, high: 1}}}\n",
               {"random", "0"}, {"samples"});
}

BOOST_AUTO_TEST_SUITE_END()

// One key on two axes, or swept and also --set: one would silently replace the other.
BOOST_AUTO_TEST_CASE(a_key_swept_twice_or_also_set) {
  expect_error(
      kBase + "sweep:\n  grid:\n    model.hidden: [1, 2]\n  list:\n    - {model.hidden: 3}\n",
      {"model.hidden: 3", "3"}, {"'model.hidden' is swept on two axes"});
  nnsweep::testing::ScratchDir scratch;
  const auto config =
      scratch.write("set.yaml", kBase + "sweep:\n  grid:\n    model.hidden: [1, 2]\n").string();
  const auto result = nnsweep::testing::run_cli({"validate", config, "--set", "model.hidden=[3]"});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err.rfind("--set model.hidden:1:1: ", 0) == 0, result.err);
  BOOST_TEST(result.err.find("is swept by the config") != std::string::npos, result.err);
}
