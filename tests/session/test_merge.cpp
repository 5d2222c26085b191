// Merging the shares of one sweep, and refusing parts that are not one sweep.
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "session/merge.hpp"
#include "session_support.hpp"

namespace fs = std::filesystem;
using namespace nnsweep;
using namespace nnsweep::testing;

namespace {

std::string share_file(const ScratchDir& scratch, const PlannedExperiment& experiment,
                       std::int64_t part, std::int64_t parts) {
  SessionOptions options;
  options.share = Share{part, parts};
  const fs::path out = scratch.path() / (experiment.name + std::to_string(part) + "of" +
                                         std::to_string(parts) + ".h5");
  run_into(experiment, out, options);
  return out.string();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(merge)

BOOST_AUTO_TEST_CASE(thirds_merge_into_the_whole_sweep) {
  ScratchDir scratch;
  const PlannedExperiment experiment = plan_of(scratch, sweep_yaml("whole", "[1, 2, 3, 4]"));
  std::vector<std::string> parts;
  for (std::int64_t k = 3; k >= 1; --k) parts.push_back(share_file(scratch, experiment, k, 3));
  const MergedResults merged = merge_parts(parts);
  BOOST_TEST(merged.missing == 0);
  const fs::path whole = scratch.path() / "whole.h5";
  run_into(experiment, whole);
  check_same_results(merged.results, read_results_file(whole.string()));
}

// Point 1 (gd, momentum 0.9) repeats point 0 (gd uses no momentum) but is in
// the other half: both halves train that run, and the merge keeps it once.
BOOST_AUTO_TEST_CASE(a_run_in_two_shares_is_kept_once_at_its_first_point) {
  ScratchDir scratch;
  const PlannedExperiment experiment = plan_of(scratch, repeating_sweep_yaml("repeats"));
  const std::string first = share_file(scratch, experiment, 1, 2);
  const std::string second = share_file(scratch, experiment, 2, 2);
  BOOST_TEST(read_results_file(second).runs.size() == 2u, "share 2/2 trains point 1 itself");
  const MergedResults merged = merge_parts({second, first});
  BOOST_TEST(merged.missing == 0);
  BOOST_TEST_REQUIRE(merged.results.runs.size() == 3u);
  BOOST_TEST(merged.results.runs[0].index == 0);
  BOOST_TEST(merged.results.runs[1].index == 2);
  const fs::path whole = scratch.path() / "repeats.h5";
  run_into(experiment, whole);
  check_same_results(merged.results, read_results_file(whole.string()));
}

BOOST_AUTO_TEST_CASE(a_missing_share_is_counted) {
  ScratchDir scratch;
  const PlannedExperiment experiment = plan_of(scratch, sweep_yaml("half", "[1, 2]"));
  const MergedResults merged = merge_parts({share_file(scratch, experiment, 1, 2)});
  BOOST_TEST(merged.missing == 2);
  BOOST_TEST(merged.results.share == "merged 2 of 4");
  BOOST_TEST((merged.missing_shares == std::vector<std::string>{"2/2"}));
}

BOOST_AUTO_TEST_CASE(parts_of_different_sweeps_or_repeated_parts_are_refused) {
  ScratchDir scratch;
  const PlannedExperiment a = plan_of(scratch, sweep_yaml("a", "[1, 2]"));
  const PlannedExperiment b = plan_of(scratch, sweep_yaml("b", "[1, 3]"));
  const std::string a1 = share_file(scratch, a, 1, 2), b2 = share_file(scratch, b, 2, 2);
  BOOST_CHECK_EXCEPTION(merge_parts({a1, b2}), Refusal, [](const Refusal& refusal) {
    return std::string(refusal.what()).find("different experiment") != std::string::npos;
  });
  BOOST_CHECK_EXCEPTION(merge_parts({a1, a1}), Refusal, [](const Refusal& refusal) {
    return std::string(refusal.what()).find("more than one part") != std::string::npos;
  });
  BOOST_CHECK_EXCEPTION(merge_parts({(scratch.path() / "nosuch.h5").string()}), std::exception,
                        [](const std::exception& error) {
                          return std::string(error.what()).find("does not exist") !=
                                 std::string::npos;
                        });
}

BOOST_AUTO_TEST_SUITE_END()
