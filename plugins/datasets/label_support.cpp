#include "datasets/label_support.hpp"

#include <charconv>
#include <map>

namespace nnsweep::datasets {
namespace {

// Indices in the order of the map's keys: the map does the sorting, and
// numbering its entries in turn gives numpy.unique's order.
template <class Label, class Name>
EncodedLabels encode_sorted(const std::vector<Label>& labels, Name name) {
  std::map<Label, std::size_t> classes;
  for (const Label& label : labels) classes.emplace(label, 0);
  EncodedLabels encoded;
  for (auto& [label, index] : classes) {
    index = encoded.class_names.size();
    encoded.class_names.push_back(name(label));
  }
  encoded.indices.reserve(labels.size());
  for (const Label& label : labels) encoded.indices.push_back(double(classes.at(label)));
  return encoded;
}

}  // namespace

std::string_view trimmed(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const std::size_t begin = text.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(kSpace) - begin + 1);
}

std::optional<std::int64_t> integer_label(std::string_view text) {
  text = trimmed(text);
  // from_chars takes '-' but not '+'; "+-3" must stay text.
  if (text.size() > 1 && text.front() == '+' && text[1] != '-') text.remove_prefix(1);
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

EncodedLabels encode_integer_labels(const std::vector<std::int64_t>& labels) {
  return encode_sorted(labels, [](std::int64_t label) { return std::to_string(label); });
}

EncodedLabels encode_labels(const std::vector<std::string>& labels) {
  std::vector<std::int64_t> integers;
  integers.reserve(labels.size());
  for (const std::string& label : labels) {
    const auto value = integer_label(label);
    if (!value) break;
    integers.push_back(*value);
  }
  if (integers.size() == labels.size()) return encode_integer_labels(integers);
  return encode_sorted(labels, [](const std::string& label) { return label; });
}

void assign_classes(Dataset& data, EncodedLabels labels) {
  data.task = Task::classification;
  data.Y = Eigen::Map<const Eigen::MatrixXd>(labels.indices.data(), 1,
                                             static_cast<Eigen::Index>(labels.indices.size()));
  data.classes = static_cast<std::int64_t>(labels.class_names.size());
  data.class_names = std::move(labels.class_names);
}

}  // namespace nnsweep::datasets
