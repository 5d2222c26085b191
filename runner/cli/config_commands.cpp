// nnsweep validate / plan: everything up to training, nothing written.
#include <iostream>

#include "builtin.hpp"
#include "cli/exit_codes.hpp"
#include "cli/prepare.hpp"
#include "util/format.hpp"

namespace nnsweep {

std::unique_ptr<Prepared> prepare(const ConfigArguments& arguments) {
  auto prepared = std::make_unique<Prepared>();
  prepared->document = load_config(arguments.config, arguments.sets);
  prepared->plan = std::make_unique<Plan>(prepared->document);
  prepared->resolver =
      std::make_unique<PlanResolver>(prepared->document, *prepared->plan, builtin_registries());
  return prepared;
}

int report_config_error(const ConfigError& error) {
  std::cerr << error.what() << "\n";
  return kExitConfigError;
}

int validate_command(const ConfigArguments& arguments) {
  try {
    auto prepared = prepare(arguments);
    prepared->resolver->validate_all();
    const std::int64_t runs = prepared->plan->size();
    std::cout << arguments.config << ": ok, " << runs << (runs == 1 ? " run" : " runs") << "\n";
    return kExitOk;
  } catch (const ConfigError& error) {
    return report_config_error(error);
  }
}

int plan_command(const ConfigArguments& arguments) {
  try {
    auto prepared = prepare(arguments);
    // Validate everything first, so a bad value never leaves half a plan printed.
    prepared->resolver->validate_all();
    const auto& keys = prepared->resolver->summary_keys();
    std::string text;
    for (std::int64_t i = 0; i < prepared->plan->size(); ++i) {
      const PlannedRun run = prepared->resolver->resolve(i);
      text += format("run %lld:", (long long)i);
      for (std::size_t k = 0; k < keys.size(); ++k) text += " " + keys[k] + "=" + run.column_values[k];
      text += "\n";
      if (text.size() > (1 << 16)) {
        std::cout << text;
        text.clear();
      }
    }
    const std::int64_t runs = prepared->plan->size();
    std::cout << text << runs << (runs == 1 ? " run" : " runs") << "\n";
    return kExitOk;
  } catch (const ConfigError& error) {
    return report_config_error(error);
  }
}

}  // namespace nnsweep
