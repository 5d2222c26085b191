#include "session_support.hpp"
#include <deque>
#include <memory>

#include <boost/test/unit_test.hpp>
#include <cstring>

#include "builtin_registries.hpp"

namespace nnsweep::testing {

std::string sweep_yaml(const std::string& name, const std::string& hidden,
                       const std::string& extra) {
  return "name: " + name + R"(
dataset: {name: moons, n_samples: 40, noise: 0.2, seed: 0}
model: {hidden: [2], init: {name: normal, scale: 0.5, seed: 2}}
optimizer: {name: gd, learning_rate: 0.5}
train: {iterations: 30, record_every: 3}
sweep:
  grid:
    model.hidden: )" +
         hidden + R"(
    model.init.seed: [2, 3]
)" + extra;
}

std::string repeating_sweep_yaml(const std::string& name) {
  return "name: " + name + R"(
dataset: {name: moons, n_samples: 30, seed: 0}
model: {hidden: [2]}
optimizer: {name: gd, learning_rate: 0.3}
train: {iterations: 10}
sweep:
  grid:
    optimizer.name: [gd, momentum]
    optimizer.momentum.momentum: [0.5, 0.9]
)";
}

namespace {

// What a planned experiment resolves its runs with; kept until the test
// program ends, since experiments refer to it.
struct PlanSources {
  ConfigDocument document;
  std::unique_ptr<Plan> plan;
  std::unique_ptr<PlanResolver> resolver;
};

}  // namespace

PlannedExperiment plan_of(const ScratchDir& scratch, const std::string& yaml) {
  static int files = 0;
  static std::deque<PlanSources> kept;
  const auto path = scratch.write("config" + std::to_string(files++) + ".yaml", yaml);
  PlanSources& sources = kept.emplace_back();
  sources.document = load_config(path.string(), {});
  sources.plan = std::make_unique<Plan>(sources.document);
  sources.resolver =
      std::make_unique<PlanResolver>(sources.document, *sources.plan, builtin_registries());
  return plan_experiment(sources.document, *sources.plan, *sources.resolver);
}

SessionReport run_into(const PlannedExperiment& experiment, const std::filesystem::path& out,
                       SessionOptions options) {
  options.out = out.string();
  if (options.threads == 0) options.threads = 2;
  return run_session(experiment, options, SessionObserver{}, builtin_registries());
}

namespace {

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

}  // namespace

void check_same_results(const Results& got, const Results& expected) {
  BOOST_TEST(got.experiment_id == expected.experiment_id);
  BOOST_TEST(got.experiment_yaml == expected.experiment_yaml);
  BOOST_TEST(got.plan_size == expected.plan_size);
  BOOST_TEST(got.share == expected.share);
  BOOST_TEST(got.swept_keys == expected.swept_keys, boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(got.runs.size() == expected.runs.size());
  for (std::size_t i = 0; i < got.runs.size(); ++i) {
    const RunRecord &g = got.runs[i], &e = expected.runs[i];
    BOOST_TEST_CONTEXT("run " << i) {
      BOOST_TEST(g.index == e.index);
      BOOST_TEST(g.id == e.id);
      BOOST_TEST(g.config_yaml == e.config_yaml);
      BOOST_TEST(g.dataset_id == e.dataset_id);
      BOOST_TEST((g.columns == e.columns));
      BOOST_TEST((g.seeds == e.seeds));
      BOOST_TEST(g.record_every == e.record_every);
      BOOST_TEST(status_name(g.result.status) == status_name(e.result.status));
      BOOST_TEST(g.result.message == e.result.message);
      BOOST_TEST(g.result.iterations_run == e.result.iterations_run);
      BOOST_TEST(g.result.epochs_run == e.result.epochs_run);
      BOOST_TEST(g.result.best_epoch == e.result.best_epoch);
      for (std::size_t k = 0; k < kMetricCount; ++k) {
        BOOST_TEST(same_bits(metric_at(g.result.train, k), metric_at(e.result.train, k)),
                   "train." << kMetricNames[k]);
        BOOST_TEST(same_bits(metric_at(g.result.test, k), metric_at(e.result.test, k)),
                   "test." << kMetricNames[k]);
      }
      BOOST_TEST(same_bits(g.result.costs, e.result.costs));
      BOOST_TEST(same_bits(g.result.test_costs, e.result.test_costs));
      BOOST_TEST((g.result.sizes == e.result.sizes));
      BOOST_TEST((g.result.parameters == e.result.parameters));
    }
  }
  BOOST_TEST(got.datasets.size() == expected.datasets.size());
}

}  // namespace nnsweep::testing
