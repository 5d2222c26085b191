#include "registry/params.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

#include "util/format.hpp"

namespace nnsweep {

ParamSpec real_param(std::string name, double default_value, double min, double max,
                     std::string description, bool min_exclusive) {
  return ParamSpec{std::move(name),
                   ParamType::real,
                   default_value,
                   min,
                   max,
                   min_exclusive,
                   std::move(description),
                   {},
                   false};
}

ParamSpec int_param(std::string name, std::int64_t default_value, std::int64_t min,
                    std::int64_t max, std::string description) {
  return ParamSpec{std::move(name),
                   ParamType::integer,
                   default_value,
                   static_cast<double>(min),
                   static_cast<double>(max),
                   false,
                   std::move(description),
                   {},
                   false};
}

ParamSpec bool_param(std::string name, bool default_value, std::string description) {
  ParamSpec spec;
  spec.name = std::move(name);
  spec.type = ParamType::boolean;
  spec.default_value = default_value;
  spec.description = std::move(description);
  return spec;
}

ParamSpec seed_param(std::int64_t default_value, std::string description) {
  return int_param("seed", default_value, 0, 4294967295LL, std::move(description));
}

ParamSpec string_param(std::string name, std::string default_value, std::string description) {
  ParamSpec spec;
  spec.name = std::move(name);
  spec.type = ParamType::string;
  spec.default_value = std::move(default_value);
  spec.description = std::move(description);
  return spec;
}

ParamSpec choice_param(std::string name, std::string default_value,
                       std::vector<std::string> choices, std::string description) {
  ParamSpec spec = string_param(std::move(name), std::move(default_value), std::move(description));
  spec.choices = std::move(choices);
  return spec;
}

ParamSpec path_param(std::string name, std::string description) {
  ParamSpec spec = string_param(std::move(name), "", std::move(description));
  spec.is_path = true;
  return spec;
}

ParamSpec string_list_param(std::string name, std::vector<std::string> default_value,
                            std::string description) {
  ParamSpec spec;
  spec.name = std::move(name);
  spec.type = ParamType::string_list;
  spec.default_value = std::move(default_value);
  spec.description = std::move(description);
  return spec;
}

std::string type_name(ParamType type) {
  switch (type) {
    case ParamType::boolean:
      return "bool";
    case ParamType::integer:
      return "int";
    case ParamType::real:
      return "float";
    case ParamType::string:
      return "string";
    case ParamType::int_list:
      return "list of int";
    case ParamType::string_list:
      return "list of string";
  }
  return "?";
}

std::string range_text(const ParamSpec& spec) {
  const bool has_min = std::isfinite(spec.min);
  const bool has_max = std::isfinite(spec.max);
  if (!has_min && !has_max) return "";
  std::ostringstream out;
  out << (has_min && !spec.min_exclusive ? "[" : "(");
  out << (has_min ? format_number(spec.min) : "-inf") << ", ";
  out << (has_max ? format_number(spec.max) : "inf");
  out << (has_max ? "]" : ")");
  return out.str();
}

std::string value_text(const ParamValue& value) {
  struct Visitor {
    std::string operator()(bool v) const { return v ? "true" : "false"; }
    std::string operator()(std::int64_t v) const { return std::to_string(v); }
    // Always with a '.' or an exponent, so that 1.0 stays a float when read back.
    std::string operator()(double v) const {
      std::string text = format_number(v);
      if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
      return text;
    }
    std::string operator()(const std::string& v) const { return v; }
    std::string operator()(const std::vector<std::int64_t>& v) const {
      std::string text = "[";
      for (std::size_t i = 0; i < v.size(); ++i) text += (i ? ", " : "") + std::to_string(v[i]);
      return text + "]";
    }
    std::string operator()(const std::vector<std::string>& v) const {
      std::string text = "[";
      for (std::size_t i = 0; i < v.size(); ++i) text += (i ? ", " : "") + v[i];
      return text + "]";
    }
  };
  return std::visit(Visitor{}, value);
}

const ParamValue& Params::at(const std::string& name) const {
  auto found = values_.find(name);
  if (found == values_.end()) throw std::logic_error("undeclared plugin parameter: " + name);
  return found->second;
}

double Params::real(const std::string& name) const {
  return std::get<double>(at(name));
}
std::int64_t Params::integer(const std::string& name) const {
  return std::get<std::int64_t>(at(name));
}
bool Params::boolean(const std::string& name) const {
  return std::get<bool>(at(name));
}
const std::string& Params::string(const std::string& name) const {
  return std::get<std::string>(at(name));
}
const std::vector<std::int64_t>& Params::int_list(const std::string& name) const {
  return std::get<std::vector<std::int64_t>>(at(name));
}
const std::vector<std::string>& Params::string_list(const std::string& name) const {
  return std::get<std::vector<std::string>>(at(name));
}

Params default_params(const std::vector<ParamSpec>& specs) {
  Params params;
  for (const ParamSpec& spec : specs) params.set(spec.name, spec.default_value);
  return params;
}

std::string column_text(const ColumnValue& value) {
  return value ? value_text(*value) : "";
}

std::optional<double> number_value(const ParamValue& value) {
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return static_cast<double>(*integer);
  if (const auto* real = std::get_if<double>(&value)) return *real;
  if (const auto* boolean = std::get_if<bool>(&value)) return *boolean ? 1.0 : 0.0;
  return std::nullopt;
}

bool column_less(const ColumnValue& a, const ColumnValue& b) {
  if (!a || !b) return a.has_value() && !b.has_value();
  const auto x = number_value(*a), y = number_value(*b);
  if (x && y) {
    if (std::isnan(*x) || std::isnan(*y)) return !std::isnan(*x) && std::isnan(*y);
    return *x < *y;
  }
  if (x || y) return x.has_value();  // numbers before text
  const auto* list_a = std::get_if<std::vector<std::int64_t>>(&*a);
  const auto* list_b = std::get_if<std::vector<std::int64_t>>(&*b);
  if (list_a && list_b) return *list_a < *list_b;
  if (list_a || list_b) return list_a != nullptr;
  return value_text(*a) < value_text(*b);
}

}  // namespace nnsweep
