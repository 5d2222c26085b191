// Resolving a plan on several threads gives exactly the runs, in plan order,
// and exactly the error of resolving it on one: every kind of axis, --set
// overrides (which each thread copies), an input file's digest, and invalid
// runs early, late and in every thread's share.
#include <boost/test/unit_test.hpp>

#include <string>

#include "builtin_registries.hpp"
#include "cli.hpp"
#include "config/config_error.hpp"
#include "config/loader.hpp"
#include "sweep/plan.hpp"
#include "sweep/resolve_all.hpp"

using namespace nnsweep;
using namespace nnsweep::testing;

namespace {

// 3 * 2 * 100 * 2 = 1,200 points: enough for several threads' shares.
std::string sweep_over(const std::string& dataset, const std::string& seeds) {
  return "name: many\n"
         "dataset: " +
         dataset +
         "\n"
         "model: {hidden: [2], activation: tanh, init: {name: normal, scale: 0.5, seed: 1}}\n"
         "optimizer: {name: gd, learning_rate: 0.1}\n"
         "train: {iterations: 5}\n"
         "sweep:\n"
         "  grid:\n"
         "    model.hidden: [[1], [2, 2], [3]]\n"
         "    model.activation: [tanh, relu]\n"
         "    model.init.seed: " +
         seeds +
         "\n"
         "  random:\n"
         "    samples: 2\n"
         "    seed: 7\n"
         "    params: {optimizer.learning_rate: {distribution: log_uniform, low: 0.001, high: "
         "1}}\n";
}

std::string seeds(int count, int bad_at = -1, int bad_too = -1) {
  std::string list = "[";
  for (int i = 0; i < count; ++i) {
    list += i ? ", " : "";
    list += (i == bad_at || i == bad_too) ? "-" + std::to_string(i + 1) : std::to_string(i);
  }
  return list + "]";
}

const std::string kMoons = "{name: moons, n_samples: 40, noise: 0.2, seed: 0}";

struct Resolved {
  std::vector<PlannedRun> runs;
  std::string error;  // empty when every run is valid
};

Resolved resolve(const std::string& path, int threads,
                 const std::vector<std::string>& sets = {"train.iterations=7"}) {
  const ConfigDocument document = load_config(path, sets);
  const Plan plan(document);
  const PlanResolver resolver(document, plan, builtin_registries());
  Resolved resolved;
  try {
    resolved.runs = resolve_all(document, plan, resolver, threads);
  } catch (const ConfigError& error) {
    resolved.error = error.what();
  }
  return resolved;
}

void expect_same_runs(const std::vector<PlannedRun>& got, const std::vector<PlannedRun>& serial) {
  BOOST_TEST_REQUIRE(got.size() == serial.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    BOOST_TEST_CONTEXT("run " << i) {
      BOOST_TEST(got[i].index == static_cast<std::int64_t>(i));
      BOOST_TEST(got[i].config_yaml == serial[i].config_yaml);
      BOOST_TEST(got[i].id == serial[i].id);
      BOOST_TEST(got[i].dataset_id == serial[i].dataset_id);
      BOOST_TEST((got[i].columns == serial[i].columns));
      BOOST_TEST((got[i].seeds == serial[i].seeds));
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(resolve_all_runs)

BOOST_AUTO_TEST_CASE(every_thread_count_gives_the_serial_runs) {
  ScratchDir dir;
  const std::string path = dir.write("many.yaml", sweep_over(kMoons, seeds(100))).string();
  const Resolved serial = resolve(path, 1);
  BOOST_TEST_REQUIRE(serial.error.empty());
  BOOST_TEST_REQUIRE(serial.runs.size() == 1200u);
  BOOST_TEST(serial.runs[5].config.train.iterations == 7);  // the --set reached the runs
  for (int threads : {2, 3, 8}) {
    BOOST_TEST_CONTEXT(threads << " threads") {
      const Resolved parallel = resolve(path, threads);
      BOOST_TEST(parallel.error.empty());
      expect_same_runs(parallel.runs, serial.runs);
    }
  }
}

BOOST_AUTO_TEST_CASE(an_input_file_has_one_digest_in_every_thread) {
  ScratchDir dir;
  std::string rows = "x0,x1,y\n";
  for (int i = 0; i < 20; ++i) rows += std::to_string(i % 7) + ",1," + (i % 2 ? "1\n" : "0\n");
  const std::string csv = dir.write("points.csv", rows).string();
  const std::string path =
      dir.write("csv.yaml", sweep_over("{name: csv, path: " + csv + "}", seeds(100))).string();
  const Resolved serial = resolve(path, 1);
  BOOST_TEST_REQUIRE(serial.error.empty());
  const Resolved parallel = resolve(path, 4);
  expect_same_runs(parallel.runs, serial.runs);
  BOOST_TEST(parallel.runs.back().config.dataset.params.contains("path_sha256"));
}

BOOST_AUTO_TEST_CASE(an_invalid_run_anywhere_gives_the_serial_error) {
  ScratchDir dir;
  // A negative seed is refused; as seed k of 100 it first appears at point 2 * k.
  for (const auto& [first, second] : {std::pair{0, -1}, {37, -1}, {99, -1}, {60, 3}, {51, 50}}) {
    BOOST_TEST_CONTEXT("invalid seeds at " << first << " and " << second) {
      const std::string path =
          dir.write("bad.yaml", sweep_over(kMoons, seeds(100, first, second))).string();
      const Resolved serial = resolve(path, 1);
      BOOST_TEST_REQUIRE(!serial.error.empty());
      for (int threads : {2, 5}) {
        BOOST_TEST(resolve(path, threads).error == serial.error);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(an_invalid_set_value_gives_the_serial_error) {
  ScratchDir dir;
  const std::string path = dir.write("many.yaml", sweep_over(kMoons, seeds(100))).string();
  const std::vector<std::string> sets = {"train.iterations=[1, 2]"};
  const Resolved serial = resolve(path, 1, sets);
  BOOST_TEST_REQUIRE(!serial.error.empty());
  BOOST_TEST(serial.error.find("--set train.iterations") != std::string::npos);
  BOOST_TEST(resolve(path, 3, sets).error == serial.error);
}

BOOST_AUTO_TEST_SUITE_END()
