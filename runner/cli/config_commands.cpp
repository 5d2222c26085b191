// nnsweep validate / plan: everything up to training, nothing written.
#include <iostream>
#include <map>

#include "cli/exit_codes.hpp"
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

int plan_command(const ConfigArguments& arguments, const Registries& registries) {
  try {
    auto prepared = prepare(arguments, registries);
    const PlannedExperiment experiment =
        plan_experiment(prepared->document, *prepared->plan, *prepared->resolver);
    const auto& keys = experiment.summary_keys;
    std::map<std::int64_t, std::int64_t> repeats(experiment.duplicates.begin(),
                                                 experiment.duplicates.end());
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
    return kExitOk;
  } catch (const ConfigError& error) {
    return report_config_error(error);
  }
}

}  // namespace nnsweep
