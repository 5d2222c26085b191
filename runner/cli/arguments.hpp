#pragma once
// The parts of nnsweep's command-line parsing that tests check without running
// the binary: the options of `show` and the command line recorded in results.
#include <string>
#include <vector>

#include "cli/commands.hpp"

namespace CLI {
class App;
}

namespace nnsweep {

// Adds RESULTS..., --sort, --desc, --group-by, --rows, --metrics and --format to `command`.
void add_show_options(CLI::App& command, ShowArguments& arguments);
// Adds --format FORMAT (table, csv, json or markdown) to `command`.
void add_format_option(CLI::App& command, std::string& format, const std::string& description);

// `argument` as Python's shlex.quote writes it, so that shlex.split gives it back.
std::string shell_quote(const std::string& argument);

// The arguments, each quoted, joined by spaces: the results file's command_line.
std::string shell_command_line(const std::vector<std::string>& arguments);

}  // namespace nnsweep
