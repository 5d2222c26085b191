#include "store/columns.hpp"

#include <charconv>
#include <cmath>
#include <optional>

#include "registry/params.hpp"
#include "util/format.hpp"

namespace nnsweep {
namespace {

template <class T>
std::optional<std::vector<T>> parse_all(const std::vector<std::string>& texts) {
  std::vector<T> values;
  for (const std::string& text : texts) {
    T value{};
    const char* begin = text.data();
    const char* end = begin + text.size();
    if (begin != end && *begin == '+') ++begin;
    auto result = std::from_chars(begin, end, value);
    if (result.ec != std::errc() || result.ptr != end) return std::nullopt;
    values.push_back(value);
  }
  return values;
}

std::optional<std::vector<std::uint8_t>> parse_booleans(const std::vector<std::string>& texts) {
  std::vector<std::uint8_t> values;
  for (const std::string& text : texts) {
    if (text == "true" || text == "True" || text == "TRUE") {
      values.push_back(1);
    } else if (text == "false" || text == "False" || text == "FALSE") {
      values.push_back(0);
    } else {
      return std::nullopt;
    }
  }
  return values;
}

}  // namespace

h5::Handle write_column(hid_t group, const std::string& name,
                        const std::vector<std::string>& texts) {
  const hsize_t n = texts.size();
  if (!texts.empty()) {
    if (auto integers = parse_all<std::int64_t>(texts)) {
      return h5::write_int64s(group, name, {n}, integers->data());
    }
    if (auto reals = parse_all<double>(texts)) {
      return h5::write_doubles(group, name, {n}, reals->data());
    }
    // A swept key that does not apply to some runs (a parameter of another
    // optimizer, say) has no value there: NaN in an otherwise numeric column.
    std::vector<std::string> filled = texts;
    bool any_missing = false;
    for (std::string& text : filled) {
      if (text.empty()) {
        text = "nan";
        any_missing = true;
      }
    }
    if (any_missing && filled != texts) {
      if (auto reals = parse_all<double>(filled)) {
        return h5::write_doubles(group, name, {n}, reals->data());
      }
    }
    if (auto booleans = parse_booleans(texts)) {
      return h5::write_uint8s(group, name, {n}, booleans->data());
    }
  }
  return h5::write_strings(group, name, texts);
}

std::vector<std::string> read_column(hid_t group, const std::string& name) {
  h5::Handle dataset = h5::open_dataset(group, name);
  const std::string kind = h5::element_kind(dataset);
  std::vector<std::string> texts;
  if (kind == "float64") {
    for (double value : h5::read_doubles(dataset)) {
      texts.push_back(std::isnan(value) ? "" : value_text(ParamValue(value)));
    }
  } else if (kind == "int64") {
    for (std::int64_t value : h5::read_int64s(dataset)) texts.push_back(std::to_string(value));
  } else if (kind == "uint8") {
    for (std::int64_t value : h5::read_int64s(dataset)) texts.push_back(value ? "true" : "false");
  } else {
    texts = h5::read_strings(dataset);
  }
  return texts;
}

}  // namespace nnsweep
