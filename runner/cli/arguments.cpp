#include "cli/arguments.hpp"

#include <CLI/CLI.hpp>

namespace nnsweep {

void add_show_options(CLI::App& command, ShowArguments& arguments) {
  command.add_option("RESULTS", arguments.results, "results file")->required();
  command.add_option("--sort", arguments.sort, "sort rows by this column (default: final_cost)");
  command.add_option("--group-by", arguments.group_by,
                     "aggregate over the other swept keys, per value of KEY (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command.add_option("--rows", arguments.rows, "rows to print (default 20; 0 = all)")
      ->check(CLI::Range(0, 100000000));
}

std::string shell_quote(const std::string& argument) {
  const bool plain = argument.find_first_of(" \t'\"$\\") == std::string::npos && !argument.empty();
  return plain ? argument : "'" + argument + "'";
}

std::string shell_command_line(const std::vector<std::string>& arguments) {
  std::string line;
  for (const std::string& argument : arguments) line += (line.empty() ? "" : " ") + shell_quote(argument);
  return line;
}

}  // namespace nnsweep
