// main.cpp and cli/arguments.cpp: `nnsweep help [COMMAND]`, the parsing of
// `show --sort/--desc`, and the quoting of the recorded command line.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <boost/test/unit_test.hpp>

#include "cli.hpp"
#include "cli/arguments.hpp"

using namespace nnsweep::testing;

namespace {

// Parses `nnsweep show ARGUMENTS...` with the binary's show options.
nnsweep::ShowArguments parse_show(std::vector<std::string> arguments) {
  CLI::App show{"show"};
  nnsweep::ShowArguments parsed;
  nnsweep::add_show_options(show, parsed);
  std::reverse(arguments.begin(), arguments.end());  // CLI11 takes them last first
  show.parse(arguments);
  return parsed;
}

const std::vector<std::string> kCommands = {"run",  "validate", "plan",   "plugins", "dataset",
                                            "show", "merge",    "schema", "report"};

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_main)

BOOST_AUTO_TEST_CASE(help_prints_the_general_help) {
  const CliResult help = run_cli({"help"});
  BOOST_TEST(help.exit_code == 0, help.err);
  BOOST_TEST(help.err.empty(), help.err);
  BOOST_TEST(help.out == run_cli({"--help"}).out);
  for (const std::string& command : kCommands) {
    BOOST_TEST(help.out.find("\n  " + command + " ") != std::string::npos, command);
  }
}

BOOST_AUTO_TEST_CASE(help_command_prints_that_commands_help) {
  for (const std::string& command : kCommands) {
    const CliResult help = run_cli({"help", command});
    BOOST_TEST(help.exit_code == 0, command << ": " << help.err);
    BOOST_TEST(help.out == run_cli({command, "--help"}).out, command);
    BOOST_TEST(help.out.find(" " + command + " [OPTIONS]") != std::string::npos, help.out);
  }
}

BOOST_AUTO_TEST_CASE(help_of_an_unknown_command_names_the_valid_ones) {
  const CliResult help = run_cli({"help", "nosuch"});
  BOOST_TEST(help.exit_code == 2);
  BOOST_TEST(help.out.empty(), help.out);
  BOOST_TEST(help.err.find("nosuch") != std::string::npos, help.err);
  for (const std::string& command : kCommands) {
    BOOST_TEST(help.err.find(command) != std::string::npos, command << " in: " << help.err);
  }
}

BOOST_AUTO_TEST_CASE(sort_key_with_a_dash_sorts_descending) {
  for (const auto& arguments :
       std::vector<std::vector<std::string>>{{"x.h5", "--sort", "-train_accuracy"},
                                             {"x.h5", "--sort=-train_accuracy"},
                                             {"--sort", "-train_accuracy", "x.h5"},
                                             {"x.h5", "--sort", "train_accuracy", "--desc"},
                                             {"x.h5", "--desc", "--sort", "-train_accuracy"}}) {
    const nnsweep::ShowArguments parsed = parse_show(arguments);
    BOOST_TEST(parsed.results == std::vector<std::string>{"x.h5"});
    BOOST_TEST(parsed.sort == "train_accuracy");
    BOOST_TEST(parsed.descending);
  }
}

BOOST_AUTO_TEST_CASE(sort_defaults_and_plain_keys_stay_ascending) {
  const nnsweep::ShowArguments plain = parse_show({"x.h5", "--sort", "model.hidden"});
  BOOST_TEST(plain.sort == "model.hidden");
  BOOST_TEST(!plain.descending);
  const nnsweep::ShowArguments none = parse_show({"x.h5", "--group-by", "model.hidden"});
  BOOST_TEST(none.sort.empty());
  BOOST_TEST(!none.descending);
  const nnsweep::ShowArguments desc_only = parse_show({"x.h5", "--desc"});
  BOOST_TEST(desc_only.sort.empty());
  BOOST_TEST(desc_only.descending);
}

BOOST_AUTO_TEST_CASE(sort_without_a_key_is_an_error) {
  for (const auto& arguments : std::vector<std::vector<std::string>>{
           {"x.h5", "--sort", "-"}, {"x.h5", "--sort="}, {"x.h5", "--sort", "--desc"}}) {
    BOOST_CHECK_THROW(parse_show(arguments), CLI::ParseError);
  }
}

BOOST_AUTO_TEST_CASE(show_takes_several_files_and_a_format) {
  const nnsweep::ShowArguments parsed =
      parse_show({"a.h5", "b.h5", "--format", "json", "--sort", "-train.f1"});
  BOOST_TEST(parsed.results == (std::vector<std::string>{"a.h5", "b.h5"}));
  BOOST_TEST(parsed.format == "json");
  BOOST_TEST(parsed.rows == -1);  // each format's default
  BOOST_CHECK_THROW(parse_show({"a.h5", "--format", "xml"}), CLI::ParseError);
  const CliResult help = run_cli({"show", "--help"});
  BOOST_TEST(help.out.find("{\"file\": RESULTS, \"runs\": [{\"run\": 0") != std::string::npos,
             help.out);
}

BOOST_AUTO_TEST_CASE(show_help_explains_the_sort_direction) {
  const CliResult help = run_cli({"show", "--help"});
  BOOST_TEST(help.out.find("-KEY or --desc for descending") != std::string::npos, help.out);
  BOOST_TEST(help.out.find("--desc") != std::string::npos, help.out);
}

BOOST_AUTO_TEST_CASE(shell_quote_writes_what_shlex_quote_writes) {
  // Expected values from Python's shlex.quote.
  BOOST_TEST(nnsweep::shell_quote("run") == "run");
  BOOST_TEST(nnsweep::shell_quote("a@b%c+d=e:f,g./h_i-j") == "a@b%c+d=e:f,g./h_i-j");
  BOOST_TEST(nnsweep::shell_quote("") == "''");
  BOOST_TEST(nnsweep::shell_quote("it's") == "'it'\"'\"'s'");
  BOOST_TEST(nnsweep::shell_quote("a b") == "'a b'");
  BOOST_TEST(nnsweep::shell_quote("$HOME") == "'$HOME'");
  BOOST_TEST(nnsweep::shell_quote("model.hidden=[4]") == "'model.hidden=[4]'");
  BOOST_TEST(nnsweep::shell_quote("*") == "'*'");
  BOOST_TEST(nnsweep::shell_quote("~") == "'~'");
  BOOST_TEST(nnsweep::shell_quote("caf\xc3\xa9") == "'caf\xc3\xa9'");
  BOOST_TEST(nnsweep::shell_command_line({"nnsweep", "run", "", "it's"}) ==
             "nnsweep run '' 'it'\"'\"'s'");
}

BOOST_AUTO_TEST_SUITE_END()
