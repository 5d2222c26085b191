#pragma once
// The csv dataset plugin called directly on text written to a scratch file,
// for the csv parsing and error tests.
#include <boost/test/unit_test.hpp>

#include <map>
#include <string>
#include <vector>

#include "builtin_registries.hpp"
#include "cli.hpp"

namespace nnsweep::testing {

// Settings other than path, typed as the plugin declares them: "true"/"false"
// for header, a comma-separated list for features, text for the rest.
using CsvSettings = std::map<std::string, std::string>;

inline Params csv_params(const std::string& path, const CsvSettings& settings) {
  const auto* description = builtin_registries().datasets.describe("csv");
  Params params = default_params(description->params);
  params.set("path", path);
  for (const auto& [key, text] : settings) {
    if (key == "header") {
      params.set(key, text == "true");
    } else if (key == "features") {
      std::vector<std::string> names;
      for (std::size_t start = 0; start <= text.size();) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        names.push_back(text.substr(start, comma - start));
        start = comma + 1;
      }
      params.set(key, names);
    } else {
      params.set(key, text);
    }
  }
  return params;
}

// The dataset read from `text` written as data.csv in `scratch`.
inline Dataset read_csv(const ScratchDir& scratch, const std::string& text,
                        const CsvSettings& settings = {}) {
  const std::string path = scratch.write("data.csv", text).string();
  return builtin_registries().datasets.create("csv", csv_params(path, settings))->generate();
}

// The message of the DataError that reading `text` throws ("" when none is).
inline std::string csv_error(const ScratchDir& scratch, const std::string& text,
                             const CsvSettings& settings = {}) {
  try {
    (void)read_csv(scratch, text, settings);
  } catch (const DataError& error) {
    return error.what();
  }
  return "";
}

}  // namespace nnsweep::testing
