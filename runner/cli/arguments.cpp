#include "cli/arguments.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <string_view>

namespace nnsweep {

namespace {

// CLI11 hands --sort the next argument even when it starts with '-', so
// `--sort -KEY` works; `--sort --desc` would then take "--desc" as the key.
std::string check_sort_key(const std::string& key) {
  if (key.empty() || key == "-") return "--sort needs a KEY (or -KEY for descending)";
  if (key.starts_with("--")) return "--sort needs a KEY, not the option " + key;
  return {};
}

}  // namespace

void add_format_option(CLI::App& command, std::string& format, const std::string& description) {
  command.add_option("--format", format, description)
      ->check(CLI::IsMember({"table", "csv", "json", "markdown"}))
      ->type_name("FORMAT");
}

void add_show_options(CLI::App& command, ShowArguments& arguments) {
  command
      .add_option("RESULTS", arguments.results,
                  "results files; several are compared in one table, with a column 'file'")
      ->required();
  command
      .add_option_function<std::string>(
          "--sort",
          [&arguments](const std::string& key) {
            const bool dash = key.starts_with('-');
            arguments.sort = dash ? key.substr(1) : key;
            if (dash) arguments.descending = true;
          },
          "sort by a column, a swept key or any metric (train.f1, test.r2); -KEY or --desc "
          "for descending; default: test.cost (train.cost without a test part) lowest first, "
          "scores such as accuracy highest first")
      ->type_name("KEY")
      ->check(CLI::Validator([](std::string& key) { return check_sort_key(key); }, "", "sort key"));
  command.add_flag("--desc", arguments.descending, "sort descending (the same as --sort -KEY)");
  command
      .add_option("--group-by", arguments.group_by,
                  "aggregate over the other swept keys, per value of KEY (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command
      .add_option("--rows", arguments.rows,
                  "rows to print (default: 20 for table and markdown, all for csv and json; "
                  "0 = all)")
      ->check(CLI::Range(0, 100000000));
  add_format_option(
      command, arguments.format,
      "table (default), csv, json or markdown. json is {\"file\": RESULTS, \"runs\": [{\"run\": "
      "0, SWEPT KEY: value, ..., METRIC: value, ..., \"iterations\": N, \"status\": \"ok\", "
      "\"time_s\": s}, ...]}, one object per row of the table (keys as its headers; every metric "
      "of the file unless --metrics), with several files {\"files\": [...], \"runs\": [...]} and "
      "a \"file\" key in each run; grouped, \"groups\" instead of \"runs\". Numbers round-trip, "
      "missing values and NaN are null. csv (RFC 4180) has the same columns, missing values and "
      "NaN empty");
  command
      .add_option("--metrics", arguments.metrics,
                  "metrics to show, such as train.cost,test.f1 (default: cost and accuracy, or "
                  "rmse and r2, of each part)")
      ->delimiter(',')
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

std::string shell_quote(const std::string& argument) {
  if (argument.empty()) return "''";
  // shlex.quote's safe set: ASCII letters and digits and @%+=:,./_-
  const auto safe = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("@%+=:,./_-").find(c) != std::string_view::npos;
  };
  if (std::all_of(argument.begin(), argument.end(), safe)) return argument;
  std::string quoted = "'";
  for (const char c : argument) quoted += c == '\'' ? std::string("'\"'\"'") : std::string(1, c);
  return quoted + "'";
}

std::string shell_command_line(const std::vector<std::string>& arguments) {
  std::string line;
  for (const std::string& argument : arguments) {
    line += (line.empty() ? "" : " ") + shell_quote(argument);
  }
  return line;
}

}  // namespace nnsweep
