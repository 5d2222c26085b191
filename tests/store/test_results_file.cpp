// The HDF5 results file: a written file reads back to the same Results, and
// publish_results_file is atomic and never clobbers an existing file by accident.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "../train/run_config.hpp"
#include "cli.hpp"
#include "results_samples.hpp"
#include "store/journal.hpp"
#include "store/results.hpp"
#include "train/train_run.hpp"

namespace fs = std::filesystem;
using nnsweep::testing::RunSpec;
using nnsweep::testing::ScratchDir;

using nnsweep::testing::check_equal;
using nnsweep::testing::make_record;
using nnsweep::testing::sample_results;

namespace {

// Every entry of `folder`, hidden ones included (a leftover ".x.123.tmp" counts).
std::vector<std::string> entries(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(results_file)

BOOST_AUTO_TEST_CASE(journal_records_round_trip_every_field) {
  // Typed columns of every kind (a missing one too), seeds, test results.
  nnsweep::Results results = sample_results();
  results.runs[0].columns = {std::string("tanh"), std::int64_t{-7}, std::nullopt};
  nnsweep::Results decoded = results;
  for (nnsweep::RunRecord& record : decoded.runs) {
    record = nnsweep::decode_record(nnsweep::encode_record(record));
  }
  check_equal(decoded, results);
  const std::string bytes = nnsweep::encode_record(results.runs[1]);
  BOOST_CHECK_THROW(nnsweep::decode_record(bytes.substr(0, bytes.size() - 1)), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(write_then_read_round_trips) {
  const nnsweep::Results results = sample_results();
  // Sanity of the sample itself: trained runs with parameters and several costs.
  BOOST_TEST_REQUIRE(results.runs[0].result.parameters.size() ==
                     2 * 20 + 20 + 20 * 20 + 20 + 20 + 1);
  BOOST_TEST_REQUIRE(results.runs[1].result.costs.size() == 14u);  // 0, 3, ..., 39
  ScratchDir folder;
  const std::string path = (folder.path() / "results.h5").string();
  nnsweep::write_results_file(path, results);
  check_equal(nnsweep::read_results_file(path), results);
}

BOOST_AUTO_TEST_CASE(runs_without_costs_or_parameters_round_trip) {
  // Edge cases a sweep produces: a run that failed before training (no network,
  // no costs) and a run of 0 iterations (parameters, but an empty cost curve).
  nnsweep::Results results;
  results.swept_keys = {"optimizer.name"};
  RunSpec spec;
  spec.n_samples = 20;
  spec.iterations = 0;
  results.runs.push_back(make_record(0, spec, {std::string("gd")}));
  spec.optimizer = "momentum";
  spec.iterations = 5;
  nnsweep::RunRecord failed = make_record(1, spec, {std::string("no_such_optimizer")});
  {
    nnsweep::ExperimentConfig config = nnsweep::testing::make_config(spec);
    config.optimizer.name = "no_such_optimizer";
    failed.result = nnsweep::train_run(nnsweep::testing::make_dataset(config), config,
                                       nnsweep::builtin_registries());
  }
  results.runs.push_back(failed);
  BOOST_TEST_REQUIRE(results.runs[0].result.costs.empty());
  BOOST_TEST_REQUIRE(results.runs[0].result.parameters.size() > 0);
  BOOST_TEST_REQUIRE(nnsweep::status_name(results.runs[1].result.status) == "failed");
  BOOST_TEST_REQUIRE(results.runs[1].result.parameters.size() == 0);
  results.experiment_yaml = results.runs[0].config_yaml;
  results.experiment_id = "edge";
  results.plan_size = 2;

  ScratchDir folder;
  const std::string path = (folder.path() / "edge.h5").string();
  nnsweep::write_results_file(path, results);
  check_equal(nnsweep::read_results_file(path), results);
}

BOOST_AUTO_TEST_CASE(write_refuses_an_existing_path) {
  ScratchDir folder;
  const auto path = folder.write("results.h5", "not mine to overwrite");
  BOOST_CHECK_THROW(nnsweep::write_results_file(path.string(), sample_results()), std::exception);
  BOOST_TEST(nnsweep::testing::read_file(path) == "not mine to overwrite");
}

BOOST_AUTO_TEST_CASE(read_rejects_files_that_are_not_results) {
  ScratchDir folder;
  const auto text = folder.write("plain.txt", "hello");
  BOOST_CHECK_THROW(nnsweep::read_results_file(text.string()), std::exception);
  BOOST_CHECK_THROW(nnsweep::read_results_file((folder.path() / "missing.h5").string()),
                    std::exception);
}

BOOST_AUTO_TEST_CASE(publish_creates_the_file_and_leaves_no_temporary) {
  const nnsweep::Results results = sample_results();
  ScratchDir folder;
  const std::string path = (folder.path() / "sweep.h5").string();
  nnsweep::publish_results_file(path, results, /*replace=*/false);
  BOOST_TEST(entries(folder.path()) == std::vector<std::string>{"sweep.h5"},
             boost::test_tools::per_element());
  check_equal(nnsweep::read_results_file(path), results);
}

BOOST_AUTO_TEST_CASE(publish_without_replace_refuses_an_existing_file) {
  const nnsweep::Results results = sample_results();
  ScratchDir folder;
  const std::string path = (folder.path() / "sweep.h5").string();
  nnsweep::publish_results_file(path, results, false);
  const std::string before = nnsweep::testing::read_file(path);

  nnsweep::Results other = results;
  other.runs.pop_back();
  BOOST_CHECK_THROW(nnsweep::publish_results_file(path, other, false), std::exception);
  // Untouched, byte for byte, and the temporary it wrote first is gone.
  // Extra parentheses: on failure, do not dump two HDF5 files into the log.
  BOOST_TEST((nnsweep::testing::read_file(path) == before), "the existing file was modified");
  BOOST_TEST(entries(folder.path()) == std::vector<std::string>{"sweep.h5"},
             boost::test_tools::per_element());
  BOOST_TEST(nnsweep::read_results_file(path).runs.size() == 3u);

  // Also when the existing file is not a results file at all.
  const auto foreign = folder.write("notes.h5", "someone else's file");
  BOOST_CHECK_THROW(nnsweep::publish_results_file(foreign.string(), results, false),
                    std::exception);
  BOOST_TEST(nnsweep::testing::read_file(foreign) == "someone else's file");
  BOOST_TEST(entries(folder.path()) == (std::vector<std::string>{"notes.h5", "sweep.h5"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(publish_with_replace_overwrites) {
  const nnsweep::Results results = sample_results();
  ScratchDir folder;
  const std::string path = (folder.path() / "sweep.h5").string();
  nnsweep::publish_results_file(path, results, false);
  nnsweep::Results fewer = results;
  fewer.runs.pop_back();
  nnsweep::publish_results_file(path, fewer, /*replace=*/true);
  check_equal(nnsweep::read_results_file(path), fewer);
  BOOST_TEST(entries(folder.path()) == std::vector<std::string>{"sweep.h5"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(publish_failure_leaves_nothing_behind) {
  // The write itself fails (the parent is a file, not a folder): nothing may
  // appear, and the error must reach the caller.
  ScratchDir folder;
  const auto blocker = folder.write("blocker", "x");
  BOOST_CHECK_THROW(
      nnsweep::publish_results_file((blocker / "sweep.h5").string(), sample_results(), false),
      std::exception);
  BOOST_TEST(entries(folder.path()) == std::vector<std::string>{"blocker"},
             boost::test_tools::per_element());
  BOOST_TEST(nnsweep::testing::read_file(blocker) == "x");
}

BOOST_AUTO_TEST_SUITE_END()
