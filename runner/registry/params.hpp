#pragma once
// Plugin parameters: what a plugin declares (ParamSpec) and what it receives (Params).
//
// Every plugin lists its parameters with a type, a default, an allowed range and a
// one-line description. Config validation and `nnsweep plugins` both read these
// declarations, so a parameter exists exactly when it is declared.
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace nnsweep {

enum class ParamType { boolean, integer, real, string, int_list, string_list };

// Alternatives in ParamType's order; new types go at the end, since journals
// store the alternative's index.
using ParamValue = std::variant<bool, std::int64_t, double, std::string, std::vector<std::int64_t>,
                                std::vector<std::string>>;

struct ParamSpec {
  std::string name;
  ParamType type = ParamType::real;
  ParamValue default_value;
  // Inclusive bounds for integer and real values, and for every int_list element.
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  // When set, the value must be strictly greater than min (a learning rate > 0).
  bool min_exclusive = false;
  std::string description;
  // string: when not empty, the value must be one of these.
  std::vector<std::string> choices;
  // string: a file path. A relative path is resolved against the folder of the
  // config file, the value the plugin receives is the absolute path, and the
  // file's SHA-256 enters the run's identity (config/inputs.hpp), so a run on
  // an edited file is never taken for a finished one.
  bool is_path = false;
};

// Short builders that keep plugin declarations to one line each.
ParamSpec real_param(std::string name, double default_value, double min, double max,
                     std::string description, bool min_exclusive = false);
ParamSpec int_param(std::string name, std::int64_t default_value, std::int64_t min,
                    std::int64_t max, std::string description);
ParamSpec bool_param(std::string name, bool default_value, std::string description);
// The seed range of numpy's RandomState: 0 <= seed < 2^32.
ParamSpec seed_param(std::int64_t default_value, std::string description);
ParamSpec string_param(std::string name, std::string default_value, std::string description);
// A string that must be one of `choices` (the default among them).
ParamSpec choice_param(std::string name, std::string default_value,
                       std::vector<std::string> choices, std::string description);
// A required file path (no default: an empty value is an error).
ParamSpec path_param(std::string name, std::string description);
// A list of names; a single name stands for a one-element list.
ParamSpec string_list_param(std::string name, std::vector<std::string> default_value,
                            std::string description);

std::string type_name(ParamType type);
// "[0, inf)", "(0, 1]", "" when unbounded; what `nnsweep plugins` prints.
std::string range_text(const ParamSpec& spec);
// The value as YAML flow text: 0.01, true, [20, 20], tanh.
std::string value_text(const ParamValue& value);

// The value a run used for one summary column (a swept or --set key), typed as
// the parameter is declared. nullopt when the key does not apply to the run (a
// parameter of a plugin the run did not choose).
using ColumnValue = std::optional<ParamValue>;
// A boolean, integer or real value as a double (true = 1); nullopt otherwise.
std::optional<double> number_value(const ParamValue& value);
// As printed in tables: value_text, or "" when missing.
std::string column_text(const ColumnValue& value);
// Orders values as people expect: numbers numerically, lists element by
// element ([2] < [20] < [20, 20]), text alphabetically, missing values last.
bool column_less(const ColumnValue& a, const ColumnValue& b);

// The resolved parameters of one plugin instance: every declared name has a value.
class Params {
 public:
  void set(const std::string& name, ParamValue value) { values_[name] = std::move(value); }
  bool contains(const std::string& name) const { return values_.count(name) != 0; }

  double real(const std::string& name) const;
  std::int64_t integer(const std::string& name) const;
  bool boolean(const std::string& name) const;
  const std::string& string(const std::string& name) const;
  const std::vector<std::int64_t>& int_list(const std::string& name) const;
  const std::vector<std::string>& string_list(const std::string& name) const;

  const std::map<std::string, ParamValue>& values() const { return values_; }
  bool operator==(const Params&) const = default;

 private:
  const ParamValue& at(const std::string& name) const;
  std::map<std::string, ParamValue> values_;
};

// Params holding every declared default.
Params default_params(const std::vector<ParamSpec>& specs);

}  // namespace nnsweep
