#pragma once
// Class labels turned into the dataset contract's indices 0..K-1
// (registry/dataset.hpp), shared by the csv and hdf5 plugins so that the same
// labels mean the same classes in either file. The order is numpy.unique's
// (and so sklearn LabelEncoder's): integers numerically, text by bytes.
//
// Header-only so that the plugins' CMake list stays as it is; not a plugin.
#include <charconv>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nnsweep::datasets {

struct EncodedLabels {
  std::vector<double> indices;           // one per example, 0..K-1
  std::vector<std::string> class_names;  // the K classes in index order
};

// `text` without the spaces, tabs and line breaks around it.
inline std::string_view trimmed(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const std::size_t begin = text.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(kSpace) - begin + 1);
}

// The value of an integer label: digits with an optional sign, spaces around
// allowed. "3", "+3" and "03" are the same class; "3.0" is text, as it would
// be in a numpy string array.
inline std::optional<std::int64_t> integer_label(std::string_view text) {
  text = trimmed(text);
  if (text.size() > 1 && text.front() == '+' && text[1] != '-') text.remove_prefix(1);
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// Integer labels in numeric order, each class named by its decimal text.
inline EncodedLabels encode_integer_labels(const std::vector<std::int64_t>& labels) {
  std::map<std::int64_t, std::size_t> classes;
  for (std::int64_t label : labels) classes.emplace(label, 0);
  EncodedLabels encoded;
  for (auto& [label, index] : classes) {
    index = encoded.class_names.size();
    encoded.class_names.push_back(std::to_string(label));
  }
  encoded.indices.reserve(labels.size());
  for (std::int64_t label : labels) encoded.indices.push_back(double(classes.at(label)));
  return encoded;
}

// Labels as written in a file: integers when every one of them is an integer,
// otherwise all text, in byte order (std::string compares bytes as unsigned
// char, which for UTF-8 is code point order, as numpy sorts str).
inline EncodedLabels encode_labels(const std::vector<std::string>& labels) {
  std::vector<std::int64_t> integers;
  integers.reserve(labels.size());
  for (const std::string& label : labels) {
    const auto value = integer_label(label);
    if (!value) break;
    integers.push_back(*value);
  }
  if (integers.size() == labels.size()) return encode_integer_labels(integers);

  std::map<std::string, std::size_t> classes;
  for (const std::string& label : labels) classes.emplace(label, 0);
  EncodedLabels encoded;
  for (auto& [label, index] : classes) {
    index = encoded.class_names.size();
    encoded.class_names.push_back(label);
  }
  encoded.indices.reserve(labels.size());
  for (const std::string& label : labels) encoded.indices.push_back(double(classes.at(label)));
  return encoded;
}

}  // namespace nnsweep::datasets
