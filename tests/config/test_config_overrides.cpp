// --set errors (blamed on `--set KEY`), missing config files, and results files
// that a refused run must leave exactly as they were.
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "cli.hpp"
#include "config_check.hpp"

using namespace nnsweep::testing;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(config_overrides)

BOOST_AUTO_TEST_CASE(valid_overrides_are_accepted) {
  expect_valid(kGoodConfig,
               {"optimizer.learning_rate=0.1", "model.hidden=[3, 4]", "dataset.noise=0",
                "optimizer.name=adam", "optimizer.adam.beta1=0.8", "train.log_every=1"});
}

BOOST_AUTO_TEST_CASE(set_without_equals) {
  expect_set_error(kGoodConfig, {"optimizer.learning_rate"}, "optimizer.learning_rate", 1,
                   {"expected KEY=VALUE"});
}

BOOST_AUTO_TEST_CASE(set_with_a_bad_key) {
  const std::string words = "is not a dotted key";
  expect_set_error(kGoodConfig, {"optimizer..learning_rate=1"}, "optimizer..learning_rate", 1,
                   {words});
  expect_set_error(kGoodConfig, {".learning_rate=1"}, ".learning_rate", 1, {words});
  expect_set_error(kGoodConfig, {"optimizer.=1"}, "optimizer.", 1, {words});
  expect_set_error(kGoodConfig, {"opt imizer=1"}, "opt imizer", 1, {words});
  expect_set_error(kGoodConfig, {"=3"}, "", 1, {words});
}

BOOST_AUTO_TEST_CASE(set_with_malformed_yaml) {
  expect_set_error(kGoodConfig, {"optimizer.learning_rate=[0.1"}, "optimizer.learning_rate", 0,
                   {"malformed YAML"});
  expect_set_error(kGoodConfig, {"model.hidden=[1, {a: 2}"}, "model.hidden", 0, {"malformed YAML"});
  expect_set_error(kGoodConfig, {"model.hidden=]"}, "model.hidden", 0, {"malformed YAML"});
}

BOOST_AUTO_TEST_CASE(set_value_failing_validation) {
  const std::string rate = "optimizer.learning_rate";
  expect_set_error(kGoodConfig, {rate + "=0"}, rate, 1, {"learning_rate", "must be in (0, "});
  expect_set_error(kGoodConfig, {rate + "=-1"}, rate, 1, {"learning_rate", "must be in (0, "});
  expect_set_error(kGoodConfig, {rate + "=abc"}, rate, 1, {"must be a number", "'abc'"});
  expect_set_error(kGoodConfig, {rate + "=\"0.1\""}, rate, 1, {"must be a number"});
  expect_set_error(kGoodConfig, {rate + "="}, rate, 0, {"must be a number"});
  // The column points into the value: the second element of the list.
  expect_set_error(kGoodConfig, {"model.hidden=[4, 0]"}, "model.hidden", 5,
                   {"hidden", "must be in [1, ", "got 0"});
  expect_set_error(kGoodConfig, {"model.activation=tahn"}, "model.activation", 1,
                   {"unknown activation 'tahn'", "did you mean 'tanh'?"});
  expect_set_error(kGoodConfig, {"dataset.n_samples=2.5"}, "dataset.n_samples", 1,
                   {"n_samples", "must be an integer"});
  expect_set_error(kGoodConfig, {"dataset.seed=4294967296"}, "dataset.seed", 1,
                   {"seed", "4294967295"});
  expect_set_error(kGoodConfig, {"optimizer.beta1=0.9"}, "optimizer.beta1", 1,
                   {"'beta1' is not a parameter of optimizer 'gd'", "belongs to adam", "nest"});
  expect_set_error(kGoodConfig, {"optimizer.lerning_rate=0.1"}, "optimizer.lerning_rate", 1,
                   {"'lerning_rate'", "did you mean 'learning_rate'?"});
  expect_set_error(kGoodConfig, {"train.iteratons=5"}, "train.iteratons", 1,
                   {"unknown key 'iteratons' in train", "did you mean 'iterations'?"});
  expect_set_error(kGoodConfig, {"model=5"}, "model", 1, {"model must be a map"});
  // The error names the failing --set, not a good one given before it.
  expect_set_error(kGoodConfig, {"train.iterations=3", "optimizer.learning_rate=0"}, rate, 1,
                   {"learning_rate"});
}

// An unknown section reached only through --set is blamed on the --set, not
// on the config file.
BOOST_AUTO_TEST_CASE(set_of_an_unknown_section_names_the_set) {
  expect_set_error(kGoodConfig, {"trian.iterations=3"}, "trian.iterations", 1,
                   {"unknown key 'trian'", "did you mean 'train'?"});
  expect_set_error(kGoodConfig, {"model.foo.bar=1"}, "model.foo.bar", 1, {"unknown key 'foo'"});
  expect_set_error(kGoodConfig, {"optimizer.adma.beta1=0.9"}, "optimizer.adma.beta1", 1,
                   {"'adma' is not a parameter of optimizer 'gd'"});
}

// Keys set under `sweep` are checked even when the file has no sweep section:
// `--set sweep.foo=1` is an error, not silently ignored.
BOOST_AUTO_TEST_CASE(set_under_a_missing_sweep_is_checked) {
  expect_set_error(kGoodConfig, {"sweep.foo=1"}, "sweep.foo", 1, {"unknown sweep kind 'foo'"});
  // A grid given through --set must not silently leave a single run.
  ScratchDir scratch;
  const std::string config = scratch.write("good.yaml", kGoodConfig).string();
  const CliResult grid = run_cli({"validate", config, "--set", "sweep.grid.model.hidden=[1,2]"});
  BOOST_TEST(grid.out.find("ok, 1 run\n") == std::string::npos,
             "--set sweep.grid... was ignored: " << grid.out);
}

BOOST_AUTO_TEST_CASE(missing_config_file) {
  ScratchDir scratch;
  const std::string missing = (scratch.path() / "nope.yaml").string();
  const std::string out = (scratch.path() / "out.h5").string();
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"run", missing, "--out", out}, {"validate", missing}, {"plan", missing}}) {
    const CliResult result = run_cli(args);
    BOOST_TEST_CONTEXT("nnsweep " << args[0] << "; stderr: " << result.err) {
      BOOST_TEST(result.exit_code == 2);
      BOOST_TEST(result.err.rfind(missing + ":1:1: ", 0) == 0);
      BOOST_TEST(result.err.find("cannot read") != std::string::npos);
    }
  }
  BOOST_TEST(!fs::exists(out));
  const CliResult directory = run_cli({"validate", scratch.path().string()});
  BOOST_TEST(directory.exit_code == 2);
  BOOST_TEST(directory.err.rfind(scratch.path().string() + ":1:1: ", 0) == 0, directory.err);
  BOOST_TEST(directory.err.find("directory") != std::string::npos);
  expect_config_error("", {1, ""}, {"empty"});
  expect_config_error("# only a comment\n", {1, ""}, {"empty"});
}

BOOST_AUTO_TEST_CASE(existing_output_is_left_untouched) {
  ScratchDir scratch;
  const char raw[] = "not an HDF5 file\0\x01\x02 keep me\n";
  const std::string bytes(raw, sizeof raw - 1);
  const fs::path out = scratch.write("out.h5", bytes);
  const auto written = fs::last_write_time(out);
  const std::string bad_config =
      scratch.write("bad.yaml", replaced(kGoodConfig, "tanh", "tahn")).string();
  const std::string good_config = scratch.write("good.yaml", kGoodConfig).string();
  auto unchanged = [&](const CliResult& result, const std::string& what) {
    BOOST_TEST_CONTEXT(what << "; stderr: " << result.err) {
      BOOST_TEST(result.exit_code == 2);
      BOOST_TEST(read_file(out) == bytes);
      BOOST_TEST((fs::last_write_time(out) == written));
      std::size_t files = 0;
      for (const auto& entry : fs::directory_iterator(scratch.path())) files += entry.exists();
      BOOST_TEST(files == 3u, "no stray files are left next to the output");
    }
  };
  // A bad config: the config error, not the existing file, is reported.
  CliResult result = run_cli({"run", bad_config, "--out", out.string()});
  unchanged(result, "bad config");
  BOOST_TEST(result.err.rfind(bad_config + ":5:15: ", 0) == 0);
  unchanged(run_cli({"run", good_config, "--out", out.string(), "--set", "train.iterations=-1"}),
            "bad --set");
  unchanged(run_cli({"run", bad_config, "--out", out.string(), "--overwrite"}),
            "bad config with --overwrite");
  // A good config: refused because the output exists and is not its results.
  for (const bool quiet : {false, true}) {
    std::vector<std::string> args = {"run", good_config, "--out", out.string()};
    if (quiet) args.push_back("--quiet");
    result = run_cli(args);
    unchanged(result, quiet ? "existing output, --quiet" : "existing output");
    BOOST_TEST(result.err.find(out.string() + " already") != std::string::npos, result.err);
    BOOST_TEST(result.out.empty(), result.out);
  }
}

BOOST_AUTO_TEST_CASE(results_of_another_experiment_are_left_untouched) {
  ScratchDir scratch;
  const std::string config = scratch.write("good.yaml", kGoodConfig).string();
  const fs::path out = scratch.path() / "out.h5";
  BOOST_TEST_REQUIRE(run_cli({"run", config, "--out", out.string(), "--quiet"}).exit_code == 0);
  const std::string bytes = read_file(out);
  const auto written = fs::last_write_time(out);
  // Same file, another experiment name: not this experiment's results.
  const CliResult other = run_cli({"run", config, "--out", out.string(), "--set",
                                   "optimizer.learning_rate=0.02", "--set", "name=another"});
  BOOST_TEST(other.exit_code == 2, other.err);
  BOOST_TEST(other.err.find(out.string() + " already") != std::string::npos, other.err);
  const CliResult bad =
      run_cli({"run", config, "--out", out.string(), "--set", "optimizer.learning_rate=0"});
  BOOST_TEST(bad.exit_code == 2, bad.err);
  BOOST_TEST(bad.err.rfind("--set optimizer.learning_rate:1:1: ", 0) == 0, bad.err);
  BOOST_TEST(read_file(out) == bytes);
  BOOST_TEST((fs::last_write_time(out) == written));
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(scratch.path())) files += entry.exists();
  BOOST_TEST(files == 2u, "no stray files are left next to the output");
}

BOOST_AUTO_TEST_CASE(missing_output_folders_are_created) {
  ScratchDir scratch;
  const std::string config = scratch.write("good.yaml", kGoodConfig).string();
  const fs::path out = scratch.path() / "no" / "such" / "out.h5";
  const CliResult result = run_cli({"run", config, "--out", out.string(), "--quiet"});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(fs::is_regular_file(out));
}

BOOST_AUTO_TEST_CASE(an_output_folder_that_cannot_be_created_is_refused) {
  ScratchDir scratch;
  const std::string config = scratch.write("good.yaml", kGoodConfig).string();
  const fs::path blocker = scratch.write("file.txt", "not a folder");
  const CliResult result = run_cli({"run", config, "--out", (blocker / "out.h5").string()});
  BOOST_TEST(result.exit_code == 2, result.err);
  BOOST_TEST(result.err.find("output folder") != std::string::npos, result.err);
  BOOST_TEST(read_file(blocker) == "not a folder");
}

BOOST_AUTO_TEST_SUITE_END()
