// Journal records with valid checksums whose contents do not fit their run as
// planned (session/earlier_results.hpp) are not used: the run is trained
// again, the count and the reason are reported, and the published file equals
// a fresh run's. Before this check, a record whose layer sizes did not match
// its parameter count made the writer read past the parameters.
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "builtin_registries.hpp"
#include "session/earlier_results.hpp"
#include "session_support.hpp"
#include "store/journal.hpp"
#include "sweep/executor.hpp"

namespace fs = std::filesystem;
using namespace nnsweep;
using namespace nnsweep::testing;

BOOST_AUTO_TEST_SUITE(earlier_results)

BOOST_AUTO_TEST_CASE(misfit_names_what_does_not_fit) {
  RunResult result;
  result.sizes = {2, 3, 1};
  result.parameters = Eigen::VectorXd::Zero(13);  // (2 + 1) * 3 + (3 + 1) * 1
  BOOST_TEST(misfit(result, {{2, 3, 1}, 10}).empty());
  BOOST_TEST(misfit(result, {{2, 4, 1}, 10}).find("layer sizes [2, 3, 1]") != std::string::npos);
  result.parameters = Eigen::VectorXd::Zero(12);
  BOOST_TEST(misfit(result, {{2, 3, 1}, 10}).find("12 parameters, not the 13") !=
             std::string::npos);
  RunResult failed;
  failed.status = RunStatus::failed;
  BOOST_TEST(misfit(failed, {{2, 3, 1}, 10}).empty());  // no parameters: nothing to check
  RunResult curved = result;
  curved.parameters = Eigen::VectorXd::Zero(13);
  curved.costs.assign(10, 1.0);
  BOOST_TEST(misfit(curved, {{2, 3, 1}, 10}).empty());
  curved.costs.push_back(1.0);
  BOOST_TEST(misfit(curved, {{2, 3, 1}, 10}).find("of 11 points, more than the 10") !=
             std::string::npos);
  curved.costs.pop_back();
  curved.test_costs.assign(9, 1.0);
  BOOST_TEST(misfit(curved, {{2, 3, 1}, 10}).find("test cost curve of 9") != std::string::npos);
  failed.status = static_cast<RunStatus>(7);
  BOOST_TEST(misfit(failed, {{2, 3, 1}, 10}).find("unknown status") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(curve_points_are_bounded_by_the_training_planned) {
  TrainConfig train;
  train.iterations = 100;
  train.record_every = 1;
  BOOST_TEST(most_curve_points(train) == 100u);
  train.record_every = 30;  // epochs 0, 30, 60, 90
  BOOST_TEST(most_curve_points(train) == 4u);
  train.epochs = 61;  // epochs 0, 30, 60, whatever the iterations
  BOOST_TEST(most_curve_points(train) == 3u);
}

BOOST_AUTO_TEST_CASE(records_that_do_not_fit_the_plan_are_trained_again) {
  ScratchDir scratch;
  const fs::path out = scratch.path() / "crafted.h5";
  const PlannedExperiment experiment = plan_of(scratch, sweep_yaml("crafted", "[2, 3]"));
  const std::vector<PlannedRun> runs = distinct_runs(experiment).runs;
  {
    // Four finished runs, as an interrupted session leaves them, three of them
    // altered after training (with valid checksums: Journal::append).
    Journal journal(out.string() + ".partial", "crafted ", false);
    const DatasetCache data =
        generate_datasets(std::vector<const PlannedRun*>{&runs[0]}, builtin_registries());
    for (std::size_t i = 0; i < 4; ++i) {
      RunResult result =
          train_run(data.begin()->second->prepared.train, runs[i].config, builtin_registries());
      if (i == 0) result.sizes[1] += 5;  // sizes that do not match the parameters
      if (i == 1) result.parameters.conservativeResize(result.parameters.size() - 1);
      if (i == 2) result.costs.resize(result.costs.size() + 1, 0.5);  // one point past the plan
      journal.append(make_record(runs[i], std::move(result)));
    }
  }
  const SessionReport report = run_into(experiment, out);
  BOOST_TEST(report.counts.resumed == 1);
  BOOST_TEST(report.counts.dropped == 3);
  BOOST_TEST(report.counts.dropped_reason.find("not the plan's") != std::string::npos,
             report.counts.dropped_reason);
  BOOST_TEST(report.counts.to_train == static_cast<std::int64_t>(runs.size()) - 1);
  const fs::path fresh = scratch.path() / "fresh.h5";
  run_into(experiment, fresh);
  check_same_results(read_results_file(out.string()), read_results_file(fresh.string()));
}

BOOST_AUTO_TEST_SUITE_END()
