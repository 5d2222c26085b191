#pragma once
// Loading an experiment file and the command line's --set overrides.
#include <string>
#include <vector>

#include "config/config_view.hpp"

namespace nnsweep {

struct ConfigDocument {
  std::string path;
  std::string text;  // the file as read
  YAML::Node root;
  OverrideMap overrides;  // from --set, applied before validation

  ConfigView view() const { return ConfigView::root(root, path, &overrides); }
  // The file name without folder and extension: the experiment's default name.
  std::string stem() const;
};

// The limits of an experiment file, each refused with a ConfigError: its size
// in bytes (checked before parsing: a 100 MB list took minutes to parse),
// and its YAML nodes and nesting depth, counted with aliases expanded (so an
// alias bomb is refused too). A --set value counts on its own.
constexpr std::size_t kMaxConfigBytes = 4 << 20;  // 4 MiB
constexpr std::size_t kMaxConfigNodes = 1000000;
constexpr std::size_t kMaxConfigDepth = 64;

// Reads and parses the file; malformed YAML, a file beyond the limits above
// and bad --set arguments throw ConfigError. Each `sets` entry is KEY=VALUE
// with a dotted KEY and a YAML VALUE.
ConfigDocument load_config(const std::string& path, const std::vector<std::string>& sets);
// The same for text already read (the fuzz harness, tests/fuzz), with `path`
// the name its errors give.
ConfigDocument parse_config(std::string text, const std::string& path,
                            const std::vector<std::string>& sets);

// A copy that shares no YAML node with `document`: the same text, parsed
// again, and deep copies of the overrides. Why: yaml-cpp is not safe for
// concurrent reads of one document (even a const lookup may allocate in the
// document's shared node memory), so each thread that reads a config needs
// its own copy. `document` must have come from load_config.
ConfigDocument independent_copy(const ConfigDocument& document);

// One KEY=VALUE argument as an override; throws ConfigError for a malformed one.
// Errors name "<source_prefix>KEY" as their file ("--set optimizer.learning_rate").
std::pair<std::string, Override> parse_set(const std::string& argument,
                                           const std::string& source_prefix = "--set ");

// Whether `key` is a dotted path of plain names ("optimizer.learning_rate").
bool is_dotted_key(const std::string& key);

}  // namespace nnsweep
