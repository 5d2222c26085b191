#include "config_check.hpp"

#include <boost/test/unit_test.hpp>
#include <cctype>
#include <filesystem>
#include <sstream>

#include "cli.hpp"

namespace nnsweep::testing {

const std::string kGoodConfig =
    "name: t\n"
    "dataset: {name: moons, n_samples: 40, noise: 0.2, seed: 0}\n"
    "model:\n"
    "  hidden: [2]\n"
    "  activation: tanh\n"
    "  output: sigmoid\n"
    "  init: {name: normal, scale: 0.01, seed: 2}\n"
    "loss: binary_cross_entropy\n"
    "optimizer:\n"
    "  name: gd\n"
    "  learning_rate: 0.01\n"
    "train:\n"
    "  iterations: 5\n"
    "  log_every: 0\n";

std::string replaced(const std::string& text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  BOOST_TEST_REQUIRE(at != std::string::npos, "'" << from << "' is not in the config");
  BOOST_TEST_REQUIRE(text.find(from, at + 1) == std::string::npos,
                     "'" << from << "' is in the config more than once");
  return text.substr(0, at) + to + text.substr(at + from.size());
}

int column_of(const std::string& text, int line, const std::string& token) {
  std::istringstream lines(text);
  std::string current;
  for (int i = 1; std::getline(lines, current); ++i) {
    if (i != line) continue;
    const auto at = current.find(token);
    return at == std::string::npos ? 0 : static_cast<int>(at) + 1;
  }
  return 0;
}

namespace {

// Whether `err` starts with `source:line:column:` (any column when column is 0).
bool starts_with_location(const std::string& err, const std::string& source, int line,
                          int column) {
  const std::string head = source + ":" + std::to_string(line) + ":";
  if (column > 0) return err.rfind(head + std::to_string(column) + ":", 0) == 0;
  if (err.rfind(head, 0) != 0) return false;
  std::size_t i = head.size();
  const std::size_t digits = i;
  while (i < err.size() && std::isdigit(static_cast<unsigned char>(err[i]))) ++i;
  return i > digits && i < err.size() && err[i] == ':' && err[digits] != '0';
}

void check_refused(const std::string& command, const CliResult& result, const std::string& source,
                   int line, int column, const std::vector<std::string>& words) {
  BOOST_TEST_CONTEXT("nnsweep " << command << "\nstderr: " << result.err
                                << "stdout: " << result.out) {
    BOOST_TEST(result.exit_code == 2);
    BOOST_TEST(result.out.empty());
    BOOST_TEST(starts_with_location(result.err, source, line, column),
               "expected stderr to start with " << source << ":" << line << ":"
                                                << (column ? std::to_string(column) : "*") << ":");
    BOOST_TEST(result.err.find('\n') + 1 == result.err.size(), "one line ending in a newline");
    for (const std::string& word : words) {
      BOOST_TEST(result.err.find(word) != std::string::npos, "missing '" << word << "'");
    }
  }
}

std::vector<std::string> with_sets(std::vector<std::string> arguments,
                                   const std::vector<std::string>& sets) {
  for (const std::string& set : sets) {
    arguments.push_back("--set");
    arguments.push_back(set);
  }
  return arguments;
}

// Runs both commands and checks them; `source` empty means the config file.
void run_both(const std::string& yaml, const std::vector<std::string>& sets, std::string source,
              int line, int column, const std::vector<std::string>& words) {
  ScratchDir scratch;
  const std::string config = scratch.write("bad.yaml", yaml).string();
  const std::filesystem::path out = scratch.path() / "out.h5";
  if (source.empty()) source = config;
  const CliResult run = run_cli(with_sets({"run", config, "--out", out.string()}, sets));
  check_refused("run", run, source, line, column, words);
  BOOST_TEST(!std::filesystem::exists(out), "run created " << out);
  const CliResult validate = run_cli(with_sets({"validate", config}, sets));
  check_refused("validate", validate, source, line, column, words);
  BOOST_TEST(!std::filesystem::exists(out));
}

}  // namespace

void expect_config_error(const std::string& yaml, const Where& where,
                         const std::vector<std::string>& words,
                         const std::vector<std::string>& sets) {
  int column = 0;
  if (!where.token.empty()) {
    column = column_of(yaml, where.line, where.token);
    BOOST_TEST_REQUIRE(column > 0, "'" << where.token << "' is not on line " << where.line);
  }
  BOOST_TEST_CONTEXT("config:\n" << yaml) { run_both(yaml, sets, "", where.line, column, words); }
}

void expect_set_error(const std::string& yaml, const std::vector<std::string>& sets,
                      const std::string& key, int column,
                      const std::vector<std::string>& words) {
  run_both(yaml, sets, "--set " + key, 1, column, words);
}

void expect_valid(const std::string& yaml, const std::vector<std::string>& sets) {
  ScratchDir scratch;
  const std::string config = scratch.write("good.yaml", yaml).string();
  const std::string out = (scratch.path() / "out.h5").string();
  const CliResult validate = run_cli(with_sets({"validate", config}, sets));
  BOOST_TEST_CONTEXT("config:\n" << yaml << "stderr: " << validate.err) {
    BOOST_TEST(validate.exit_code == 0);
    BOOST_TEST(validate.out.find(": ok, 1 run") != std::string::npos, validate.out);
    const CliResult run = run_cli(with_sets({"run", config, "--out", out, "--quiet"}, sets));
    BOOST_TEST(run.exit_code == 0, run.err);
    BOOST_TEST(std::filesystem::exists(out));
  }
}

}  // namespace nnsweep::testing
