#include "config/loader.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string_view>
#include <vector>

#include "util/format.hpp"
#include "util/utf8.hpp"

namespace nnsweep {
namespace {

SourceLocation at_mark(const std::string& source, const YAML::Mark& mark) {
  if (mark.is_null()) return SourceLocation{source, 1, 1};
  return SourceLocation{source, mark.line + 1, mark.column + 1};
}

// The last '[' or '{' still open at `end`: where an unclosed flow collection
// starts, which is where the user needs to look (yaml-cpp reports where it gave up).
std::optional<SourceLocation> unclosed_bracket(const std::string& text, std::size_t end,
                                               const std::string& source) {
  std::vector<std::pair<int, int>> open;  // line, column (0-based)
  int line = 0, column = 0;
  char quote = 0;
  bool comment = false;
  for (std::size_t i = 0; i < std::min(end, text.size()); ++i, ++column) {
    const char c = text[i];
    if (c == '\n') {
      line += 1;
      column = -1;
      comment = false;
      continue;
    }
    if (comment) continue;
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#' && (i == 0 || std::isspace(static_cast<unsigned char>(text[i - 1])))) {
      comment = true;
    } else if (c == '[' || c == '{') {
      open.emplace_back(line, column);
    } else if ((c == ']' || c == '}') && !open.empty()) {
      open.pop_back();
    }
  }
  if (open.empty()) return std::nullopt;
  return SourceLocation{source, open.back().first + 1, open.back().second + 1};
}

// Counts the nodes below `node` into `count`, aliases expanded, and throws
// at the first node beyond kMaxConfigNodes or kMaxConfigDepth.
void check_size(const YAML::Node& node, const std::string& source, std::size_t depth,
                std::size_t& count) {
  if (++count > kMaxConfigNodes) {
    throw ConfigError(at_mark(source, node.Mark()),
                      "the experiment has more than " + std::to_string(kMaxConfigNodes) +
                          " YAML values (aliases counted each time they are used)");
  }
  if (depth > kMaxConfigDepth) {
    throw ConfigError(
        at_mark(source, node.Mark()),
        "values nested more than " + std::to_string(kMaxConfigDepth) + " levels deep");
  }
  if (node.IsSequence()) {
    for (const YAML::Node& element : node) check_size(element, source, depth + 1, count);
  } else if (node.IsMap()) {
    for (const auto& entry : node) {
      check_size(entry.first, source, depth + 1, count);
      check_size(entry.second, source, depth + 1, count);
    }
  }
}

YAML::Node parse_yaml(const std::string& text, const std::string& source) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& error) {
    if (error.msg.find("flow not found") != std::string::npos) {
      if (auto start = unclosed_bracket(text, text.size(), source)) {
        throw ConfigError(*start, "malformed YAML: this bracket is never closed");
      }
    }
    throw ConfigError(at_mark(source, error.mark), "malformed YAML: " + error.msg);
  }
  std::size_t count = 0;
  check_size(root, source, 0, count);
  return root;
}

SourceLocation at_offset(const std::string& text, std::size_t offset, const std::string& source) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return SourceLocation{source, line, static_cast<int>(offset - line_start) + 1};
}

// A config is UTF-8 text: it is stored as such in every results file
// (/config), where h5py's asstr() and xarray decode it. Anything else is
// refused rather than stored altered.
void check_text(const std::string& text, const std::string& path) {
  const auto starts = [&](std::string_view prefix) { return text.rfind(prefix, 0) == 0; };
  if (starts("\xFF\xFE") || starts("\xFE\xFF") || starts(std::string_view("\0\0\xFE\xFF", 4))) {
    throw ConfigError(SourceLocation{path, 1, 1},
                      "the experiment file is UTF-16 or UTF-32 (it starts with a byte-order "
                      "mark); save it as UTF-8");
  }
  if (const auto nul = text.find('\0'); nul != std::string::npos) {
    throw ConfigError(at_offset(text, nul, path),
                      "a NUL byte: the experiment file must be UTF-8 text");
  }
  if (const auto bad = first_invalid_utf8(text)) {
    throw ConfigError(at_offset(text, *bad, path),
                      format("invalid UTF-8 (byte 0x%02X): the experiment file must be UTF-8 text",
                             static_cast<unsigned>(static_cast<unsigned char>(text[*bad]))));
  }
}

[[noreturn]] void refuse_size(const std::string& path) {
  throw ConfigError(SourceLocation{path, 1, 1},
                    "the experiment file is larger than " + std::to_string(kMaxConfigBytes >> 20) +
                        " MiB (" + std::to_string(kMaxConfigBytes) + " bytes), the limit");
}

// At most kMaxConfigBytes, read before any parsing.
std::string read_limited(std::istream& file, const std::string& path) {
  std::string text;
  char block[1 << 16];
  while (file.read(block, sizeof block) || file.gcount() > 0) {
    text.append(block, static_cast<std::size_t>(file.gcount()));
    if (text.size() > kMaxConfigBytes) refuse_size(path);
  }
  return text;
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

std::string ConfigDocument::stem() const {
  return std::filesystem::path(path).stem().string();
}

std::pair<std::string, Override> parse_set(const std::string& argument,
                                           const std::string& source_prefix) {
  const auto equals = argument.find('=');
  const std::string key = argument.substr(0, equals);
  const std::string source = source_prefix + key;
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
    throw ConfigError(SourceLocation{path, 1, 1},
                      "cannot read the experiment file: " + std::string(std::strerror(errno)));
  }
  if (std::filesystem::is_directory(path)) {
    throw ConfigError(SourceLocation{path, 1, 1}, "is a directory, not an experiment file");
  }
  return parse_config(read_limited(file, path), path, sets);
}

ConfigDocument parse_config(std::string text, const std::string& path,
                            const std::vector<std::string>& sets) {
  if (text.size() > kMaxConfigBytes) refuse_size(path);
  check_text(text, path);
  YAML::Node root = parse_yaml(text, path);
  ConfigDocument document{path, std::move(text), std::move(root), {}};
  if (!document.root.IsDefined() || document.root.IsNull()) {
    throw ConfigError(SourceLocation{path, 1, 1}, "the experiment file is empty");
  }
  for (const std::string& set : sets) {
    auto [key, override] = parse_set(set);
    document.overrides.insert_or_assign(key, std::move(override));
  }
  return document;
}

ConfigDocument independent_copy(const ConfigDocument& document) {
  ConfigDocument copy{document.path, document.text, parse_yaml(document.text, document.path), {}};
  for (const auto& [key, override] : document.overrides) {
    copy.overrides.emplace(key,
                           Override{YAML::Clone(override.value), override.source, override.mark});
  }
  return copy;
}

}  // namespace nnsweep
