// nnsweep: an experiment runner for small neural networks.
#include <malloc.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <new>

#include "builtin.hpp"
#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/mpi_run.hpp"
#include "cli/slurm_command.hpp"
#include "kernels/vector_math.hpp"
#include "version.hpp"

namespace {

// Every subcommand's arguments, filled in by parsing.
struct CommandLine {
  nnsweep::RunArguments run;
  nnsweep::ConfigArguments validate;
  nnsweep::ConfigArguments plan;
  std::string plan_format = "table";
  bool plan_count = false;
  std::string plugin_kind;
  std::string plugins_format = "table";
  std::vector<std::string> plugin_libraries;  // --plugin of plugins and dataset
  std::string dataset_name;
  std::vector<std::string> dataset_params;
  nnsweep::ShowArguments show;
  std::string merge_output;
  std::vector<std::string> merge_parts;
  bool merge_overwrite = false;
  nnsweep::SlurmArguments slurm;
  std::string report_results;
  std::string report_out;
  std::string help_topic;  // `nnsweep help COMMAND`; "" = the general help
};

void add_plugin_option(CLI::App& command, std::vector<std::string>& libraries) {
  command
      .add_option("--plugin", libraries,
                  "load plugins from this shared library (nnsweep/plugin.h); repeatable")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

void add_config_arguments(CLI::App& command, nnsweep::ConfigArguments& arguments) {
  command.add_option("CONFIG", arguments.config, "experiment YAML file")->required();
  command
      .add_option("--set", arguments.sets,
                  "override a config value before validation: KEY=VALUE with a dotted KEY "
                  "and a YAML VALUE (model.hidden=[4], optimizer.learning_rate=0.1)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  add_plugin_option(command, arguments.plugins);
}

void add_run_command(CLI::App& app, nnsweep::RunArguments& run) {
  CLI::App* command = app.add_subcommand("run", "validate, expand the sweep, train every run");
  add_config_arguments(*command, run);
  command->add_option("--out", run.out, "results file (default: results/<name>.h5)");
  command
      ->add_option("--threads", run.threads,
                   "threads that plan and train the runs (default: every core)")
      ->check(CLI::Range(1, 4096));
  command->add_flag("--quiet", run.quiet, "print nothing but errors");
  command->add_flag("--overwrite", run.overwrite,
                    "replace a results file that holds a different experiment");
  command->add_flag("--fresh", run.fresh, "recompute every run, even ones already stored");
  command->add_option("--share", run.share,
                      "run only share K of N (K/N, 1-based) of the plan, for nnsweep merge");
  command
      ->add_option("--dataset-limit", run.dataset_limit,
                   "store each training set in the results file if it has at most this many "
                   "values (default 10000000); larger ones are described only")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{1} << 40));
}

void add_config_commands(CLI::App& app, CommandLine& line) {
  add_config_arguments(*app.add_subcommand("validate", "check a config and its sweep"),
                       line.validate);
  CLI::App* plan = app.add_subcommand("plan", "print the runs a sweep expands to");
  add_config_arguments(*plan, line.plan);
  nnsweep::add_format_option(
      *plan, line.plan_format,
      "table (default: 'run N: KEY=VALUE ...' lines), csv, json or markdown: one row per sweep "
      "point with run, the swept keys and same_as (the run a repeated point shares); json is "
      "{\"config\": FILE, \"points\": N, \"runs\": [rows], \"distinct_runs\": R}");
  plan->add_flag("--count", line.plan_count,
                 "print only the number of sweep points (after validation), without resolving "
                 "every run: instant for plans of millions");
}

void add_plugins_command(CLI::App& app, CommandLine& line) {
  CLI::App* command = app.add_subcommand("plugins", "list plugins and their parameters");
  command->add_option("KIND", line.plugin_kind,
                      "dataset, activation, initializer, loss, optimizer or schedule (default: "
                      "all)");
  add_plugin_option(*command, line.plugin_libraries);
  nnsweep::add_format_option(
      *command, line.plugins_format,
      "table (default), csv or markdown (one row per parameter), or json: {\"plugins\": "
      "[{\"kind\", "
      "\"name\", \"summary\", \"traits\", \"params\": [{\"name\", \"type\", \"default\", "
      "\"required\", \"min\", \"min_exclusive\", \"max\", \"choices\", \"description\"}]}]}");
}

void add_schema_command(CLI::App& app, CommandLine& line) {
  CLI::App* command = app.add_subcommand(
      "schema",
      "print the JSON Schema of experiment files, for editors (yaml-language-server) and checks");
  add_plugin_option(*command, line.plugin_libraries);
}

void add_report_command(CLI::App& app, CommandLine& line) {
  CLI::App* command = app.add_subcommand(
      "report", "write an HTML report of a results file (python3 -m nnsweep.report)");
  command->add_option("RESULTS", line.report_results, "results file")->required();
  command->add_option("-o,--out", line.report_out,
                      "the HTML file to write (default: RESULTS with .html for .h5)");
}

void add_dataset_command(CLI::App& app, CommandLine& line) {
  CLI::App* command =
      app.add_subcommand("dataset", "print a generated dataset as CSV (x0,x1,...,y)");
  command->add_option("NAME", line.dataset_name, "dataset plugin")->required();
  command->add_option("PARAMS", line.dataset_params, "KEY=VALUE parameters (n_samples=200)");
  add_plugin_option(*command, line.plugin_libraries);
}

void add_merge_command(CLI::App& app, CommandLine& line) {
  CLI::App* command =
      app.add_subcommand("merge", "join the results files of one sweep's shares (run --share)");
  command->add_option("OUTPUT", line.merge_output, "merged results file")->required();
  command->add_option("PART", line.merge_parts, "results files of the shares")->required();
  command->add_flag("--overwrite", line.merge_overwrite, "replace OUTPUT if it exists");
}

void add_help_command(CLI::App& app, std::string& topic) {
  CLI::App* command = app.add_subcommand("help", "print this help, or the help of COMMAND");
  command->add_option("COMMAND", topic, "a command (default: print the general help)");
}

void add_commands(CLI::App& app, CommandLine& line) {
  add_run_command(app, line.run);
  add_config_commands(app, line);
  add_plugins_command(app, line);
  add_dataset_command(app, line);
  add_schema_command(app, line);
  add_report_command(app, line);
  nnsweep::add_show_options(
      *app.add_subcommand("show", "print the comparison table of results files"), line.show);
  add_merge_command(app, line);
  nnsweep::add_slurm_command(app, line.slurm);
  add_help_command(app, line.help_topic);
}

// `nnsweep help [COMMAND]`: the same text as `nnsweep [COMMAND] --help`.
int print_help(const CLI::App& app, const std::string& topic) {
  if (topic.empty()) {
    // Not app.help(): after parsing, that prints the help of `help` itself.
    std::cout << app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal);
    return nnsweep::kExitOk;
  }
  std::string names;
  for (const CLI::App* command : app.get_subcommands(nullptr)) {
    if (command->get_name() == topic) {
      std::cout << command->help(app.get_name());
      return nnsweep::kExitOk;
    }
    names += (names.empty() ? "" : ", ") + command->get_name();
  }
  std::cerr << "nnsweep: help: no command '" << topic << "'; the commands are " << names << "\n";
  return nnsweep::kExitConfigError;
}

// Runs the subcommand that was parsed, with the plugins of `registries`.
int dispatch(CLI::App& app, CommandLine& line, int argc, char** argv,
             const nnsweep::Registries& registries) {
  if (app.got_subcommand("run")) {
    line.run.command_line = nnsweep::shell_command_line({argv, argv + argc});
    return nnsweep::run_command(line.run, registries);
  }
  if (app.got_subcommand("validate")) return nnsweep::validate_command(line.validate, registries);
  if (app.got_subcommand("plan")) {
    return nnsweep::plan_command(line.plan, line.plan_format, line.plan_count, registries);
  }
  if (app.got_subcommand("plugins")) {
    return nnsweep::plugins_command(line.plugin_kind, line.plugin_libraries, line.plugins_format,
                                    registries);
  }
  if (app.got_subcommand("schema")) {
    return nnsweep::schema_command(line.plugin_libraries, registries);
  }
  if (app.got_subcommand("report")) {
    return nnsweep::report_command(line.report_results, line.report_out);
  }
  if (app.got_subcommand("dataset")) {
    return nnsweep::dataset_command(line.dataset_name, line.dataset_params, line.plugin_libraries,
                                    registries);
  }
  if (app.got_subcommand("show")) return nnsweep::show_command(line.show);
  if (app.got_subcommand("merge")) {
    return nnsweep::merge_command(line.merge_output, line.merge_parts, line.merge_overwrite);
  }
  if (app.got_subcommand("slurm")) return nnsweep::slurm_command(line.slurm, registries);
  if (app.got_subcommand("help")) return print_help(app, line.help_topic);
  return nnsweep::kExitConfigError;
}

}  // namespace

// The vector width line of --version, and the check of NNSWEEP_SIMD: the
// kernels ignore a bad value, the command line refuses it.
std::string simd_text() {
  namespace k = nnsweep::kernels;
  std::string supported;
  for (k::Width width : k::supported_widths()) {
    supported += (supported.empty() ? "" : ", ") + k::width_name(width);
  }
  return "vector math: " + k::width_name(k::active_width()) + " (this CPU: " + supported +
         "; NNSWEEP_SIMD chooses; every width computes the same bits)";
}

bool simd_variable_is_valid() {
  namespace k = nnsweep::kernels;
  const char* forced = std::getenv("NNSWEEP_SIMD");
  if (forced == nullptr) return true;
  const auto width = k::parse_width(forced);
  const auto supported = k::supported_widths();
  if (width && std::find(supported.begin(), supported.end(), *width) != supported.end()) {
    return true;
  }
  std::cerr << "nnsweep: NNSWEEP_SIMD=" << forced << " is not a width this CPU supports; "
            << simd_text().substr(std::string("vector math: ").size()) << "\n";
  return false;
}

namespace {

// Each H5Dwrite that converts types, as every write of strings does, allocates
// two 1 MiB buffers (conversion and background, the latter zeroed) and frees
// them after. With glibc's default thresholds the first pair is mmapped and
// every later pair grows the heap by 2 MiB that free() trims again, so each
// such write faulted in some 256 fresh pages: 4 to 5 ms of the 14 ms of CPU a
// one-iteration run took (issue 9). These are the thresholds glibc itself
// moves to once a 32 MiB block is freed (its ceiling for a 64-bit process):
// blocks under 32 MiB come from the heap, and up to 64 MiB freed at its top
// stays there for the next allocation.
void keep_freed_memory() {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

}  // namespace

int main(int argc, char** argv) {
  keep_freed_memory();
  if (!simd_variable_is_valid()) return nnsweep::kExitConfigError;
  CLI::App app{"nnsweep: train sweeps of small neural networks from one YAML file"};
  app.set_version_flag("--version", std::string("nnsweep ") + nnsweep::kVersion + "\n" +
                                        simd_text() + "\n" + nnsweep::mpi_build_text());
  app.require_subcommand(1);
  CommandLine line;
  add_commands(app, line);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? nnsweep::kExitOk : nnsweep::kExitConfigError;
  }
  // The built-in plugins, handed down to every command that uses one; each
  // adds those of its --plugin and plugins: libraries to a copy.
  nnsweep::Registries registries;
  nnsweep::register_builtin_plugins(registries);
  try {
    return dispatch(app, line, argc, argv, registries);
  } catch (const std::bad_alloc&) {
    // Anywhere (a dataset, a plan, a results file too large for the memory
    // left): a clear message and exit 1 rather than an abort. What was
    // finished is in the journal, and any results file is as it was.
    std::cerr << "nnsweep: out of memory\n";
    return nnsweep::kExitError;
  }
}
