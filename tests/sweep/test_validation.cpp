// Which runs validation checks (sweep/validation.hpp): all of a small plan;
// every axis value and a fixed sample of crossings of a large one.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <set>

#include "builtin_registries.hpp"
#include "cli.hpp"
#include "config/loader.hpp"
#include "session/planned_experiment.hpp"
#include "sweep/validation.hpp"

using namespace nnsweep;
using namespace nnsweep::testing;

namespace {

std::string values(int count) {
  std::string text = "[";
  for (int i = 0; i < count; ++i) text += (i ? ", " : "") + std::to_string(i);
  return text + "]";
}

std::string config(int seeds, int inits, int rates = 1) {
  std::string rate_list = "[";
  for (int i = 0; i < rates; ++i) rate_list += (i ? ", " : "") + std::to_string(0.1 + 0.01 * i);
  return "name: v\n"
         "dataset: {name: moons, n_samples: 20, noise: 0.2, seed: 0}\n"
         "model: {hidden: [2]}\n"
         "optimizer: {name: gd, learning_rate: 0.1}\n"
         "train: {iterations: 1}\n"
         "sweep:\n  grid:\n    dataset.seed: " +
         values(seeds) + "\n    model.init.seed: " + values(inits) +
         "\n    optimizer.learning_rate: " + rate_list + "]\n";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(validation)

BOOST_AUTO_TEST_CASE(a_small_plan_is_checked_whole) {
  ScratchDir dir;
  const ConfigDocument document = load_config(dir.write("small.yaml", config(10, 30)).string(), {});
  const Plan plan(document);
  const std::vector<std::int64_t> indices = validation_indices(plan);
  BOOST_TEST(static_cast<std::int64_t>(indices.size()) == plan.size());
  BOOST_TEST(indices.back() == plan.size() - 1);
}

BOOST_AUTO_TEST_CASE(a_large_plan_checks_every_axis_value_and_a_fixed_sample) {
  ScratchDir dir;
  // 300 x 200 x 3 = 180,000 points.
  const ConfigDocument document =
      load_config(dir.write("large.yaml", config(300, 200, 3)).string(), {});
  const Plan plan(document);
  BOOST_TEST_REQUIRE(plan.size() == 180000);
  const std::vector<std::int64_t> indices = validation_indices(plan);
  BOOST_TEST(std::is_sorted(indices.begin(), indices.end()));
  BOOST_TEST((std::adjacent_find(indices.begin(), indices.end()) == indices.end()));
  const std::set<std::int64_t> checked(indices.begin(), indices.end());
  // Each value of each axis, with the first value of the others.
  for (std::int64_t seed = 0; seed < 300; ++seed) BOOST_TEST(checked.count(seed * 600));
  for (std::int64_t init = 0; init < 200; ++init) BOOST_TEST(checked.count(init * 3));
  for (std::int64_t rate = 0; rate < 3; ++rate) BOOST_TEST(checked.count(rate));
  // ... and crossings: at most kCrossingChecks more, some off those lines.
  BOOST_TEST(indices.size() <= 300u + 200u + 3u + std::size_t(kCrossingChecks));
  const auto crossings = std::count_if(indices.begin(), indices.end(), [](std::int64_t i) {
    return i % 600 != 0 && i % 3 != 0 && i >= 3;
  });
  BOOST_TEST(crossings > kCrossingChecks / 2);
  BOOST_TEST((validation_indices(plan) == indices), "the same plan checks the same runs");
}

BOOST_AUTO_TEST_CASE(a_long_axis_is_checked_at_spread_points) {
  ScratchDir dir;
  const ConfigDocument document =
      load_config(dir.write("long.yaml", config(1, 30000)).string(), {});
  const Plan plan(document);
  const std::vector<std::int64_t> indices = validation_indices(plan);
  BOOST_TEST(indices.front() == 0);
  BOOST_TEST(indices.back() == 29999, "the last value of a long axis is checked");
  BOOST_TEST(indices.size() <= std::size_t(kAxisChecks + kCrossingChecks));
}

BOOST_AUTO_TEST_CASE(the_experiment_id_does_not_depend_on_threads_and_follows_the_values) {
  ScratchDir dir;
  auto id_of = [&](const std::string& name, const std::string& yaml, int threads) {
    const ConfigDocument document = load_config(dir.write(name, yaml).string(), {});
    const Plan plan(document);
    const PlanResolver resolver(document, plan, builtin_registries());
    return plan_experiment(document, plan, resolver, threads).experiment_id;
  };
  const std::string large = config(300, 200, 3);
  BOOST_TEST(id_of("a.yaml", large, 1) == id_of("b.yaml", large, 2));
  std::string changed = large;
  changed.replace(changed.find("n_samples: 20"), 13, "n_samples: 21");
  BOOST_TEST(id_of("c.yaml", changed, 2) != id_of("a.yaml", large, 2));
}

BOOST_AUTO_TEST_SUITE_END()
