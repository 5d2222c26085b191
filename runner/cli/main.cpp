// nnsweep: an experiment runner for small neural networks.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "version.hpp"

namespace {

void add_config_arguments(CLI::App& command, nnsweep::ConfigArguments& arguments) {
  command.add_option("CONFIG", arguments.config, "experiment YAML file")->required();
  command.add_option("--set", arguments.sets,
                     "override a config value before validation: KEY=VALUE with a dotted KEY "
                     "and a YAML VALUE (model.hidden=[4], optimizer.learning_rate=0.1)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"nnsweep: train sweeps of small neural networks from one YAML file"};
  app.set_version_flag("--version", std::string("nnsweep ") + nnsweep::kVersion);
  app.require_subcommand(1);

  nnsweep::RunArguments run;
  CLI::App* run_cmd = app.add_subcommand("run", "validate, expand the sweep, train every run");
  add_config_arguments(*run_cmd, run);
  run_cmd->add_option("--out", run.out, "results file (default: results/<name>.h5)");
  run_cmd->add_option("--threads", run.threads, "training threads (default: every core)")
      ->check(CLI::Range(1, 4096));
  run_cmd->add_flag("--quiet", run.quiet, "print nothing but errors");
  run_cmd->add_flag("--overwrite", run.overwrite,
                    "replace a results file that holds a different experiment");
  run_cmd->add_flag("--fresh", run.fresh, "recompute every run, even ones already stored");
  run_cmd->add_option("--share", run.share,
                      "run only share K of N (K/N, 1-based) of the plan, for nnsweep merge");
  run_cmd->add_option("--dataset-limit", run.dataset_limit,
                      "store each training set in the results file if it has at most this many "
                      "values (default 10000000); larger ones are described only")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{1} << 40));

  nnsweep::ConfigArguments validate;
  CLI::App* validate_cmd = app.add_subcommand("validate", "check a config and its sweep");
  add_config_arguments(*validate_cmd, validate);

  nnsweep::ConfigArguments plan;
  CLI::App* plan_cmd = app.add_subcommand("plan", "print the runs a sweep expands to");
  add_config_arguments(*plan_cmd, plan);

  std::string kind;
  CLI::App* plugins_cmd = app.add_subcommand("plugins", "list plugins and their parameters");
  plugins_cmd->add_option("KIND", kind,
                          "dataset, activation, initializer, loss or optimizer (default: all)");

  std::string dataset_name;
  std::vector<std::string> dataset_params;
  CLI::App* dataset_cmd =
      app.add_subcommand("dataset", "print a generated dataset as CSV (x0,x1,...,y)");
  dataset_cmd->add_option("NAME", dataset_name, "dataset plugin")->required();
  dataset_cmd->add_option("PARAMS", dataset_params, "KEY=VALUE parameters (n_samples=200)");

  nnsweep::ShowArguments show;
  CLI::App* show_cmd = app.add_subcommand("show", "print the comparison table of a results file");
  show_cmd->add_option("RESULTS", show.results, "results file")->required();
  show_cmd->add_option("--sort", show.sort, "sort rows by this column (default: final_cost)");
  show_cmd->add_option("--group-by", show.group_by,
                       "aggregate over the other swept keys, per value of KEY (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  show_cmd->add_option("--rows", show.rows, "rows to print (default 20; 0 = all)")
      ->check(CLI::Range(0, 100000000));

  std::string merge_output;
  std::vector<std::string> merge_parts;
  bool merge_overwrite = false;
  CLI::App* merge_cmd =
      app.add_subcommand("merge", "join the results files of one sweep's shares (run --share)");
  merge_cmd->add_option("OUTPUT", merge_output, "merged results file")->required();
  merge_cmd->add_option("PART", merge_parts, "results files of the shares")->required();
  merge_cmd->add_flag("--overwrite", merge_overwrite, "replace OUTPUT if it exists");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? nnsweep::kExitOk : nnsweep::kExitConfigError;
  }

  if (*run_cmd) {
    for (int i = 0; i < argc; ++i) {
      const std::string argument = argv[i];
      const bool plain = argument.find_first_of(" \t'\"$\\") == std::string::npos && !argument.empty();
      run.command_line += (i ? " " : "") + (plain ? argument : "'" + argument + "'");
    }
    return nnsweep::run_command(run);
  }
  if (*validate_cmd) return nnsweep::validate_command(validate);
  if (*plan_cmd) return nnsweep::plan_command(plan);
  if (*plugins_cmd) return nnsweep::plugins_command(kind);
  if (*dataset_cmd) return nnsweep::dataset_command(dataset_name, dataset_params);
  if (*show_cmd) return nnsweep::show_command(show);
  if (*merge_cmd) return nnsweep::merge_command(merge_output, merge_parts, merge_overwrite);
  return nnsweep::kExitConfigError;
}
