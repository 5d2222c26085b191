// The nnsweep command line as a user sees it: the post's cost table, --quiet,
// --set, `plugins`, `--help`/`--version` and `dataset`.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "builtin_registries.hpp"
#include "cli.hpp"
#include "fixtures.hpp"

using namespace nnsweep::testing;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

const std::vector<std::string> kPostTable = {
    "Cost after iteration 0: 0.693127",    "Cost after iteration 1000: 0.671018",
    "Cost after iteration 2000: 0.442552", "Cost after iteration 3000: 0.354652",
    "Cost after iteration 4000: 0.329080", "Cost after iteration 5000: 0.320810",
    "Cost after iteration 6000: 0.317526", "Cost after iteration 7000: 0.315824",
    "Cost after iteration 8000: 0.314688", "Cost after iteration 9000: 0.313792"};

CliResult run_seed(const ScratchDir& scratch, std::vector<std::string> extra = {},
                   const std::string& file = "x.h5") {
  std::vector<std::string> args = {"run", source_path("configs/seed_moons.yaml").string(), "--out",
                                   (scratch.path() / file).string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_cli(args);
}

// `nnsweep plugins` output as kind heading ("optimizers") -> plugin -> parameter names.
using Listing = std::map<std::string, std::map<std::string, std::set<std::string>>>;
Listing parse_plugins(const std::string& text) {
  Listing listing;
  std::string kind, plugin;
  for (const std::string& line : lines_of(text)) {
    const auto indent = line.find_first_not_of(' ');
    if (indent == std::string::npos) continue;
    const std::string word = line.substr(indent, line.find_first_of(" :", indent) - indent);
    if (indent == 0) {
      kind = word;
      listing[kind];
    } else if (indent == 2) {
      plugin = word;
      listing[kind][plugin];
    } else if (line[indent] != '[') {  // "[...]" is the plugin's traits line
      listing[kind][plugin].insert(word);
    }
  }
  return listing;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli)

BOOST_AUTO_TEST_CASE(seed_run_prints_the_post_table) {
  ScratchDir scratch;
  const CliResult result = run_seed(scratch);
  BOOST_TEST(result.exit_code == 0, result.err);
  const auto lines = lines_of(result.out);
  BOOST_TEST_REQUIRE(lines.size() == 11u, result.out);
  for (std::size_t i = 0; i < kPostTable.size(); ++i) BOOST_TEST(lines[i] == kPostTable[i]);
  BOOST_TEST(std::regex_match(lines[10], std::regex("seed_moons: ok, final cost 0\\.3130\\d\\d, "
                                                    "train accuracy 0\\.\\d+, 10000 iterations "
                                                    "in .* s -> .*x\\.h5")),
             lines[10]);
  BOOST_TEST(result.err.empty(), result.err);
  BOOST_TEST(fs::exists(scratch.path() / "x.h5"));
}

BOOST_AUTO_TEST_CASE(quiet_prints_nothing) {
  ScratchDir scratch;
  const CliResult result = run_seed(scratch, {"--quiet"});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(result.out.empty(), result.out);
  BOOST_TEST(result.err.empty(), result.err);
  BOOST_TEST(fs::exists(scratch.path() / "x.h5"));
}

BOOST_AUTO_TEST_CASE(set_changes_the_learning_rate) {
  ScratchDir scratch;
  const CliResult result = run_seed(scratch, {"--set", "optimizer.learning_rate=0.1"});
  BOOST_TEST(result.exit_code == 0, result.err);
  const auto lines = lines_of(result.out);
  BOOST_TEST_REQUIRE(lines.size() == 11u, result.out);
  BOOST_TEST(lines[0] == "Cost after iteration 0: 0.693127");
  BOOST_TEST(lines[1] == "Cost after iteration 1000: 0.313033");
  const CliResult fewer =
      run_seed(scratch, {"--set", "train.iterations=2500", "--set", "train.log_every=500"}, "y.h5");
  BOOST_TEST(fewer.exit_code == 0, fewer.err);
  const auto few = lines_of(fewer.out);
  BOOST_TEST_REQUIRE(few.size() == 6u, fewer.out);
  BOOST_TEST(few[2] == "Cost after iteration 1000: 0.671018");
  BOOST_TEST(few[4] == "Cost after iteration 2000: 0.442552");
}

BOOST_AUTO_TEST_CASE(plugins_lists_every_plugin_and_parameter) {
  const CliResult result = run_cli({"plugins"});
  BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
  // Exactly what the registries declare, under each kind's plural heading.
  Listing expected;
  for (const nnsweep::RegistryBase* registry : nnsweep::builtin_registries().all()) {
    const std::string& kind = registry->kind();
    auto& plugins = expected[kind + (kind.back() == 's' ? "es" : "s")];
    for (const std::string& name : registry->names()) {
      for (const nnsweep::ParamSpec& spec : registry->describe(name)->params) {
        plugins[name].insert(spec.name);
      }
      plugins[name];
    }
  }
  BOOST_TEST(expected.at("datasets").at("moons").count("test_fraction") == 1u);
  const Listing listed = parse_plugins(result.out);
  for (const auto& [kind, plugins] : expected) {
    BOOST_TEST_CONTEXT("heading " << kind) {
      BOOST_TEST(listed.count(kind) == 1u, result.out);
      if (!listed.count(kind)) continue;
      for (const auto& [plugin, params] : plugins) {
        BOOST_TEST(listed.at(kind).count(plugin) == 1u, plugin);
        if (listed.at(kind).count(plugin)) BOOST_TEST(listed.at(kind).at(plugin) == params, plugin);
      }
    }
  }
  BOOST_TEST(listed.size() == expected.size(), result.out);
  // Each parameter shows its type and default.
  BOOST_TEST(result.out.find("learning_rate (float, default 0.01") != std::string::npos);
  BOOST_TEST(result.out.find("seed (int, default 0, in [0, 4294967295])") != std::string::npos);
  // Choices, paths and what pairs outputs with losses are shown too.
  BOOST_TEST(result.out.find("task (string, default classification, one of classification or "
                             "regression)") != std::string::npos);
  BOOST_TEST(result.out.find("path (path, required)") != std::string::npos);
  BOOST_TEST(result.out.find("[targets: one-hot classes, one output unit per class; needs "
                             "model.output: softmax]") != std::string::npos);
  BOOST_TEST(result.out.find("[each example's values sum to 1; output layer only]") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(plugins_of_one_kind) {
  const std::map<std::string, std::string> kinds = {{"dataset", "moons"},
                                                    {"activation", "tanh"},
                                                    {"initializer", "normal"},
                                                    {"loss", "binary_cross_entropy"},
                                                    {"optimizer", "adam"}};
  for (const auto& [kind, member] : kinds) {
    const CliResult result = run_cli({"plugins", kind});
    BOOST_TEST_CONTEXT("plugins " << kind << "\n" << result.out) {
      BOOST_TEST(result.exit_code == 0);
      BOOST_TEST(result.out.find(member) != std::string::npos);
      BOOST_TEST(parse_plugins(result.out).size() == 1u);
      for (const auto& [other, other_member] : kinds) {
        if (other != kind) BOOST_TEST(result.out.find(other_member) == std::string::npos);
      }
    }
  }
  const CliResult optimizers = run_cli({"plugins", "optimizer"});
  for (const char* name : {"gd", "momentum", "adam", "beta1", "epsilon"}) {
    BOOST_TEST(optimizers.out.find(name) != std::string::npos, name);
  }
}

BOOST_AUTO_TEST_CASE(plugins_of_an_unknown_kind) {
  const CliResult result = run_cli({"plugins", "optimiser"});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.out.empty(), result.out);
  BOOST_TEST(result.err.find("unknown plugin kind 'optimiser'") != std::string::npos, result.err);
  BOOST_TEST(result.err.find("did you mean 'optimizer'?") != std::string::npos, result.err);
  BOOST_TEST(run_cli({"plugins", "widget"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(help_and_version) {
  const CliResult top = run_cli({"--help"});
  BOOST_TEST(top.exit_code == 0);
  for (const std::string command : {"run", "validate", "plan", "plugins", "dataset", "show"}) {
    BOOST_TEST(top.out.find("  " + command + " ") != std::string::npos, command);
    const CliResult help = run_cli({command, "--help"});
    BOOST_TEST_CONTEXT(command << " --help\n" << help.out << help.err) {
      BOOST_TEST(help.exit_code == 0);
      BOOST_TEST(help.out.find("Usage:") != std::string::npos);
      BOOST_TEST(help.out.find(" " + command + " ") != std::string::npos);
    }
  }
  BOOST_TEST(run_cli({"run", "--help"}).out.find("--set") != std::string::npos);
  BOOST_TEST(run_cli({"run", "--help"}).out.find("--quiet") != std::string::npos);
  const CliResult version = run_cli({"--version"});
  BOOST_TEST(version.exit_code == 0);
  BOOST_TEST(std::regex_match(version.out,
                              std::regex("nnsweep \\d+\\.\\d+\\.\\d+\\S*\n"
                                         "vector math: [a-z0-9]+ \\(this CPU: scalar, sse2[^\n]*\n"
                                         "MPI: (no|[A-Za-z ]+ \\d+\\.\\d+[.\\d]*) \\([^\n]*\\)\n")),
             version.out);
}

BOOST_AUTO_TEST_CASE(bad_command_lines_exit_2) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {},
           {"frobnicate"},
           {"run"},
           {"validate"},
           {"dataset"},
           {"run", "x.yaml", "--bogus"},
           {"run", source_path("configs/seed_moons.yaml").string(), "--threads", "0"}}) {
    const CliResult result = run_cli(args);
    BOOST_TEST(result.exit_code == 2, (args.empty() ? "(none)" : args[0]) << ": " << result.err);
    BOOST_TEST(!result.err.empty());
  }
}

BOOST_AUTO_TEST_CASE(validate_and_plan) {
  const std::string sizes = source_path("configs/hidden_sizes.yaml").string();
  const CliResult validate = run_cli({"validate", sizes});
  BOOST_TEST(validate.exit_code == 0, validate.err);
  BOOST_TEST(validate.out == sizes + ": ok, 21 runs\n");
  const CliResult plan = run_cli({"plan", sizes});
  BOOST_TEST(plan.exit_code == 0, plan.err);
  const auto lines = lines_of(plan.out);
  BOOST_TEST_REQUIRE(lines.size() == 22u, plan.out);
  BOOST_TEST(lines[0] == "run 0: model.hidden=[1] model.init.seed=2");
  BOOST_TEST(lines[20] == "run 20: model.hidden=[50] model.init.seed=4");
  BOOST_TEST(lines[21] == "21 runs");
}

BOOST_AUTO_TEST_CASE(dataset_prints_the_post_data) {
  const CliResult result = run_cli({"dataset", "moons", "n_samples=200", "noise=0.2", "seed=0"});
  BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
  const auto lines = lines_of(result.out);
  BOOST_TEST_REQUIRE(lines.size() == 201u);
  BOOST_TEST(lines[0] == "x0,x1,y");
  // The rows equal np.random.seed(0); make_moons(200, noise=0.2) from the fixtures.
  const auto fixture = fixture_lines("moons.txt");
  const std::vector<std::string> header = {"case", "0", "200", "0.20000000000000001", "1"};
  auto start = std::find(fixture.begin(), fixture.end(), header);
  BOOST_TEST_REQUIRE((start != fixture.end()));
  for (std::size_t i = 1; i <= 200; ++i) {
    const auto& expected = *(start + static_cast<std::ptrdiff_t>(i));
    std::vector<std::string> fields;
    std::stringstream row(lines[i]);
    for (std::string field; std::getline(row, field, ',');) fields.push_back(field);
    BOOST_TEST_REQUIRE(fields.size() == 3u, lines[i]);
    BOOST_TEST(to_double(fields[0]) == to_double(expected[0]), "row " << i);
    BOOST_TEST(to_double(fields[1]) == to_double(expected[1]), "row " << i);
    BOOST_TEST(fields[2] == expected[2], "row " << i);
  }
}

BOOST_AUTO_TEST_CASE(bad_dataset_parameters_exit_2) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"n_samples=0"}, "must be in [1, "},         {{"n_samples=abc"}, "must be an integer"},
      {{"n_samples=2.5"}, "must be an integer"},    {{"noise=-1"}, "must be in [0, "},
      {{"seed=4294967296"}, "4294967295"},          {{"seed=-1"}, "must be in [0, "},
      {{"shuffle=maybe"}, "must be true or false"}, {{"nosie=0.1"}, "did you mean 'noise'?"},
      {{"n_samples"}, "expected KEY=VALUE"},        {{"n_samples=[1"}, "malformed YAML"}};
  for (const auto& [params, words] : cases) {
    std::vector<std::string> args = {"dataset", "moons"};
    args.insert(args.end(), params.begin(), params.end());
    const CliResult result = run_cli(args);
    BOOST_TEST_CONTEXT(params[0] << ": " << result.err) {
      BOOST_TEST(result.exit_code == 2);
      BOOST_TEST(result.out.empty());
      BOOST_TEST(result.err.find(words) != std::string::npos);
      const std::string key = params[0].substr(0, params[0].find('='));
      BOOST_TEST(result.err.rfind("argument " + key + ":1:", 0) == 0);
    }
  }
}

// An unknown dataset name is reported at a 1-based location, like every config error.
BOOST_AUTO_TEST_CASE(unknown_dataset_name_exits_2_with_a_one_based_location) {
  const CliResult result = run_cli({"dataset", "mons", "n_samples=5"});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.out.empty());
  BOOST_TEST(result.err.find("unknown dataset 'mons'; did you mean 'moons'?") != std::string::npos,
             result.err);
  BOOST_TEST(result.err.find(":0:") == std::string::npos, result.err);
  BOOST_TEST(std::regex_search(result.err, std::regex("^[^\n]*:[1-9]\\d*:[1-9]\\d*: ")),
             result.err);
}

BOOST_AUTO_TEST_SUITE_END()
