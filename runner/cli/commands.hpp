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
// `format`: table, csv, json or markdown (cli/output_format.hpp). `count`:
// only the number of sweep points, after validation (sweep/validation.hpp).
int plan_command(const ConfigArguments& arguments, const std::string& format, bool count,
                 const Registries& registries);
int plugins_command(const std::string& kind, const std::vector<std::string>& libraries,
                    const std::string& format, const Registries& registries);
// nnsweep schema: the JSON Schema of experiment files (registry/json_schema.hpp).
int schema_command(const std::vector<std::string>& libraries, const Registries& registries);
// nnsweep report RESULTS [-o OUT]: runs the Python package's report (cli/report_command.cpp).
int report_command(const std::string& results, const std::string& out);
int dataset_command(const std::string& name, const std::vector<std::string>& assignments,
                    const std::vector<std::string>& libraries, const Registries& registries);

struct ShowArguments {
  std::vector<std::string> results;  // one file, or several to compare
  std::string sort;                  // a printed column or swept key; "" = the default order
  bool descending = false;           // --desc, or a sort key written as -KEY
  std::vector<std::string> group_by;
  int rows = -1;  // -1: 20 for table and markdown, all for csv and json
  std::vector<std::string>
      metrics;                   // --metrics; empty = the headline ones (table), all (csv, json)
  std::string format = "table";  // table, csv, json or markdown (cli/output_format.hpp)
};
int show_command(const ShowArguments& arguments);
int merge_command(const std::string& output, const std::vector<std::string>& parts, bool overwrite);

}  // namespace nnsweep
