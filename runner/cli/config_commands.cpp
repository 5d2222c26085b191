// nnsweep validate / plan: everything up to training, nothing written.
#include <iostream>
#include <map>
#include <sstream>

#include "cli/exit_codes.hpp"
#include "cli/output_format.hpp"
#include "cli/prepare.hpp"
#include "session/planned_experiment.hpp"
#include "sweep/executor.hpp"
#include "util/format.hpp"

namespace nnsweep {

std::unique_ptr<Prepared> prepare(const ConfigArguments& arguments, const Registries& registries) {
  auto prepared = std::make_unique<Prepared>();
  prepared->document = load_config(arguments.config, arguments.sets);
  // A copy: the libraries of one config must not leak into another's registries.
  prepared->registries = registries;
  prepared->libraries =
      load_plugin_libraries(arguments.plugins, &prepared->document, prepared->registries);
  prepared->plan = std::make_unique<Plan>(prepared->document);
  prepared->resolver =
      std::make_unique<PlanResolver>(prepared->document, *prepared->plan, prepared->registries);
  return prepared;
}

bool add_plugin_libraries(const std::vector<std::string>& libraries, Registries& registries) {
  try {
    (void)load_plugin_libraries(libraries, nullptr, registries);
  } catch (const ConfigError& error) {
    report_config_error(error);
    return false;
  }
  return true;
}

int report_config_error(const ConfigError& error) {
  std::cerr << error.what() << "\n";
  return kExitConfigError;
}

int report_data_error(const DataError& error) {
  if (error.file().empty()) {
    std::cerr << "nnsweep: cannot use the dataset: " << error.what() << "\n";
  } else {
    std::cerr << error.what() << "\n";
  }
  return kExitConfigError;
}

// Every run resolved, and every dataset made (a malformed CSV fails here, as
// it would before training).
int validate_command(const ConfigArguments& arguments, const Registries& registries) {
  try {
    auto prepared = prepare(arguments, registries);
    const PlannedExperiment experiment =
        plan_experiment(prepared->document, *prepared->plan, *prepared->resolver);
    std::vector<const PlannedRun*> runs;
    for (const PlannedRun& run : experiment.runs) runs.push_back(&run);
    (void)generate_datasets(runs, prepared->registries);
    const std::int64_t points = prepared->plan->size();
    std::cout << arguments.config << ": ok, " << points << (points == 1 ? " run" : " runs") << "\n";
    return kExitOk;
  } catch (const ConfigError& error) {
    return report_config_error(error);
  } catch (const DataError& error) {
    return report_data_error(error);
  }
}

namespace {

// `run i: key=value ...` lines, and the run count (today's `nnsweep plan`).
void print_plan_lines(const PlannedExperiment& experiment,
                      const std::map<std::int64_t, std::int64_t>& repeats) {
  const auto& keys = experiment.summary_keys;
  std::string text;
  auto run = experiment.runs.begin();
  for (std::int64_t i = 0; i < experiment.points; ++i) {
    text += format("run %lld:", (long long)i);
    if (auto repeat = repeats.find(i); repeat != repeats.end()) {
      text += format(" same as run %lld\n", (long long)repeat->second);
      continue;
    }
    for (std::size_t k = 0; k < keys.size(); ++k) {
      text += " " + keys[k] + "=" + column_text(run->columns[k]);
    }
    ++run;
    text += "\n";
    if (text.size() > (1 << 16)) {
      std::cout << text;
      text.clear();
    }
  }
  const auto runs = static_cast<std::int64_t>(experiment.runs.size());
  std::cout << text << runs << (runs == 1 ? " run" : " runs");
  if (runs != experiment.points) std::cout << " (" << experiment.points << " sweep points)";
  std::cout << "\n";
}

// One row per sweep point: run, each summary key, and same_as (the earlier
// point it repeats, whose run it shares; empty otherwise). JSON wraps the
// rows as {"config": FILE, "points": N, "distinct_runs": R, "runs": [rows]}.
void write_plan_rows(const PlannedExperiment& experiment,
                     const std::map<std::int64_t, std::int64_t>& repeats, OutputFormat format,
                     const std::string& config) {
  std::vector<std::string> headers{"run"};
  const auto& keys = experiment.summary_keys;
  headers.insert(headers.end(), keys.begin(), keys.end());
  headers.push_back("same_as");
  std::ostringstream buffer;
  if (format == OutputFormat::json) {
    buffer << "{\"config\": " << nlohmann::json(config).dump()
           << ", \"points\": " << experiment.points
           << ", \"distinct_runs\": " << experiment.runs.size() << ", \"runs\": ";
  }
  RowWriter writer(buffer, format, headers);
  auto run = experiment.runs.begin();
  for (std::int64_t i = 0; i < experiment.points; ++i) {
    std::vector<ColumnValue> values{ParamValue(i)};
    if (auto repeat = repeats.find(i); repeat != repeats.end()) {
      values.resize(headers.size());
      values.back() = ParamValue(repeat->second);
    } else {
      values.insert(values.end(), run->columns.begin(), run->columns.end());
      values.emplace_back(std::nullopt);
      ++run;
    }
    std::vector<std::string> shown;
    for (const ColumnValue& value : values) shown.push_back(column_text(value));
    writer.row(shown, values);
    if (buffer.tellp() > (1 << 16)) {
      std::cout << buffer.str();
      buffer.str("");
    }
  }
  writer.finish();
  if (format == OutputFormat::json) buffer << "}\n";
  std::cout << buffer.str();
}

}  // namespace

int plan_command(const ConfigArguments& arguments, const std::string& format,
                 const Registries& registries) {
  try {
    auto prepared = prepare(arguments, registries);
    const PlannedExperiment experiment =
        plan_experiment(prepared->document, *prepared->plan, *prepared->resolver);
    const std::map<std::int64_t, std::int64_t> repeats(experiment.duplicates.begin(),
                                                       experiment.duplicates.end());
    const OutputFormat chosen = parse_format(format);
    if (chosen == OutputFormat::table) {
      print_plan_lines(experiment, repeats);
    } else {
      write_plan_rows(experiment, repeats, chosen, arguments.config);
    }
    return kExitOk;
  } catch (const ConfigError& error) {
    return report_config_error(error);
  }
}

}  // namespace nnsweep
