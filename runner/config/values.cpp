#include "config/values.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>

#include "util/format.hpp"

namespace nnsweep {
namespace {

std::string shown(const ConfigView& view) {
  if (view.is_scalar() && view.is_quoted()) {
    return "the quoted string \"" + view.scalar() + "\" (quotes make any value a string)";
  }
  if (view.is_scalar()) return "'" + view.scalar() + "'";
  if (view.is_sequence()) return "a list";
  if (view.is_map()) return "a map";
  return "nothing";
}

bool parse_integer(const std::string& text, std::int64_t& value) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (begin != end && *begin == '+') ++begin;
  auto result = std::from_chars(begin, end, value);
  return result.ec == std::errc() && result.ptr == end;
}

bool parse_real(const std::string& text, double& value) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (begin != end && *begin == '+') ++begin;
  auto result = std::from_chars(begin, end, value);
  return result.ec == std::errc() && result.ptr == end;
}

void check_range(const ConfigView& view, const ParamSpec& spec, double value,
                 const std::string& owner) {
  const bool below = spec.min_exclusive ? !(value > spec.min) : value < spec.min;
  if (below || value > spec.max) {
    view.fail(spec.name + " of " + owner + " must be in " + range_text(spec) + ", got " +
              view.scalar());
  }
}

std::int64_t read_integer(const ConfigView& view, const ParamSpec& spec, const std::string& owner) {
  std::int64_t value = 0;
  if (!view.is_scalar() || view.is_quoted() || !parse_integer(view.scalar(), value)) {
    view.fail(spec.name + " of " + owner + " must be an integer, got " + shown(view));
  }
  check_range(view, spec, static_cast<double>(value), owner);
  return value;
}

double read_real(const ConfigView& view, const ParamSpec& spec, const std::string& owner) {
  double value = 0.0;
  if (!view.is_scalar() || view.is_quoted() || !parse_real(view.scalar(), value)) {
    view.fail(spec.name + " of " + owner + " must be a number, got " + shown(view));
  }
  if (!std::isfinite(value)) view.fail(spec.name + " of " + owner + " must be finite");
  check_range(view, spec, value, owner);
  return value;
}

bool read_boolean(const ConfigView& view, const ParamSpec& spec, const std::string& owner) {
  if (view.is_scalar() && !view.is_quoted()) {
    const std::string& text = view.scalar();
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
  }
  view.fail(spec.name + " of " + owner + " must be true or false, got " + shown(view));
}

std::string read_string(const ConfigView& view, const ParamSpec& spec, const std::string& owner) {
  if (!view.is_scalar()) {
    view.fail(spec.name + " of " + owner + " must be a string, got " + shown(view));
  }
  const std::string& text = view.scalar();
  if (!spec.choices.empty() &&
      std::find(spec.choices.begin(), spec.choices.end(), text) == spec.choices.end()) {
    std::string message = spec.name + " of " + owner + " must be one of " +
                          join_choices(spec.choices) + ", got " + shown(view);
    if (const std::string hint = did_you_mean(text, spec.choices); !hint.empty()) {
      message += "; " + hint;
    }
    view.fail(message);
  }
  return text;
}

// A path as written, made absolute against the config file's folder, and
// checked to name a readable regular file.
std::string read_path(const ConfigView& view, const ParamSpec& spec, const std::string& owner) {
  const std::string written = read_string(view, spec, owner);
  if (written.empty()) view.fail(spec.name + " of " + owner + " needs a file path");
  namespace fs = std::filesystem;
  fs::path path(written);
  std::error_code error;
  if (path.is_relative()) {
    const fs::path base =
        view.base_dir().empty() ? fs::current_path(error) : fs::path(view.base_dir());
    path = fs::absolute(base / path, error);
  }
  path = path.lexically_normal();
  const std::string resolved = path.string();
  const std::string where = resolved == written ? "" : " (resolved to " + resolved + ")";
  const fs::file_status status = fs::status(path, error);
  if (!fs::exists(status)) {
    view.fail(spec.name + " of " + owner + ": no file '" + written + "'" + where +
              "; relative paths start from the config file's folder");
  }
  if (!fs::is_regular_file(status)) {
    view.fail(spec.name + " of " + owner + ": '" + written + "'" + where +
              " is not a regular file");
  }
  return resolved;
}

std::vector<std::string> read_string_list(const ConfigView& view, const ParamSpec& spec,
                                          const std::string& owner) {
  // A single name stands for a one-element list, as an integer does for int lists.
  if (view.is_scalar()) return {read_string(view, spec, owner)};
  if (!view.is_sequence()) {
    view.fail(spec.name + " of " + owner + " must be a list of names, got " + shown(view));
  }
  std::vector<std::string> values;
  for (std::size_t i = 0; i < view.size(); ++i) {
    const ConfigView element = view.element(i);
    if (!element.is_scalar()) {
      element.fail(spec.name + " of " + owner + " must be a list of names, got " + shown(element));
    }
    values.push_back(element.scalar());
  }
  return values;
}

}  // namespace

ParamValue read_param(const ConfigView& view, const ParamSpec& spec, const std::string& owner) {
  if (view.has_overrides_below()) {
    // A sweep or --set key that reaches below a value, like model.hidden.size.
    const std::string below = view.keys().front();
    view.child(below)->fail(spec.name + " of " + owner + " is a single value; it has no key '" +
                            below + "'");
  }
  switch (spec.type) {
    case ParamType::boolean:
      return read_boolean(view, spec, owner);
    case ParamType::integer:
      return read_integer(view, spec, owner);
    case ParamType::real:
      return read_real(view, spec, owner);
    case ParamType::string:
      return spec.is_path ? read_path(view, spec, owner) : read_string(view, spec, owner);
    case ParamType::string_list:
      return read_string_list(view, spec, owner);
    case ParamType::int_list: {
      // A single integer stands for a one-element list, so sweeps can say [1, 2, 3].
      if (view.is_scalar()) return std::vector<std::int64_t>{read_integer(view, spec, owner)};
      if (!view.is_sequence()) {
        view.fail(spec.name + " of " + owner + " must be a list of integers, got " + shown(view));
      }
      std::vector<std::int64_t> values;
      for (std::size_t i = 0; i < view.size(); ++i) {
        values.push_back(read_integer(view.element(i), spec, owner));
      }
      return values;
    }
  }
  view.fail("unsupported parameter type");
}

std::vector<std::string> spec_names(const std::vector<ParamSpec>& specs) {
  std::vector<std::string> names;
  for (const ParamSpec& spec : specs) names.push_back(spec.name);
  return names;
}

Params read_section(const ConfigView& view, const std::vector<ParamSpec>& specs,
                    const std::string& owner) {
  if (!view.is_map() && !view.is_null()) {
    view.fail(owner + " must be a map of settings, got " + shown(view));
  }
  Params params = default_params(specs);
  const std::vector<std::string> names = spec_names(specs);
  for (const std::string& key : view.keys()) {
    auto spec =
        std::find_if(specs.begin(), specs.end(), [&](const ParamSpec& s) { return s.name == key; });
    if (spec == specs.end()) {
      std::string message = "unknown key '" + key + "' in " + owner;
      const std::string hint = did_you_mean(key, names);
      message += hint.empty() ? " (allowed: " + join_choices(names) + ")" : "; " + hint;
      view.fail_key(key, message);
    }
    params.set(key, read_param(*view.child(key), *spec, owner));
  }
  return params;
}

}  // namespace nnsweep
