// nnsweep run / validate / plan.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <filesystem>
#include <iostream>

#include "builtin.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output_path.hpp"
#include "cli/progress.hpp"
#include "cli/table.hpp"
#include "sweep/executor.hpp"
#include "util/format.hpp"
#include "version.hpp"

namespace nnsweep {
namespace {

// A loaded, expanded and fully validated experiment.
struct Prepared {
  ConfigDocument document;
  std::unique_ptr<Plan> plan;
  std::unique_ptr<PlanResolver> resolver;
};

std::unique_ptr<Prepared> prepare(const ConfigArguments& arguments) {
  auto prepared = std::make_unique<Prepared>();
  prepared->document = load_config(arguments.config, arguments.sets);
  prepared->plan = std::make_unique<Plan>(prepared->document);
  prepared->resolver =
      std::make_unique<PlanResolver>(prepared->document, *prepared->plan, builtin_registries());
  return prepared;
}

std::vector<PlannedRun> resolve_all(const Prepared& prepared) {
  std::vector<PlannedRun> runs;
  runs.reserve(static_cast<std::size_t>(prepared.plan->size()));
  for (std::int64_t i = 0; i < prepared.plan->size(); ++i) {
    runs.push_back(prepared.resolver->resolve(i));
  }
  return runs;
}

int config_error(const ConfigError& error) {
  std::cerr << error.what() << "\n";
  return kExitConfigError;
}

std::string experiment_yaml(const ConfigDocument& document) {
  // The file as written, with the --set overrides it was run with noted, so the
  // file alone says how to reproduce the experiment.
  std::ifstream file(document.path);
  std::ostringstream text;
  text << file.rdbuf();
  std::string yaml = text.str();
  if (!document.overrides.empty()) {
    yaml += "\n# command-line overrides:\n";
    for (const auto& [key, value] : document.overrides) {
      yaml += "#   --set " + key + "=" + flow_text(value.value) + "\n";
    }
  }
  return yaml;
}


}  // namespace

int validate_command(const ConfigArguments& arguments) {
  try {
    auto prepared = prepare(arguments);
    prepared->resolver->validate_all();
    std::cout << arguments.config << ": ok, " << prepared->plan->size()
              << (prepared->plan->size() == 1 ? " run" : " runs") << "\n";
    return kExitOk;
  } catch (const ConfigError& error) {
    return config_error(error);
  }
}

int plan_command(const ConfigArguments& arguments) {
  try {
    auto prepared = prepare(arguments);
    const auto& keys = prepared->resolver->summary_keys();
    for (std::int64_t i = 0; i < prepared->plan->size(); ++i) {
      const PlannedRun run = prepared->resolver->resolve(i);
      std::string line = format("run %lld:", (long long)i);
      for (std::size_t k = 0; k < keys.size(); ++k) {
        line += " " + keys[k] + "=" + run.column_values[k];
      }
      std::cout << line << "\n";
    }
    std::cout << prepared->plan->size() << (prepared->plan->size() == 1 ? " run" : " runs")
              << "\n";
    return kExitOk;
  } catch (const ConfigError& error) {
    return config_error(error);
  }
}

int run_command(const RunArguments& arguments) {
  std::unique_ptr<Prepared> prepared;
  std::vector<PlannedRun> runs;
  try {
    prepared = prepare(arguments);
    runs = resolve_all(*prepared);
  } catch (const ConfigError& error) {
    return config_error(error);
  }
  const std::string out =
      arguments.out.empty() ? "results/" + runs.front().config.name + ".h5" : arguments.out;
  if (std::string problem = check_output_path(out, arguments.out.empty(), arguments.overwrite);
      !problem.empty()) {
    std::cerr << "nnsweep: " << problem << "\n";
    return kExitConfigError;
  }

  const bool single = runs.size() == 1;
  const Registries& registries = builtin_registries();
  Results results;
  results.experiment_yaml = experiment_yaml(prepared->document);
  results.swept_keys = prepared->resolver->summary_keys();
  results.runs.resize(runs.size());
  Progress progress(static_cast<std::int64_t>(runs.size()), 0, arguments.quiet || single);
  ExecutionOptions options;
  options.threads = arguments.threads;
  if (single && !arguments.quiet) {
    options.log = [](std::int64_t iteration, double cost) {
      std::printf("Cost after iteration %lld: %f\n", (long long)iteration, cost);
    };
  }
  options.on_finished = [&](RunRecord&& record) {
    progress.finished(record.result.status == RunStatus::ok ? record.result.final_cost : NAN);
    const auto index = static_cast<std::size_t>(record.index);
    results.runs[index] = std::move(record);
  };
  try {
    const DatasetCache datasets = generate_datasets(runs, registries);
    execute_runs(runs, datasets, registries, options);
    progress.done();
    publish_results_file(out, results, arguments.overwrite);
  } catch (const std::exception& error) {
    std::cerr << "nnsweep: " << error.what() << "\n";
    return kExitError;
  }

  std::size_t not_ok = 0;
  for (const RunRecord& run : results.runs) not_ok += run.result.status != RunStatus::ok;
  if (!arguments.quiet) {
    if (single) {
      const RunResult& result = results.runs.front().result;
      std::printf("%s: %s, final cost %.6f, train accuracy %.4f, %lld iterations in %.3f s -> %s\n",
                  runs.front().config.name.c_str(), status_name(result.status).c_str(),
                  result.final_cost, result.train_accuracy, (long long)result.iterations_run,
                  result.wall_time_s, out.c_str());
    } else {
      print_table(std::cout, results, TableOptions{});
      std::cout << "results: " << out << "\n";
    }
    std::cout.flush();
  }
  if (not_ok) {
    std::cerr << "nnsweep: " << not_ok << " of " << runs.size()
              << " runs diverged or failed (see the status column)\n";
    return kExitRunsFailed;
  }
  return kExitOk;
}

}  // namespace nnsweep
