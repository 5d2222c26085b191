// nnsweep show RESULTS.h5 [MORE.h5 ...]: the comparison table of results
// files, as text, CSV, JSON or Markdown.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <new>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output_format.hpp"
#include "cli/table.hpp"
#include "cli/table_metrics.hpp"

namespace nnsweep {
namespace {

// The column that names each run's file when several are compared. No swept
// key can take the name: those are config keys, and a config has no `file`.
constexpr const char* kFileColumn = "file";

// The runs of several files as the runs of one, with the file as their first
// column and every file's swept keys (a key one file did not sweep has no
// value in its runs). Each run keeps its index in its own file.
Results side_by_side(const std::vector<std::string>& paths, std::vector<Results>& files) {
  Results combined;
  combined.swept_keys = {kFileColumn};
  for (const Results& file : files) {
    for (const std::string& key : file.swept_keys) {
      const auto& keys = combined.swept_keys;
      if (std::find(keys.begin(), keys.end(), key) == keys.end())
        combined.swept_keys.push_back(key);
    }
  }
  for (std::size_t f = 0; f < files.size(); ++f) {
    for (RunRecord& run : files[f].runs) {
      std::vector<ColumnValue> columns{ParamValue(paths[f])};
      for (std::size_t k = 1; k < combined.swept_keys.size(); ++k) {
        const auto& own = files[f].swept_keys;
        const auto at = std::find(own.begin(), own.end(), combined.swept_keys[k]);
        columns.push_back(at == own.end()
                              ? std::nullopt
                              : run.columns[static_cast<std::size_t>(at - own.begin())]);
      }
      run.columns = std::move(columns);
      combined.runs.push_back(std::move(run));
    }
  }
  return combined;
}

void write_json(std::ostream& out, const std::vector<std::string>& paths, const SortedTable& sorted,
                bool grouped) {
  out << "{";
  if (paths.size() == 1) {
    out << "\"file\": " << nlohmann::json(paths.front()).dump();
  } else {
    out << "\"files\": " << nlohmann::json(paths).dump();
  }
  out << ", \"" << (grouped ? "groups" : "runs") << "\": ";
  RowWriter writer(out, OutputFormat::json, sorted.table.headers);
  for (std::size_t r : sorted.rows) writer.row(sorted.table.shown[r], sorted.table.sort_by[r]);
  writer.finish();
  out << "}\n";
}

void write_table(std::ostream& out, OutputFormat format, const std::vector<std::string>& paths,
                 const Results& results, const TableOptions& options) {
  if (format == OutputFormat::table) {
    print_table(out, results, options);
    return;
  }
  const SortedTable sorted = sorted_table(results, options);
  if (format == OutputFormat::json) {
    write_json(out, paths, sorted, !options.group_by.empty());
    return;
  }
  RowWriter writer(out, format, sorted.table.headers);
  for (std::size_t r : sorted.rows) writer.row(sorted.table.shown[r], sorted.table.sort_by[r]);
  writer.finish();
  if (format == OutputFormat::markdown) out << "\n" << sorted.footer << "\n";
}

}  // namespace

int show_command(const ShowArguments& arguments) {
  std::vector<Results> files;
  for (const std::string& path : arguments.results) {
    std::error_code error;
    if (!std::filesystem::exists(path, error)) {
      std::cerr << "nnsweep: " << path << " does not exist\n";
      return kExitConfigError;
    }
    try {
      files.push_back(read_results_file(path));
    } catch (const std::bad_alloc&) {
      throw;  // main() says "out of memory"
    } catch (const std::exception& error) {
      std::cerr << "nnsweep: " << error.what() << "\n";
      return kExitError;
    }
  }
  const OutputFormat format = parse_format(arguments.format);
  const bool for_programs = format == OutputFormat::csv || format == OutputFormat::json;
  const Results results =
      files.size() == 1 ? std::move(files.front()) : side_by_side(arguments.results, files);
  TableOptions options{
      arguments.sort, arguments.descending, arguments.group_by,
      static_cast<std::size_t>(arguments.rows < 0 ? (for_programs ? 0 : 20) : arguments.rows),
      arguments.metrics};
  // Programs get every metric the file has; people the headline ones.
  if (for_programs && options.metrics.empty()) options.metrics = available_metrics(results);
  try {
    write_table(std::cout, format, arguments.results, results, options);
  } catch (const std::invalid_argument& error) {
    std::cerr << "nnsweep: " << error.what() << "\n";
    return kExitConfigError;
  }
  return kExitOk;
}

}  // namespace nnsweep
