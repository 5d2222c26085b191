// nnsweep validate / plan: everything up to training, nothing written.
#include <iostream>
#include <map>
#include <sstream>
#include <unordered_map>

#include "cli/exit_codes.hpp"
#include "cli/output_format.hpp"
#include "cli/prepare.hpp"
#include "session/planned_experiment.hpp"
#include "sweep/executor.hpp"
#include "sweep/parallel_resolver.hpp"
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

// The plan checked (every run of a small plan, a sample of a large one:
// sweep/validation.hpp), and the datasets of the runs checked made (a
// malformed CSV fails here, as it would before training).
int validate_command(const ConfigArguments& arguments, const Registries& registries) {
  try {
    auto prepared = prepare(arguments, registries);
    std::vector<PlannedRun> sampled;
    const PlannedExperiment experiment =
        plan_experiment(prepared->document, *prepared->plan, *prepared->resolver, 0, &sampled);
    std::vector<const PlannedRun*> runs;
    for (const PlannedRun& run : experiment.resolved.empty() ? sampled : experiment.resolved) {
      runs.push_back(&run);
    }
    (void)generate_datasets(runs, prepared->registries);
    const std::int64_t points = experiment.points;
    std::cout << arguments.config << ": ok, " << points << (points == 1 ? " run" : " runs");
    if (experiment.checked < points) {
      std::cout << " (" << experiment.checked
                << " checked: every value of every axis, and a sample of their crossings; any "
                   "other invalid run fails alone when it is run)";
    }
    std::cout << "\n";
    return kExitOk;
  } catch (const ConfigError& error) {
    return report_config_error(error);
  } catch (const DataError& error) {
    return report_data_error(error);
  }
}

namespace {

// The plan's points in order, resolved in windows, with the earlier point
// each repeats (or -1). Holds one window of runs and a number per distinct run.
class PointStream {
 public:
  explicit PointStream(const Prepared& prepared)
      : plan_(*prepared.plan),
        parallel_(prepared.document, *prepared.resolver, planning_threads(0, plan_.size())) {}

  // Calls visit(index, run, repeats) for every point; throws the first ConfigError.
  template <typename Visit>
  void each(Visit visit) {
    std::vector<std::int64_t> window;
    for (std::int64_t start = 0; start < plan_.size();) {
      window.clear();
      for (; start < plan_.size() && window.size() < kWindow; ++start) window.push_back(start);
      for (const ResolvedPoint& point : parallel_.resolve(window)) {
        if (point.error) throw *point.error;
        const auto [found, inserted] = first_of_.emplace(id_key(point.run->id), point.index);
        visit(point.index, *point.run, inserted ? -1 : found->second);
      }
    }
  }

 private:
  static constexpr std::size_t kWindow = 4096;
  const Plan& plan_;
  ParallelResolver parallel_;
  std::unordered_map<std::uint64_t, std::int64_t> first_of_;
};

// `run i: key=value ...` lines, and the run count (today's `nnsweep plan`).
void print_plan_lines(const Prepared& prepared, const std::vector<std::string>& keys) {
  std::string text;
  std::int64_t runs = 0;
  PointStream(prepared).each([&](std::int64_t i, const PlannedRun& run, std::int64_t repeats) {
    text += format("run %lld:", (long long)i);
    if (repeats >= 0) {
      text += format(" same as run %lld\n", (long long)repeats);
      return;
    }
    ++runs;
    for (std::size_t k = 0; k < keys.size(); ++k) {
      text += " " + keys[k] + "=" + column_text(run.columns[k]);
    }
    text += "\n";
    if (text.size() > (1 << 16)) {
      std::cout << text;
      text.clear();
    }
  });
  const std::int64_t points = prepared.plan->size();
  std::cout << text << runs << (runs == 1 ? " run" : " runs");
  if (runs != points) std::cout << " (" << points << " sweep points)";
  std::cout << "\n";
}

// One row per sweep point: run, each summary key, and same_as (the earlier
// point it repeats, whose run it shares; empty otherwise). JSON wraps the
// rows as {"config": FILE, "points": N, "runs": [rows], "distinct_runs": R}.
void write_plan_rows(const Prepared& prepared, const std::vector<std::string>& keys,
                     OutputFormat format, const std::string& config) {
  std::vector<std::string> headers{"run"};
  headers.insert(headers.end(), keys.begin(), keys.end());
  headers.push_back("same_as");
  std::ostringstream buffer;
  if (format == OutputFormat::json) {
    buffer << "{\"config\": " << nlohmann::json(config).dump()
           << ", \"points\": " << prepared.plan->size() << ", \"runs\": ";
  }
  RowWriter writer(buffer, format, headers);
  std::int64_t runs = 0;
  PointStream(prepared).each([&](std::int64_t i, const PlannedRun& run, std::int64_t repeats) {
    std::vector<ColumnValue> values{ParamValue(i)};
    if (repeats >= 0) {
      values.resize(headers.size());
      values.back() = ParamValue(repeats);
    } else {
      values.insert(values.end(), run.columns.begin(), run.columns.end());
      values.emplace_back(std::nullopt);
      ++runs;
    }
    std::vector<std::string> shown;
    for (const ColumnValue& value : values) shown.push_back(column_text(value));
    writer.row(shown, values);
    if (buffer.tellp() > (1 << 16)) {
      std::cout << buffer.str();
      buffer.str("");
    }
  });
  writer.finish();
  if (format == OutputFormat::json) buffer << ", \"distinct_runs\": " << runs << "}\n";
  std::cout << buffer.str();
}

// The plan's size alone: no run beyond validation's is resolved.
void print_count(const PlannedExperiment& experiment, OutputFormat format,
                 const std::string& config) {
  if (format == OutputFormat::json) {
    std::cout << "{\"config\": " << nlohmann::json(config).dump()
              << ", \"points\": " << experiment.points << "}\n";
  } else {
    std::cout << experiment.points << "\n";
  }
}

}  // namespace

int plan_command(const ConfigArguments& arguments, const std::string& format, bool count,
                 const Registries& registries) {
  try {
    const OutputFormat chosen = parse_format(format);
    auto prepared = prepare(arguments, registries);
    const PlannedExperiment experiment =
        plan_experiment(prepared->document, *prepared->plan, *prepared->resolver);
    if (count) {
      print_count(experiment, chosen, arguments.config);
    } else if (chosen == OutputFormat::table) {
      print_plan_lines(*prepared, experiment.summary_keys);
    } else {
      write_plan_rows(*prepared, experiment.summary_keys, chosen, arguments.config);
    }
    return kExitOk;
  } catch (const ConfigError& error) {
    return report_config_error(error);
  }
}

}  // namespace nnsweep
