#include "config/loader.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace nnsweep {
namespace {

SourceLocation at_mark(const std::string& source, const YAML::Mark& mark) {
  if (mark.is_null()) return SourceLocation{source, 1, 1};
  return SourceLocation{source, mark.line + 1, mark.column + 1};
}

YAML::Node parse_yaml(const std::string& text, const std::string& source) {
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& error) {
    throw ConfigError(at_mark(source, error.mark), "malformed YAML: " + error.msg);
  }
}

}  // namespace

bool is_dotted_key(const std::string& key) {
  if (key.empty() || key.front() == '.' || key.back() == '.') return false;
  char previous = '.';
  for (char c : key) {
    const bool word = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
    if (!word && c != '.') return false;
    if (c == '.' && previous == '.') return false;
    previous = c;
  }
  return true;
}

std::string ConfigDocument::stem() const { return std::filesystem::path(path).stem().string(); }

std::pair<std::string, Override> parse_set(const std::string& argument) {
  const auto equals = argument.find('=');
  const std::string key = argument.substr(0, equals);
  const std::string source = "--set " + key;
  if (equals == std::string::npos) {
    throw ConfigError(SourceLocation{source, 1, 1},
                      "expected KEY=VALUE, such as optimizer.learning_rate=0.1");
  }
  if (!is_dotted_key(key)) {
    throw ConfigError(SourceLocation{source, 1, 1},
                      "'" + key + "' is not a dotted key such as optimizer.learning_rate");
  }
  YAML::Node value = parse_yaml(argument.substr(equals + 1), source);
  YAML::Mark start;
  start.line = 0;
  start.column = 0;
  return {key, Override{value, source, start}};
}

ConfigDocument load_config(const std::string& path, const std::vector<std::string>& sets) {
  std::ifstream file(path);
  if (!file) {
    throw ConfigError(SourceLocation{path, 1, 1}, "cannot read the experiment file: " +
                                                      std::string(std::strerror(errno)));
  }
  std::ostringstream text;
  text << file.rdbuf();
  if (std::filesystem::is_directory(path)) {
    throw ConfigError(SourceLocation{path, 1, 1}, "is a directory, not an experiment file");
  }
  ConfigDocument document{path, parse_yaml(text.str(), path), {}};
  if (!document.root.IsDefined() || document.root.IsNull()) {
    throw ConfigError(SourceLocation{path, 1, 1}, "the experiment file is empty");
  }
  for (const std::string& set : sets) {
    auto [key, override] = parse_set(set);
    document.overrides.insert_or_assign(key, std::move(override));
  }
  return document;
}

}  // namespace nnsweep
