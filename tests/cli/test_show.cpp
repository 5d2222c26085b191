// nnsweep show: sorting by the printed headers in either direction, grouped
// tables that honour --sort and --rows, columns that hold what each run used,
// and errors that list exactly the columns they accept.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <regex>
#include <sstream>

#include "cli.hpp"

using namespace nnsweep::testing;
namespace fs = std::filesystem;

namespace {

const char* const kSweep = R"(name: show_sweep
dataset: {name: moons, n_samples: 60, noise: 0.2, seed: 0}
model: {hidden: [2], init: {name: normal, scale: 0.5, seed: 1}}
optimizer: {name: gd, learning_rate: 0.5}
train: {iterations: 60, record_every: 10}
sweep:
  grid:
    optimizer.name: [gd, momentum]
    optimizer.momentum.momentum: [0.5, 0.9]
    model.hidden: [2, 20, [3, 3], 3]
)";

// One results file for every case: 12 distinct runs of 16 sweep points.
const fs::path& results_file() {
  static ScratchDir scratch;
  static const fs::path out = [] {
    const fs::path path = scratch.path() / "show.h5";
    const CliResult run = run_cli(
        {"run", scratch.write("sweep.yaml", kSweep).string(), "--out", path.string(), "--quiet"});
    BOOST_TEST_REQUIRE(run.exit_code == 0, run.err);
    return path;
  }();
  return out;
}

CliResult show(std::vector<std::string> args) {
  args.insert(args.begin(), {"show", results_file().string()});
  return run_cli(args);
}

struct Parsed {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;  // cells as printed, "" for a blank
};

// Splits a table by its header's column positions, so blank cells stay blank.
Parsed parse_table(const std::string& table) {
  Parsed parsed;
  std::istringstream lines(table);
  std::string header;
  std::getline(lines, header);
  std::vector<std::size_t> starts;
  for (std::size_t at = 0; at < header.size();) {
    starts.push_back(at);
    const auto end = header.find(' ', at);
    parsed.headers.push_back(header.substr(at, end - at));
    if (end == std::string::npos) break;
    at = header.find_first_not_of(' ', end);
  }
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("runs") != std::string::npos && line.find("  ") == std::string::npos) break;
    std::vector<std::string> cells;
    for (std::size_t c = 0; c < starts.size(); ++c) {
      const std::size_t end = c + 1 < starts.size() ? starts[c + 1] : line.size();
      std::string cell = starts[c] < line.size() ? line.substr(starts[c], end - starts[c]) : "";
      cell.erase(cell.find_last_not_of(' ') + 1);
      cells.push_back(cell);
    }
    parsed.rows.push_back(cells);
  }
  return parsed;
}

std::vector<std::vector<std::string>> rows_of(const std::string& table) {
  return parse_table(table).rows;
}

std::string last_line(const std::string& text) {
  const auto end = text.find_last_not_of('\n');
  const auto start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1, end - start);
}

// The values of the cells in the column whose header is `name`.
std::vector<double> numbers_in(const std::string& table, const std::string& name) {
  const Parsed parsed = parse_table(table);
  const auto column = static_cast<std::size_t>(
      std::find(parsed.headers.begin(), parsed.headers.end(), name) - parsed.headers.begin());
  std::vector<double> values;
  for (const auto& row : parsed.rows) values.push_back(std::stod(row.at(column)));
  return values;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(show_command)

BOOST_AUTO_TEST_CASE(accuracy_sorts_best_first_and_says_so) {
  // train_accuracy is the name before format version 3: it still works.
  for (const char* key : {"train.accuracy", "train_accuracy"}) {
    const CliResult result = show({"--sort", key, "--rows", "3"});
    BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
    const auto accuracy = numbers_in(result.out, "train.accuracy");
    BOOST_TEST(std::is_sorted(accuracy.rbegin(), accuracy.rend()));
    BOOST_TEST(last_line(result.out) ==
               "12 runs, best 3 shown (sorted by train.accuracy, highest first)");
  }
}

BOOST_AUTO_TEST_CASE(a_minus_sign_or_desc_sorts_descending) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--sort=-train.cost"},
                                               {"--sort", "-final_cost"},
                                               {"--sort", "train.cost", "--desc"}}) {
    const CliResult result = show({args.begin(), args.end()});
    BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
    const auto cost = numbers_in(result.out, "train.cost");
    BOOST_TEST(std::is_sorted(cost.rbegin(), cost.rend()), args.back());
    BOOST_TEST(last_line(result.out) == "12 runs (sorted by train.cost, highest first)");
  }
  const CliResult worst = show({"--sort=-train.cost", "--rows", "2"});
  BOOST_TEST(last_line(worst.out) ==
             "12 runs, worst 2 shown (sorted by train.cost, highest first)");
  const CliResult ascending = show({"--sort", "+train.accuracy", "--rows", "1"});
  BOOST_TEST(last_line(ascending.out) ==
             "12 runs, worst 1 shown (sorted by train.accuracy, lowest first)");
}

BOOST_AUTO_TEST_CASE(any_metric_of_the_file_sorts_and_is_then_shown) {
  // F1 is not a headline column; sorting by it shows it, best first.
  const CliResult result = show({"--sort", "train.f1", "--rows", "4"});
  BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
  const auto f1 = numbers_in(result.out, "train.f1");
  BOOST_TEST(f1.size() == 4u);
  BOOST_TEST(std::is_sorted(f1.rbegin(), f1.rend()));
  const CliResult chosen = show({"--metrics", "train.precision,train.recall", "--rows", "1"});
  BOOST_TEST_REQUIRE(chosen.exit_code == 0, chosen.err);
  const auto headers = parse_table(chosen.out).headers;
  BOOST_TEST((std::find(headers.begin(), headers.end(), "train.recall") != headers.end()));
  BOOST_TEST((std::find(headers.begin(), headers.end(), "train.accuracy") == headers.end()));
  // A metric the file does not have (no test part, no regression) is an error naming those it has.
  const CliResult missing = show({"--sort", "test.cost"});
  BOOST_TEST(missing.exit_code == 2);
  BOOST_TEST(missing.err.find("this file has the metrics train.cost, train.accuracy, "
                              "train.precision, train.recall, train.f1") != std::string::npos,
             missing.err);
  BOOST_TEST(show({"--metrics", "train.rmse"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(printed_headers_are_sort_keys) {
  for (const char* key : {"iterations", "time_s", "status", "run", "iterations_run", "wall_time_s",
                          "optimizer.momentum.momentum"}) {
    const CliResult result = show({"--sort", key});
    BOOST_TEST(result.exit_code == 0, key << ": " << result.err);
  }
  const auto times = numbers_in(show({"--sort", "time_s"}).out, "time_s");
  BOOST_TEST(std::is_sorted(times.begin(), times.end()));
}

BOOST_AUTO_TEST_CASE(groups_honour_sort_and_rows) {
  const CliResult result =
      show({"--group-by", "model.hidden", "--sort", "final_cost", "--rows", "2"});
  BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
  const auto means = numbers_in(result.out, "train.cost_mean");
  BOOST_TEST(means.size() == 2u);
  BOOST_TEST(std::is_sorted(means.begin(), means.end()));
  BOOST_TEST(last_line(result.out) ==
             "12 runs in 4 groups, best 2 shown (sorted by train.cost_mean, lowest first)");
  // Without --sort, groups come in the order of their values: numbers as numbers.
  const auto plain = rows_of(show({"--group-by", "model.hidden"}).out);
  std::vector<std::string> order;
  for (const auto& row : plain) order.push_back(row.at(0));
  BOOST_TEST((order == std::vector<std::string>{"[2]", "[3]", "[3, 3]", "[20]"}));
}

BOOST_AUTO_TEST_CASE(grouping_by_a_plugin_parameter_groups_what_runs_used) {
  const CliResult result = show({"--group-by", "optimizer.momentum.momentum"});
  BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
  const auto rows = rows_of(result.out);
  BOOST_TEST_REQUIRE(rows.size() == 3u, result.out);
  BOOST_TEST(rows[0][0] == "0.5");
  BOOST_TEST(rows[0][1] == "4");  // momentum runs only
  BOOST_TEST(rows[1][0] == "0.9");
  BOOST_TEST(rows[1][1] == "4");
  BOOST_TEST(rows[2][0] == "");  // gd: no momentum value, its own group of 4 runs
  BOOST_TEST(rows[2][1] == "4");
}

BOOST_AUTO_TEST_CASE(errors_list_exactly_the_columns_they_accept) {
  const CliResult group = show({"--group-by", "train.cost"});
  BOOST_TEST(group.exit_code == 2);
  BOOST_TEST(group.err.find("cannot group by 'train.cost'") != std::string::npos, group.err);
  const auto listed = group.err.substr(group.err.find('('));
  BOOST_TEST(listed.find("train.cost") == std::string::npos, group.err);
  BOOST_TEST(listed.find("model.hidden") != std::string::npos, group.err);

  const CliResult sort = show({"--sort", "nosuch"});
  BOOST_TEST(sort.exit_code == 2);
  BOOST_TEST(
      sort.err.find("(run, optimizer.name, optimizer.momentum.momentum, model.hidden, "
                    "train.cost, train.accuracy, iterations, status, time_s)") != std::string::npos,
      sort.err);
  const CliResult grouped = show({"--group-by", "model.hidden", "--sort", "iterations"});
  BOOST_TEST(grouped.exit_code == 2);
  BOOST_TEST(grouped.err.find("train.cost_mean") != std::string::npos, grouped.err);
}

BOOST_AUTO_TEST_CASE(a_missing_file_is_reported_as_missing) {
  const CliResult result = run_cli({"show", "/nonexistent/nosuch.h5"});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err == "nnsweep: /nonexistent/nosuch.h5 does not exist\n");
  const CliResult merge = run_cli({"merge", "/tmp/nnsweep-merge-out.h5", "/nonexistent/part.h5"});
  BOOST_TEST(merge.exit_code != 0);
  BOOST_TEST(merge.err.find("/nonexistent/part.h5 does not exist") != std::string::npos, merge.err);
  BOOST_TEST(!fs::exists("/tmp/nnsweep-merge-out.h5"));
}

BOOST_AUTO_TEST_SUITE_END()
