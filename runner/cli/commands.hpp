#pragma once
// The subcommands of the nnsweep executable. Each returns the process exit code.
// Those that use plugins take the Registries that main() built.
#include <string>
#include <vector>

namespace nnsweep {

struct Registries;

struct ConfigArguments {
  std::string config;
  std::vector<std::string> sets;     // KEY=VALUE overrides
  std::vector<std::string> plugins;  // --plugin: shared libraries of plugins
};

struct RunArguments : ConfigArguments {
  std::string out;  // default: results/<name>.h5
  int threads = 0;  // 0 = every core
  bool quiet = false;
  bool overwrite = false;  // replace results of a different experiment
  bool fresh = false;      // recompute every run, even ones already stored
  std::string share;       // "K/N": run only this share of the plan, for `nnsweep merge`
  std::int64_t dataset_limit = 10000000;  // store training sets of at most this many values
  std::string command_line;               // recorded in the results file
};

int run_command(const RunArguments& arguments, const Registries& registries);
int validate_command(const ConfigArguments& arguments, const Registries& registries);
int plan_command(const ConfigArguments& arguments, const Registries& registries);
int plugins_command(const std::string& kind, const std::vector<std::string>& libraries,
                    const Registries& registries);
int dataset_command(const std::string& name, const std::vector<std::string>& assignments,
                    const std::vector<std::string>& libraries, const Registries& registries);

struct ShowArguments {
  std::string results;
  std::string sort;         // a printed column or swept key; "" = the default order
  bool descending = false;  // --desc, or a sort key written as -KEY
  std::vector<std::string> group_by;
  int rows = 20;
  std::vector<std::string> metrics;  // --metrics; empty = the headline ones
};
int show_command(const ShowArguments& arguments);
int merge_command(const std::string& output, const std::vector<std::string>& parts, bool overwrite);

}  // namespace nnsweep
