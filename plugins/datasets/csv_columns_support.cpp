#include "datasets/csv_columns_support.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>

#include "config/config_error.hpp"
#include "registry/dataset.hpp"

namespace nnsweep::datasets {
namespace {

// Digits only, and few enough that the value fits in any size_t; a longer
// number could not be a column anyway.
std::optional<std::size_t> column_index(const std::string& text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::stoul(text);
}

// The header's names for a message: all of them, or the first twelve of a wide file.
std::string listed(const std::vector<std::string>& names) {
  constexpr std::size_t kShown = 12;
  std::string text;
  for (std::size_t i = 0; i < names.size() && i < kShown; ++i) {
    text += (i ? ", " : "") + names[i];
  }
  if (names.size() > kShown) text += ", ... (" + std::to_string(names.size()) + " in all)";
  return text;
}

// Every fault of the planning is the header's (or first row's), so the
// finder holds that place for its messages.
class ColumnFinder {
 public:
  ColumnFinder(const std::string& path, std::int64_t line, const std::vector<std::string>& names,
               std::size_t width)
      : path_(path), line_(line), names_(names), width_(width) {}

  std::size_t find(const std::string& reference, const std::string& setting) const {
    const auto named = std::find(names_.begin(), names_.end(), reference);
    if (named != names_.end()) return static_cast<std::size_t>(named - names_.begin());
    if (const auto index = column_index(reference); index && *index < width_) return *index;
    const std::string last = std::to_string(width_ - 1);
    std::string message = setting + ": no column '" + reference + "'; ";
    if (names_.empty()) {
      message += "without a header (header: false) columns are the indices 0 to " + last;
    } else {
      message += "the columns are " + listed(names_) + " (or the indices 0 to " + last + ")";
      const std::string hint = column_index(reference) ? "" : did_you_mean(reference, names_);
      if (!hint.empty()) {
        message += "; " + hint;
      }
    }
    fail(message);
  }

  [[noreturn]] void fail(const std::string& message) const {
    throw DataError(path_, line_, message);
  }

 private:
  const std::string& path_;
  std::int64_t line_;
  const std::vector<std::string>& names_;
  std::size_t width_;
};

// A repeated name could be found only as its first column, so it is refused
// rather than silently shadowed.
void check_unique_names(const std::vector<std::string>& names, const ColumnFinder& finder) {
  std::map<std::string, std::size_t> first_column;
  for (std::size_t column = 0; column < names.size(); ++column) {
    const auto [seen, added] = first_column.emplace(names[column], column);
    if (!added) {
      finder.fail("column name '" + names[column] + "' appears twice (columns " +
                  std::to_string(seen->second) + " and " + std::to_string(column) + ")");
    }
  }
}

}  // namespace

std::string CsvColumns::describe(std::size_t column) const {
  return names.empty() ? "column " + std::to_string(column) : "column '" + names[column] + "'";
}

CsvColumns plan_columns(const std::string& path, const CsvRow& first, bool header,
                        const std::string& label, const std::vector<std::string>& features) {
  CsvColumns columns;
  columns.width = first.cells.size();
  if (header) {
    for (const CsvCell& cell : first.cells) columns.names.push_back(cell.text);
  }
  const ColumnFinder finder(path, first.line, columns.names, columns.width);
  check_unique_names(columns.names, finder);

  columns.label = label.empty() ? columns.width - 1 : finder.find(label, "label");
  for (const std::string& feature : features) {
    const std::size_t column = finder.find(feature, "features");
    if (column == columns.label) {
      finder.fail(columns.describe(column) + " is the label and cannot also be a feature" +
                  (label.empty() ? " (the label is the last column unless label: names one)" : ""));
    }
    if (std::find(columns.features.begin(), columns.features.end(), column) !=
        columns.features.end()) {
      finder.fail("features: " + columns.describe(column) + " is listed twice");
    }
    columns.features.push_back(column);
  }
  if (features.empty()) {
    for (std::size_t column = 0; column < columns.width; ++column) {
      if (column != columns.label) columns.features.push_back(column);
    }
  }
  if (columns.features.empty()) {
    finder.fail("no feature columns: the rows have only the label column, " +
                columns.describe(columns.label));
  }
  return columns;
}

}  // namespace nnsweep::datasets
