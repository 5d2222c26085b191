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
  BOOST_TEST(misfit(result, {2, 3, 1}).empty());
  BOOST_TEST(misfit(result, {2, 4, 1}).find("layer sizes [2, 3, 1]") != std::string::npos);
  result.parameters = Eigen::VectorXd::Zero(12);
  BOOST_TEST(misfit(result, {2, 3, 1}).find("12 parameters, not the 13") != std::string::npos);
  RunResult failed;
  failed.status = RunStatus::failed;
  BOOST_TEST(misfit(failed, {2, 3, 1}).empty());  // no parameters: nothing to check
  failed.status = static_cast<RunStatus>(7);
  BOOST_TEST(misfit(failed, {2, 3, 1}).find("unknown status") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(records_that_do_not_fit_the_plan_are_trained_again) {
  ScratchDir scratch;
  const fs::path out = scratch.path() / "crafted.h5";
  const PlannedExperiment experiment = plan_of(scratch, sweep_yaml("crafted", "[2, 3]"));
  {
    // Three finished runs, as an interrupted session leaves them, two of them
    // altered after training (with valid checksums: Journal::append).
    Journal journal(out.string() + ".partial", "crafted ", false);
    const DatasetCache data = generate_datasets(std::vector<const PlannedRun*>{&experiment.runs[0]},
                                                builtin_registries());
    for (std::size_t i = 0; i < 3; ++i) {
      RunResult result = train_run(data.begin()->second->prepared.train, experiment.runs[i].config,
                                   builtin_registries());
      if (i == 0) result.sizes[1] += 5;  // sizes that do not match the parameters
      if (i == 1) result.parameters.conservativeResize(result.parameters.size() - 1);
      journal.append(make_record(experiment.runs[i], std::move(result)));
    }
  }
  const SessionReport report = run_into(experiment, out);
  BOOST_TEST(report.counts.resumed == 1);
  BOOST_TEST(report.counts.dropped == 2);
  BOOST_TEST(report.counts.dropped_reason.find("not the plan's") != std::string::npos,
             report.counts.dropped_reason);
  BOOST_TEST(report.counts.to_train == static_cast<std::int64_t>(experiment.runs.size()) - 1);
  const fs::path fresh = scratch.path() / "fresh.h5";
  run_into(experiment, fresh);
  check_same_results(read_results_file(out.string()), read_results_file(fresh.string()));
}

BOOST_AUTO_TEST_SUITE_END()
