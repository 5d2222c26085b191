// The csv dataset through the command line: a malformed file stops validate
// and run with exit 2 and its FILE:LINE message before anything is written; a
// relative path starts from the config file's folder; an edited file is a new
// run, never "up to date"; and training on a CSV finishes.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>

#include "cli.hpp"
#include "csv_error_cases.hpp"

using nnsweep::testing::run_cli;
using nnsweep::testing::ScratchDir;
namespace fs = std::filesystem;

namespace {

// Two separable classes: label 1 where x0 + x1 > 0.
std::string two_class_csv(int rows, double shift = 0.0) {
  std::string text = "x0,x1,label\n";
  for (int i = 0; i < rows; ++i) {
    const double x0 = (i % 7) / 3.0 - 1.0 + shift;
    const double x1 = (i % 5) / 2.0 - 1.0;
    text += std::to_string(x0) + "," + std::to_string(x1) + "," + (x0 + x1 > 0 ? "1" : "0") + "\n";
  }
  return text;
}

// A small network for the csv file at `csv_path` (with more dataset settings
// in `extra_dataset`): a sigmoid and cross-entropy, or for regression the
// identity and mean squared error.
std::string config_text(const std::string& csv_path, const std::string& extra_dataset = "",
                        bool regression = false) {
  return "name: from_csv\n"
         "dataset: {name: csv, path: " +
         csv_path + extra_dataset + "}\n" +
         "model: {hidden: [3], activation: tanh, output: " + (regression ? "identity" : "sigmoid") +
         ",\n"
         "        init: {name: normal, scale: 0.5, seed: 2}}\n"
         "loss: " +
         (regression ? "mse" : "binary_cross_entropy") +
         "\n"
         "optimizer: {name: gd, learning_rate: " +
         (regression ? "0.02" : "0.5") +
         "}\n"
         "train: {iterations: 50}\n";
}

// A double-quoted YAML scalar.
std::string quoted(const std::string& text) {
  std::string yaml = "\"";
  for (char c : text) yaml += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  return yaml + "\"";
}

// The settings of an error case as YAML flow entries: ", header: false, ...".
std::string yaml_settings(const nnsweep::testing::CsvSettings& settings) {
  std::string yaml;
  for (const auto& [key, text] : settings) {
    if (key == "header") {
      yaml += ", header: " + text;
    } else if (key == "features") {
      const auto names = nnsweep::testing::csv_params("x", settings).string_list("features");
      yaml += ", features: [";
      for (std::size_t i = 0; i < names.size(); ++i) yaml += (i ? ", " : "") + quoted(names[i]);
      yaml += "]";
    } else {
      yaml += ", " + key + ": " + quoted(text);
    }
  }
  return yaml;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(csv_cli)

BOOST_AUTO_TEST_CASE(malformed_file_exits_2_with_file_and_line_and_writes_nothing) {
  ScratchDir scratch;
  const fs::path csv = scratch.write("bad.csv", "a,b,c,d,y\n1,2,3,4,0\n1,2,0\n");
  const fs::path config = scratch.write("bad.yaml", config_text("bad.csv"));
  const std::string expected = csv.string() + ":3: 3 cells, but the header has 5\n";

  const auto validate = run_cli({"validate", config.string()});
  BOOST_TEST(validate.exit_code == 2);
  BOOST_TEST(validate.err == expected);
  BOOST_TEST(validate.out.empty());

  const fs::path out = scratch.path() / "out" / "x.h5";
  fs::create_directories(out.parent_path());
  const auto run = run_cli({"run", config.string(), "--out", out.string()});
  BOOST_TEST(run.exit_code == 2);
  BOOST_TEST(run.err == expected);
  BOOST_TEST(fs::is_empty(out.parent_path()), "run wrote into " << out.parent_path());
}

BOOST_AUTO_TEST_CASE(every_malformed_file_through_validate_and_run) {
  for (const auto& c : nnsweep::testing::kCsvErrorCases) {
    BOOST_TEST_CONTEXT(c.what) {
      ScratchDir scratch;
      const fs::path csv = scratch.write("data.csv", c.text);
      const fs::path config = scratch.write(
          "bad.yaml",
          config_text("data.csv", yaml_settings(c.settings), c.settings.count("task") > 0));
      const std::string where =
          c.line > 0 ? csv.string() + ":" + std::to_string(c.line) : csv.string();
      const std::string expected = where + ": " + c.message + "\n";
      const auto validate = run_cli({"validate", config.string()});
      BOOST_TEST(validate.exit_code == 2);
      BOOST_TEST(validate.err == expected);
      const fs::path out = scratch.path() / "out";
      fs::create_directories(out);
      const auto run = run_cli({"run", config.string(), "--out", (out / "x.h5").string()});
      BOOST_TEST(run.exit_code == 2);
      BOOST_TEST(run.err == expected);
      BOOST_TEST(fs::is_empty(out));
    }
  }
}

BOOST_AUTO_TEST_CASE(unbalanced_quotes_through_the_cli) {
  ScratchDir scratch;
  const fs::path csv = scratch.write("bad.csv", "a,b,y\n1,2,0\n3,\"4,1\n5,6,0\n");
  const fs::path config = scratch.write("bad.yaml", config_text("bad.csv"));
  const auto validate = run_cli({"validate", config.string()});
  BOOST_TEST(validate.exit_code == 2);
  BOOST_TEST(validate.err == csv.string() +
                                 ":3: unbalanced quotes: the quoted cell that starts here has "
                                 "no closing quote\n");
}

BOOST_AUTO_TEST_CASE(relative_path_starts_from_the_config_folder) {
  ScratchDir scratch;
  fs::create_directories(scratch.path() / "experiment" / "data");
  scratch.write("experiment/data/points.csv", two_class_csv(30));
  const fs::path config = scratch.write("experiment/config.yaml", config_text("data/points.csv"));
  ScratchDir elsewhere;  // the working directory: no data/ here
  const auto validate = run_cli({"validate", config.string()}, elsewhere.path());
  BOOST_TEST(validate.exit_code == 0, validate.err);
  const auto run = run_cli({"run", config.string(), "--out", "x.h5"}, elsewhere.path());
  BOOST_TEST(run.exit_code == 0, run.err);
  BOOST_TEST(has(run.out, "from_csv: ok"), run.out);
  BOOST_TEST(fs::exists(elsewhere.path() / "x.h5"));

  // Errors name the file as resolved, wherever nnsweep runs from.
  scratch.write("experiment/data/points.csv", "x0,x1,label\n1,oops,0\n");
  const auto bad = run_cli({"validate", config.string()}, elsewhere.path());
  BOOST_TEST(bad.exit_code == 2);
  BOOST_TEST(bad.err == (scratch.path() / "experiment/data/points.csv").string() +
                            ":2: column 'x1': \"oops\" is not a number\n");
}

BOOST_AUTO_TEST_CASE(an_edited_file_is_a_new_run) {
  ScratchDir scratch;
  scratch.write("points.csv", two_class_csv(30));
  const fs::path config = scratch.write("config.yaml", config_text("points.csv"));
  const std::string out = (scratch.path() / "x.h5").string();

  const auto first = run_cli({"run", config.string(), "--out", out});
  BOOST_TEST_REQUIRE(first.exit_code == 0, first.err);
  const auto again = run_cli({"run", config.string(), "--out", out});
  BOOST_TEST(again.exit_code == 0, again.err);
  BOOST_TEST(has(again.err, "up to date"), again.err);

  scratch.write("points.csv", two_class_csv(30, 0.25));
  const auto edited = run_cli({"run", config.string(), "--out", out});
  BOOST_TEST(edited.exit_code == 0, edited.err);
  BOOST_TEST(!has(edited.err, "up to date"), edited.err);
  BOOST_TEST(has(edited.out, "from_csv: ok"), edited.out);
}

BOOST_AUTO_TEST_CASE(a_moved_project_keeps_its_runs) {
  // The file counts by its contents: the config, its data and its results
  // moved to another folder are still up to date.
  ScratchDir first, second;
  first.write("points.csv", two_class_csv(30));
  const fs::path config = first.write("config.yaml", config_text("points.csv"));
  const auto run = run_cli({"run", config.string(), "--out", (first.path() / "x.h5").string()});
  BOOST_TEST_REQUIRE(run.exit_code == 0, run.err);
  for (const char* name : {"points.csv", "config.yaml", "x.h5"}) {
    fs::copy_file(first.path() / name, second.path() / name);
  }
  fs::remove(first.path() / "points.csv");
  const auto moved = run_cli({"run", (second.path() / "config.yaml").string(), "--out",
                              (second.path() / "x.h5").string()});
  BOOST_TEST(moved.exit_code == 0, moved.err);
  BOOST_TEST(has(moved.err, "up to date"), moved.err);
}

BOOST_AUTO_TEST_CASE(dataset_command_prints_the_file_as_read) {
  ScratchDir scratch;
  const fs::path csv = scratch.write("kinds.csv", "w,h,kind\n1,2,tall\n3,4,short\n");
  const auto result = run_cli({"dataset", "csv", "path=" + csv.string(), "features=[h]"});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(result.out == "x0,y\n2,1\n4,0\n");
}

BOOST_AUTO_TEST_CASE(regression_targets_train_with_mse) {
  ScratchDir scratch;
  std::string text = "x0,x1,target\n";
  for (int i = 0; i < 30; ++i) {
    const double x0 = (i % 7) / 3.0, x1 = (i % 5) / 2.0;
    text +=
        std::to_string(x0) + "," + std::to_string(x1) + "," + std::to_string(x0 - 2 * x1) + "\n";
  }
  scratch.write("targets.csv", text);
  const fs::path config = scratch.write(
      "targets.yaml", config_text("targets.csv", ", task: regression", /*regression=*/true));
  const auto run = run_cli({"run", config.string(), "--out", (scratch.path() / "x.h5").string()});
  BOOST_TEST(run.exit_code == 0, run.err);
  BOOST_TEST(has(run.out, "from_csv: ok"), run.out);
}

BOOST_AUTO_TEST_CASE(three_classes_with_softmax) {
  ScratchDir scratch;
  std::string text = "x0,x1,species\n";
  const char* names[] = {"a", "b", "c"};
  for (int i = 0; i < 30; ++i) {
    const int k = i % 3;
    text += std::to_string(k + (i % 4) * 0.1) + "," + std::to_string(-k + (i % 5) * 0.1) + "," +
            names[k] + "\n";
  }
  scratch.write("three.csv", text);
  const fs::path config = scratch.write("three.yaml",
                                        "name: three\n"
                                        "dataset: {name: csv, path: three.csv}\n"
                                        "model: {hidden: [4], activation: tanh, output: softmax,\n"
                                        "        init: {name: normal, scale: 0.5, seed: 2}}\n"
                                        "loss: categorical_cross_entropy\n"
                                        "optimizer: {name: gd, learning_rate: 0.5}\n"
                                        "train: {iterations: 50}\n");
  const auto run = run_cli({"run", config.string(), "--out", (scratch.path() / "x.h5").string()});
  BOOST_TEST(run.exit_code == 0, run.err);
  BOOST_TEST(has(run.out, "three: ok"), run.out);
}

BOOST_AUTO_TEST_SUITE_END()
