// nnsweep dataset NAME [KEY=VALUE]...: a generated dataset as CSV on stdout.
#include <cstdio>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/prepare.hpp"
#include "config/loader.hpp"
#include "config/plugin_libraries.hpp"
#include "config/plugin_section.hpp"
#include "registry/registry.hpp"
#include "util/format.hpp"

namespace nnsweep {

int dataset_command(const std::string& name, const std::vector<std::string>& assignments,
                    const std::vector<std::string>& libraries, const Registries& builtin) {
  try {
    Registries registries = builtin;
    (void)load_plugin_libraries(libraries, nullptr, registries);
    // The arguments become a dataset section, validated like one in a config;
    // errors name the argument they come from.
    YAML::Mark start;
    start.line = start.column = 0;
    OverrideMap overrides;
    overrides["dataset.name"] = Override{YAML::Node(name), "dataset name", start};
    for (const std::string& assignment : assignments) {
      auto [key, value] = parse_set(assignment, "argument ");
      overrides.insert_or_assign("dataset." + key, value);
    }
    const YAML::Node root = YAML::Load("dataset: {}");
    const ConfigView view = ConfigView::root(root, "arguments", &overrides);
    const PluginChoice choice =
        read_plugin(view.child("dataset"), registries.datasets, "", view, "dataset");
    const Dataset data = registries.datasets.create(choice.name, choice.params)->generate();

    std::string header;
    for (Eigen::Index f = 0; f < data.X.rows(); ++f) header += format("x%ld,", (long)f);
    header += data.Y.rows() == 1 ? "y" : "";
    for (Eigen::Index o = 0; data.Y.rows() > 1 && o < data.Y.rows(); ++o) {
      header += format(o ? ",y%ld" : "y%ld", (long)o);
    }
    std::string text = header + "\n";
    for (Eigen::Index i = 0; i < data.X.cols(); ++i) {
      for (Eigen::Index f = 0; f < data.X.rows(); ++f) text += format_exact(data.X(f, i)) + ",";
      for (Eigen::Index o = 0; o < data.Y.rows(); ++o) {
        text += (o ? "," : "") + format_number(data.Y(o, i));
      }
      text += "\n";
    }
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kExitOk;
  } catch (const ConfigError& error) {
    std::cerr << error.what() << "\n";
    return kExitConfigError;
  } catch (const DataError& error) {
    // A malformed file, or parameters valid one by one but not together
    // (n_informative > n_features).
    return report_data_error(error);
  }
}

}  // namespace nnsweep
