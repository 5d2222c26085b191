// Expanding `sweep:` into runs: the order and count of grid, zip, list and random
// axes, the values each run gets, and `nnsweep plan`'s listing of them.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <map>
#include <set>

#include "builtin_registries.hpp"
#include "cli.hpp"
#include "config/loader.hpp"
#include "sweep/plan.hpp"
#include "sweep/resolve.hpp"

using namespace nnsweep;
using namespace nnsweep::testing;

namespace {

const std::string kBase =
    "name: p\n"
    "dataset: {name: moons, n_samples: 50, noise: 0.2, seed: 0}\n"
    "model:\n"
    "  hidden: [2]\n"
    "  activation: tanh\n"
    "  init: {name: normal, scale: 0.01, seed: 2}\n"
    "optimizer: {name: gd, learning_rate: 0.1}\n"
    "train: {iterations: 50}\n";

// A config file, its plan and resolver, every run validated up front.
class Sweep {
 public:
  explicit Sweep(const std::string& yaml, const std::vector<std::string>& sets = {})
      : document_(load_config(dir_.write("plan.yaml", yaml).string(), sets)),
        plan_(document_),
        resolver_(document_, plan_, builtin_registries()) {
    resolver_.validate_all();
  }
  std::int64_t size() const { return plan_.size(); }
  const Plan& plan() const { return plan_; }
  const PlanResolver& resolver() const { return resolver_; }
  ExperimentConfig config(std::int64_t run) const { return resolver_.resolve(run).config; }
  // The run's summary columns: key -> value text.
  std::map<std::string, std::string> values(std::int64_t run) const {
    const PlannedRun planned = resolver_.resolve(run);
    std::map<std::string, std::string> values;
    for (std::size_t k = 0; k < resolver_.summary_keys().size(); ++k) {
      values[resolver_.summary_keys()[k]] = column_text(planned.columns[k]);
    }
    return values;
  }
  std::string value(std::int64_t run, const std::string& key) const { return values(run).at(key); }

 private:
  ScratchDir dir_;
  ConfigDocument document_;
  Plan plan_;
  PlanResolver resolver_;
};

// `nnsweep plan` of `yaml` (with --set arguments).
CliResult plan_of(const std::string& yaml, const std::vector<std::string>& sets = {}) {
  ScratchDir dir;
  std::vector<std::string> arguments{"plan", dir.write("plan.yaml", yaml).string()};
  for (const std::string& set : sets) arguments.insert(arguments.end(), {"--set", set});
  return run_cli(arguments);
}

double lr(const ExperimentConfig& config) {
  return config.optimizer.params.real("learning_rate");
}
double noise(const ExperimentConfig& config) {
  return config.dataset.params.real("noise");
}
std::int64_t init_seed(const ExperimentConfig& config) {
  return config.model.init.params.integer("seed");
}
using Sizes = std::vector<std::int64_t>;

// Five keys drawn per sample, each kind of distribution once.
std::string random_config(int samples, int seed) {
  return kBase + "sweep:\n  random:\n    samples: " + std::to_string(samples) +
         "\n    seed: " + std::to_string(seed) +
         "\n    params:\n"
         "      optimizer.learning_rate: {distribution: log_uniform, low: 1e-4, high: 1}\n"
         "      dataset.noise: {distribution: uniform, low: 0.1, high: 0.3}\n"
         "      model.init.seed: {distribution: int_uniform, low: 3, high: 5}\n"
         "      model.activation: {distribution: choice, values: [tanh, relu]}\n"
         "      dataset.seed: {distribution: normal, mean: 1000, std: 0}\n";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sweep_plan)

BOOST_AUTO_TEST_CASE(no_sweep_is_one_run) {
  const Sweep sweep(kBase);
  BOOST_TEST(sweep.size() == 1);
  BOOST_TEST(sweep.plan().swept_keys().empty());
  BOOST_TEST(sweep.config(0).model.hidden == Sizes{2});
  const CliResult plan = plan_of(kBase);
  BOOST_TEST(plan.exit_code == 0, plan.err);
  BOOST_TEST(plan.out == "run 0:\n1 run\n");
}

BOOST_AUTO_TEST_CASE(grid_is_a_product_with_the_last_key_fastest) {
  const std::string yaml = kBase +
                           "sweep:\n  grid:\n    model.hidden: [1, 3, [4, 5]]\n"
                           "    optimizer.learning_rate: [0.1, 1]\n";
  const Sweep sweep(yaml);
  BOOST_TEST(sweep.size() == 6);
  BOOST_TEST(sweep.plan().swept_keys() ==
             (std::vector<std::string>{"model.hidden", "optimizer.learning_rate"}));
  const std::vector<Sizes> hidden = {{1}, {3}, {4, 5}};
  for (std::int64_t i = 0; i < 6; ++i) {
    BOOST_TEST_CONTEXT("run " << i) {
      const ExperimentConfig config = sweep.config(i);
      BOOST_TEST(config.model.hidden == hidden[static_cast<std::size_t>(i / 2)]);
      BOOST_TEST(lr(config) == (i % 2 ? 1.0 : 0.1));
      BOOST_TEST(noise(config) == 0.2);  // untouched keys keep the file's value
    }
  }
  // `nnsweep plan` lists the same runs: a single size as a list, a float as a float.
  const CliResult plan = plan_of(yaml);
  BOOST_TEST(plan.exit_code == 0, plan.err);
  BOOST_TEST(plan.out ==
             "run 0: model.hidden=[1] optimizer.learning_rate=0.1\n"
             "run 1: model.hidden=[1] optimizer.learning_rate=1.0\n"
             "run 2: model.hidden=[3] optimizer.learning_rate=0.1\n"
             "run 3: model.hidden=[3] optimizer.learning_rate=1.0\n"
             "run 4: model.hidden=[4, 5] optimizer.learning_rate=0.1\n"
             "run 5: model.hidden=[4, 5] optimizer.learning_rate=1.0\n"
             "6 runs\n");
}

BOOST_AUTO_TEST_CASE(zip_pairs_its_lists) {
  const Sweep sweep(kBase +
                    "sweep:\n  zip:\n    model.init.seed: [7, 8, 9]\n"
                    "    dataset.noise: [0.05, 0.15, 0.25]\n");
  BOOST_TEST(sweep.size() == 3);
  BOOST_TEST(sweep.plan().axes().size() == 1u);
  const std::vector<double> noises = {0.05, 0.15, 0.25};
  for (std::int64_t i = 0; i < 3; ++i) {
    BOOST_TEST(init_seed(sweep.config(i)) == 7 + i);
    BOOST_TEST(noise(sweep.config(i)) == noises[static_cast<std::size_t>(i)]);
    BOOST_TEST(sweep.value(i, "model.init.seed") == std::to_string(7 + i));
  }
}

BOOST_AUTO_TEST_CASE(list_gives_one_run_per_entry) {
  const Sweep sweep(kBase +
                    "sweep:\n  list:\n    - {model.hidden: [4, 4]}\n"
                    "    - {model.activation: relu, optimizer.learning_rate: 0.05}\n"
                    "    - {}\n");
  BOOST_TEST(sweep.size() == 3);
  const ExperimentConfig first = sweep.config(0), second = sweep.config(1), third = sweep.config(2);
  BOOST_TEST(first.model.hidden == (Sizes{4, 4}));
  BOOST_TEST(first.model.activation.name == "tanh");
  BOOST_TEST(lr(first) == 0.1);
  // An entry changes only its own keys: nothing leaks from the entry before.
  BOOST_TEST(second.model.hidden == Sizes{2});
  BOOST_TEST(second.model.activation.name == "relu");
  BOOST_TEST(lr(second) == 0.05);
  BOOST_TEST(third.model.hidden == Sizes{2});
  BOOST_TEST(third.model.activation.name == "tanh");
  BOOST_TEST(sweep.value(1, "model.hidden") == "[2]");
  BOOST_TEST(sweep.value(2, "model.activation") == "tanh");
}

BOOST_AUTO_TEST_CASE(random_draws_are_in_bounds_and_reproducible) {
  const Sweep sweep(random_config(300, 11));
  BOOST_TEST(sweep.size() == 300);
  std::set<std::int64_t> seeds;
  std::set<std::string> activations;
  std::set<double> rates;
  double noise_min = 1, noise_max = 0;
  for (std::int64_t i = 0; i < sweep.size(); ++i) {
    const ExperimentConfig config = sweep.config(i);
    BOOST_TEST_CONTEXT("run " << i) {
      BOOST_TEST((lr(config) >= 1e-4 && lr(config) <= 1.0), lr(config));
      BOOST_TEST((noise(config) >= 0.1 && noise(config) <= 0.3), noise(config));
      BOOST_TEST(config.dataset.params.integer("seed") == 1000);  // std 0: always the mean
    }
    rates.insert(lr(config));
    seeds.insert(init_seed(config));
    activations.insert(config.model.activation.name);
    noise_min = std::min(noise_min, noise(config));
    noise_max = std::max(noise_max, noise(config));
  }
  // int_uniform includes both ends; choice draws only, and every one of, the values.
  BOOST_TEST(seeds == (std::set<std::int64_t>{3, 4, 5}));
  BOOST_TEST(activations == (std::set<std::string>{"relu", "tanh"}));
  BOOST_TEST(rates.size() == 300u);
  BOOST_TEST((noise_min < 0.11 && noise_max > 0.29));
  // log_uniform: about as many draws below 1e-2 (the log midpoint) as above.
  const auto low = std::count_if(rates.begin(), rates.end(), [](double r) { return r < 1e-2; });
  BOOST_TEST((low > 100 && low < 200), low);

  const Sweep same(random_config(300, 11)), other(random_config(300, 12)),
      fewer(random_config(40, 11));
  int differ = 0;
  for (std::int64_t i = 0; i < 40; ++i) {
    BOOST_TEST(same.values(i) == sweep.values(i));
    // Adding samples never changes the earlier ones.
    BOOST_TEST(fewer.values(i) == sweep.values(i));
    differ += other.values(i) != sweep.values(i);
  }
  BOOST_TEST(differ == 40);
}

// The draws are numpy's: np.random.seed(7); np.random.uniform(0.1, 0.3, 3) etc.
BOOST_AUTO_TEST_CASE(random_draws_match_numpy) {
  const std::string head = kBase + "sweep:\n  random:\n    samples: 5\n    seed: 7\n    params:\n";
  const Sweep uniform(head + "      dataset.noise: {distribution: uniform, low: 0.1, high: 0.3}\n");
  const Sweep log_uniform(head +
                          "      optimizer.learning_rate: {distribution: log_uniform, "
                          "low: 1e-4, high: 1}\n");
  const Sweep integers(head +
                       "      model.init.seed: {distribution: int_uniform, low: 3, high: 5}\n");
  const Sweep normal(head +
                     "      optimizer.name: {distribution: choice, values: [momentum]}\n"
                     "      optimizer.momentum: {distribution: normal, mean: 0.9, std: 0.02}\n");
  const double noises[] = {0.11526165787479144, 0.2559837584480229, 0.1876818462881787};
  const double rates[] = {0.0002019450244810229, 0.13172711156111802, 0.005670703311028814};
  const std::int64_t seeds[] = {3, 4, 5, 3, 4};
  for (std::int64_t i = 0; i < 3; ++i) {
    BOOST_TEST(noise(uniform.config(i)) == noises[i]);
    BOOST_TEST(lr(log_uniform.config(i)) == rates[i], boost::test_tools::tolerance(1e-14));
  }
  for (std::int64_t i = 0; i < 5; ++i) BOOST_TEST(init_seed(integers.config(i)) == seeds[i]);
  // choice of one value draws random_interval(0), which consumes nothing in numpy.
  BOOST_TEST(normal.config(0).optimizer.params.real("momentum") == 0.9338105140760071);
  BOOST_TEST(normal.config(1).optimizer.params.real("momentum") == 0.8906812525891834);
}

BOOST_AUTO_TEST_CASE(axes_cross_in_written_order_last_fastest) {
  const std::string random_spec =
      "  random:\n    samples: 3\n    seed: 5\n    params:\n"
      "      dataset.seed: {distribution: int_uniform, low: 0, high: 100000}\n";
  const Sweep random_only(kBase + "sweep:\n" + random_spec);
  const Sweep sweep(kBase +
                    "sweep:\n  grid:\n    model.hidden: [1, 2]\n"
                    "    optimizer.learning_rate: [0.1, 0.2, 0.3]\n"
                    "  zip:\n    model.init.seed: [5, 6]\n    dataset.noise: [0.1, 0.15]\n"
                    "  list:\n    - {model.activation: tanh}\n    - {model.activation: relu}\n" +
                    random_spec);
  BOOST_TEST(sweep.size() == 2 * 3 * 2 * 2 * 3);
  BOOST_TEST(sweep.plan().axes().size() == 5u);
  for (std::int64_t i = 0; i < sweep.size(); ++i) {
    const std::int64_t r = i % 3, l = i / 3 % 2, z = i / 6 % 2, rate = i / 12 % 3, h = i / 36;
    const ExperimentConfig config = sweep.config(i);
    BOOST_TEST_CONTEXT("run " << i) {
      BOOST_TEST(config.model.hidden == Sizes{1 + h});
      BOOST_TEST(lr(config) ==
                 (std::vector<double>{0.1, 0.2, 0.3}[static_cast<std::size_t>(rate)]));
      BOOST_TEST(init_seed(config) == 5 + z);
      BOOST_TEST(noise(config) == (z ? 0.15 : 0.1));
      BOOST_TEST(config.model.activation.name == (l ? "relu" : "tanh"));
      BOOST_TEST(config.dataset.params.integer("seed") ==
                 random_only.config(r).dataset.params.integer("seed"));
    }
  }
  // Written order, not kind order: a list written before a grid varies slowest.
  const Sweep list_first(kBase +
                         "sweep:\n  list:\n    - {model.activation: relu}\n"
                         "    - {model.activation: tanh}\n  grid:\n    model.hidden: [1, 2, 3]\n");
  BOOST_TEST(list_first.size() == 6);
  for (std::int64_t i = 0; i < 6; ++i) {
    BOOST_TEST(list_first.config(i).model.activation.name == (i < 3 ? "relu" : "tanh"));
    BOOST_TEST(list_first.config(i).model.hidden == Sizes{1 + i % 3});
  }
}

BOOST_AUTO_TEST_CASE(switching_optimizers_uses_nested_parameters) {
  const Sweep sweep(
      "name: p\n"
      "dataset: {name: moons, n_samples: 50}\n"
      "model: {hidden: [2]}\n"
      "optimizer:\n  name: gd\n  learning_rate: 0.1\n  adam: {beta1: 0.8}\n"
      "  momentum: {momentum: 0.5, learning_rate: 0.02}\n"
      "sweep:\n  grid:\n    optimizer.name: [gd, adam, momentum]\n");
  BOOST_TEST(sweep.size() == 3);
  const ExperimentConfig gd = sweep.config(0), adam = sweep.config(1), momentum = sweep.config(2);
  BOOST_TEST(gd.optimizer.name == "gd");
  BOOST_TEST(gd.optimizer.params.values().size() == 2u);  // learning_rate and weight_decay
  BOOST_TEST(lr(gd) == 0.1);
  BOOST_TEST(adam.optimizer.name == "adam");
  BOOST_TEST(lr(adam) == 0.1);  // the shared top-level value
  BOOST_TEST(adam.optimizer.params.real("beta1") == 0.8);
  BOOST_TEST(adam.optimizer.params.real("beta2") == 0.999);  // default
  BOOST_TEST(adam.optimizer.params.real("epsilon") == 1e-8);
  BOOST_TEST(momentum.optimizer.name == "momentum");
  BOOST_TEST(momentum.optimizer.params.real("momentum") == 0.5);
  BOOST_TEST(lr(momentum) == 0.02);  // the nested value wins over the shared one
  BOOST_TEST(sweep.value(1, "optimizer.name") == "adam");
  // The gd run is the same run as a plain gd config: nested blocks change nothing.
  const Sweep plain(
      "name: p\ndataset: {name: moons, n_samples: 50}\nmodel: {hidden: [2]}\n"
      "optimizer: {name: gd, learning_rate: 0.1}\n");
  BOOST_TEST(sweep.resolver().resolve(0).id == plain.resolver().resolve(0).id);
  // momentum is both an optimizer and a parameter of it: a scalar is the parameter.
  const Sweep rates(
      "name: p\ndataset: {name: moons, n_samples: 50}\nmodel: {hidden: [2]}\n"
      "optimizer: {name: momentum, momentum: 0.7}\n"
      "sweep:\n  grid:\n    optimizer.momentum: [0.5, 0.9]\n");
  BOOST_TEST(rates.config(0).optimizer.params.real("momentum") == 0.5);
  BOOST_TEST(rates.config(1).optimizer.params.real("momentum") == 0.9);
}

BOOST_AUTO_TEST_CASE(set_overrides_apply_to_every_run) {
  const Sweep sweep(kBase + "sweep:\n  grid:\n    model.hidden: [1, 2, 3]\n",
                    {"train.iterations=7", "dataset.noise=0.05"});
  BOOST_TEST(sweep.size() == 3);
  BOOST_TEST(sweep.resolver().summary_keys() ==
             (std::vector<std::string>{"model.hidden", "dataset.noise", "train.iterations"}));
  for (std::int64_t i = 0; i < 3; ++i) {
    const ExperimentConfig config = sweep.config(i);
    BOOST_TEST(config.train.iterations == 7);
    BOOST_TEST(noise(config) == 0.05);
    BOOST_TEST(config.model.hidden == Sizes{1 + i});
    BOOST_TEST(sweep.value(i, "train.iterations") == "7");
  }
  const CliResult plan =
      plan_of(kBase + "sweep:\n  zip: {model.hidden: [1, 2]}\n", {"train.iterations=7"});
  BOOST_TEST(plan.exit_code == 0, plan.err);
  BOOST_TEST(plan.out ==
             "run 0: model.hidden=[1] train.iterations=7\n"
             "run 1: model.hidden=[2] train.iterations=7\n"
             "2 runs\n");
}

BOOST_AUTO_TEST_SUITE_END()
