#include "store/columns.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace nnsweep {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The declared type shared by every present value: "boolean", "integer",
// "real", "string", "int_list"; integers mixed with reals are "real", any other
// mix is "string" (its values' text).
std::string common_type(const std::vector<ColumnValue>& values) {
  std::set<std::size_t> kinds;
  for (const ColumnValue& value : values) {
    if (value) kinds.insert(value->index());
  }
  const std::size_t integer = ParamValue(std::int64_t{0}).index();
  const std::size_t real = ParamValue(0.0).index();
  if (kinds.empty()) return "real";
  if (kinds == std::set<std::size_t>{integer, real}) return "real";
  if (kinds.size() > 1) return "string";
  // Indexed as ParamValue's alternatives.
  static const char* const kNames[] = {"boolean", "integer",  "real",
                                       "string",  "int_list", "string_list"};
  return kNames[*kinds.begin()];
}

std::vector<double> numbers(const std::vector<ColumnValue>& values) {
  std::vector<double> out;
  for (const ColumnValue& value : values) {
    const auto number = value ? number_value(*value) : std::nullopt;
    out.push_back(number ? *number : kNaN);
  }
  return out;
}

h5::Handle write_typed(hid_t group, const std::string& name, const std::string& type,
                       const std::vector<ColumnValue>& values) {
  const hsize_t n = values.size();
  const bool complete = std::all_of(values.begin(), values.end(),
                                    [](const ColumnValue& value) { return value.has_value(); });
  h5::Handle column;
  if (type == "integer" && complete) {
    std::vector<std::int64_t> integers;
    for (const ColumnValue& value : values) integers.push_back(std::get<std::int64_t>(*value));
    column = h5::write_int64s(group, name, {n}, integers.data());
  } else if (type == "boolean" && complete) {
    std::vector<std::uint8_t> flags;
    for (const ColumnValue& value : values) flags.push_back(std::get<bool>(*value) ? 1 : 0);
    column = h5::write_uint8s(group, name, {n}, flags.data());
  } else if (type == "integer" || type == "boolean" || type == "real") {
    const std::vector<double> reals = numbers(values);
    column = h5::write_doubles(group, name, {n}, reals.data());
  } else {
    std::vector<std::string> texts;
    for (const ColumnValue& value : values) texts.push_back(column_text(value));
    column = h5::write_strings(group, name, texts);
  }
  h5::write_attribute(column, "nnsweep_type", type);
  return column;
}

// The names of the numeric columns derived from a list key.
struct ListColumns {
  std::string depth, width, layer_prefix;
};
std::optional<ListColumns> list_columns(const std::string& key) {
  if (key == "model.hidden") return ListColumns{"model.depth", "model.width", "model.hidden_"};
  return std::nullopt;
}

void write_derived(hid_t group, const std::string& key, const std::vector<ColumnValue>& values,
                   std::vector<h5::Handle>& written) {
  const auto names = list_columns(key);
  if (!names) return;
  std::vector<ColumnValue> depth, width;
  std::size_t layers = 0;
  for (const ColumnValue& value : values) {
    const auto* list = value ? std::get_if<std::vector<std::int64_t>>(&*value) : nullptr;
    if (!list) {
      depth.emplace_back();
      width.emplace_back();
      continue;
    }
    layers = std::max(layers, list->size());
    depth.emplace_back(static_cast<std::int64_t>(list->size()));
    width.emplace_back(list->empty() ? std::int64_t{0}
                                     : *std::max_element(list->begin(), list->end()));
  }
  auto add = [&](const std::string& name, const std::string& type,
                 const std::vector<ColumnValue>& column) {
    written.push_back(write_typed(group, name, type, column));
    h5::write_attribute(written.back(), "derived_from", key);
  };
  add(names->depth, "integer", depth);
  add(names->width, "integer", width);
  for (std::size_t layer = 0; layer < layers; ++layer) {
    std::vector<ColumnValue> widths;
    for (const ColumnValue& value : values) {
      const auto* list = value ? std::get_if<std::vector<std::int64_t>>(&*value) : nullptr;
      if (list && layer < list->size()) {
        widths.emplace_back(static_cast<double>((*list)[layer]));
      } else {
        widths.emplace_back();
      }
    }
    add(names->layer_prefix + std::to_string(layer + 1), "real", widths);
  }
}

ColumnValue parse_list(const std::string& text) {
  if (text.size() < 2 || text.front() != '[' || text.back() != ']') return ParamValue(text);
  std::vector<std::int64_t> list;
  std::size_t at = 1;
  while (at < text.size() - 1) {
    std::size_t used = 0;
    try {
      list.push_back(std::stoll(text.substr(at), &used));
    } catch (const std::exception&) {
      return ParamValue(text);
    }
    at += used;
    while (at < text.size() - 1 && (text[at] == ',' || text[at] == ' ')) ++at;
  }
  return ParamValue(list);
}

}  // namespace

std::vector<h5::Handle> write_key_columns(hid_t group, const std::string& key,
                                          const std::vector<ColumnValue>& values) {
  std::vector<h5::Handle> written;
  written.push_back(write_typed(group, key, common_type(values), values));
  write_derived(group, key, values, written);
  return written;
}

std::vector<ColumnValue> read_key_column(hid_t group, const std::string& key) {
  h5::Handle dataset = h5::open_dataset(group, key);
  const std::string kind = h5::element_kind(dataset);
  const std::string type = h5::has_attribute(dataset, "nnsweep_type")
                               ? h5::read_string_attribute(dataset, "nnsweep_type")
                               : "";
  std::vector<ColumnValue> values;
  if (kind == "float64") {
    for (double value : h5::read_doubles(dataset)) {
      if (std::isnan(value)) {
        values.emplace_back();
      } else if (type == "integer") {
        values.emplace_back(static_cast<std::int64_t>(value));
      } else if (type == "boolean") {
        values.emplace_back(value != 0.0);
      } else {
        values.emplace_back(value);
      }
    }
  } else if (kind == "int64") {
    for (std::int64_t value : h5::read_int64s(dataset)) values.emplace_back(value);
  } else if (kind == "uint8") {
    for (std::int64_t value : h5::read_int64s(dataset)) values.emplace_back(value != 0);
  } else {
    for (std::string& text : h5::read_strings(dataset)) {
      if (text.empty()) {
        values.emplace_back();
      } else if (type == "int_list" || (type.empty() && text.front() == '[')) {
        values.push_back(parse_list(text));
      } else {
        values.emplace_back(std::move(text));
      }
    }
  }
  return values;
}

}  // namespace nnsweep
