#include "cli/table.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <stdexcept>

#include "cli/table_metrics.hpp"
#include "cli/table_rows.hpp"
#include "cli/text_width.hpp"
#include "util/format.hpp"

namespace nnsweep {
namespace {

// Other names that --sort accepts for a printed header.
const std::map<std::string, std::string> kAliases = {
    {"iterations_run", "iterations"}, {"wall_time_s", "time_s"}, {"epochs_run", "epochs"}};

void print_rows(std::ostream& out, const Table& table, const std::vector<std::size_t>& order) {
  std::vector<std::size_t> width(table.headers.size());
  for (std::size_t c = 0; c < width.size(); ++c) {
    width[c] = display_width(table.headers[c]);
    for (std::size_t r : order) width[c] = std::max(width[c], display_width(table.shown[r][c]));
  }
  auto print = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c) line += "  ";
      line += row[c] + std::string(width[c] - display_width(row[c]), ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  };
  print(table.headers);
  for (std::size_t r : order) print(table.shown[r]);
}

// The sort key as written, without its direction and with old names made current.
struct SortKey {
  std::string key;  // "" = the default order
  bool descending = false, ascending = false;
};

SortKey parse_sort(const TableOptions& options) {
  SortKey sort{options.sort, options.descending, false};
  std::string& key = sort.key;
  if (!key.empty() && (key.front() == '-' || key.front() == '+')) {
    sort.descending = key.front() == '-';
    sort.ascending = key.front() == '+';
    key.erase(0, 1);
  }
  if (auto alias = kAliases.find(key); alias != kAliases.end()) key = alias->second;
  for (const char* stat : {"", "_mean", "_std", "_min"}) {
    const std::string suffix = stat;
    if (!key.ends_with(suffix)) continue;
    const std::string base = key.substr(0, key.size() - suffix.size());
    const std::string current = current_metric_name(base);
    if (current != base) {
      key = current + suffix;
      break;
    }
  }
  return sort;
}

// The metric a sort key names, if any ("test.cost_mean" -> "test.cost").
std::string metric_of(const std::string& key) {
  if (!is_metric_name(key)) return "";
  for (const char* stat : {"_mean", "_std", "_min"}) {
    if (key.ends_with(stat)) return key.substr(0, key.size() - std::string(stat).size());
  }
  return key;
}

std::vector<std::string> shown_metrics(const Results& results, const TableOptions& options,
                                       const SortKey& sort, bool grouped) {
  const std::vector<std::string> available = available_metrics(results);
  const auto check = [&](const std::string& name, const char* what) {
    if (std::find(available.begin(), available.end(), name) != available.end()) return;
    std::string names;
    for (const std::string& metric : available) names += (names.empty() ? "" : ", ") + metric;
    throw std::invalid_argument(std::string("cannot ") + what + " '" + name +
                                "': this file has the metrics " + names);
  };
  std::vector<std::string> metrics;
  for (const std::string& name : options.metrics) {
    metrics.push_back(current_metric_name(name));
    check(metrics.back(), "show");
  }
  if (metrics.empty()) metrics = headline_metrics(results, grouped);
  const std::string sorted = metric_of(sort.key);
  if (!sorted.empty() && std::find(metrics.begin(), metrics.end(), sorted) == metrics.end()) {
    check(sorted, "sort by");
    metrics.push_back(sorted);  // sorting by it shows it
  }
  return metrics;
}

struct SortOrder {
  std::vector<std::size_t> columns;  // compared in turn
  std::string label;                 // the column named in messages
  bool descending = false;
};

SortOrder sort_order(const Table& table, const SortKey& sort, const TableOptions& options,
                     const std::vector<std::string>& metrics, bool grouped) {
  std::string key = sort.key;
  SortOrder order;
  if (key.empty() && grouped) {
    for (std::size_t c = 0; c < options.group_by.size(); ++c) order.columns.push_back(c);
    order.descending = sort.descending;
    return order;
  }
  if (key.empty()) {
    // The test cost, else the training cost, else the first metric shown.
    const auto shown = [&](const char* name) {
      return std::find(metrics.begin(), metrics.end(), name) != metrics.end();
    };
    key = shown("test.cost") ? "test.cost" : shown("train.cost") ? "train.cost" : "run";
    if (key == "run" && !metrics.empty()) key = metrics.front();
  }
  if (grouped && key == metric_of(key)) key += "_mean";
  const auto found = std::find(table.headers.begin(), table.headers.end(), key);
  if (found == table.headers.end()) {
    std::string allowed;
    for (const std::string& header : table.headers)
      allowed += (allowed.empty() ? "" : ", ") + header;
    throw std::invalid_argument("cannot sort by '" + key + "': it is not a column of this table (" +
                                allowed + ")");
  }
  order.columns = {static_cast<std::size_t>(found - table.headers.begin())};
  order.label = key;
  // Without a direction, scores are best (highest) first, all else lowest first.
  order.descending = !sort.ascending && (sort.descending || is_score(key));
  return order;
}

// Missing values last, whichever the direction.
bool comes_before(const ColumnValue& a, const ColumnValue& b, bool descending) {
  if (!a || !b) return a.has_value() && !b.has_value();
  return descending ? column_less(b, a) : column_less(a, b);
}

std::string order_note(const SortOrder& order, std::size_t shown, std::size_t total,
                       bool explicit_sort) {
  if (order.label.empty()) return shown < total ? format(", first %zu shown", shown) : "";
  const bool best_first = is_score(order.label) == order.descending;
  const std::string direction = order.descending ? "highest first" : "lowest first";
  const std::string by = "sorted by " + order.label + ", " + direction;
  if (shown < total) {
    const char* which = !is_metric_name(order.label) ? "first" : best_first ? "best" : "worst";
    return format(", %s %zu shown (%s)", which, shown, by.c_str());
  }
  return explicit_sort ? " (" + by + ")" : "";
}

}  // namespace

SortedTable sorted_table(const Results& results, const TableOptions& options) {
  const bool grouped = !options.group_by.empty();
  const SortKey sort = parse_sort(options);
  const std::vector<std::string> metrics = shown_metrics(results, options, sort, grouped);
  SortedTable sorted;
  Table& table = sorted.table;
  table = grouped ? group_table(results, options.group_by, metrics) : run_table(results, metrics);
  const SortOrder order = sort_order(table, sort, options, metrics, grouped);
  std::vector<std::size_t>& rows = sorted.rows;
  rows.resize(table.shown.size());
  std::iota(rows.begin(), rows.end(), std::size_t{0});
  std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
    for (std::size_t c : order.columns) {
      const ColumnValue &x = table.sort_by[a][c], &y = table.sort_by[b][c];
      if (comes_before(x, y, order.descending)) return true;
      if (comes_before(y, x, order.descending)) return false;
    }
    return false;
  });
  const std::size_t total = rows.size();
  if (options.rows && options.rows < total) rows.resize(options.rows);
  const std::string note = order_note(order, rows.size(), total, !options.sort.empty());
  if (grouped) {
    sorted.footer = format("%zu runs in %zu groups%s", results.runs.size(), total, note.c_str());
  } else {
    sorted.footer = format("%zu runs%s", total, note.c_str());
  }
  return sorted;
}

void print_table(std::ostream& out, const Results& results, const TableOptions& options) {
  const SortedTable sorted = sorted_table(results, options);
  print_rows(out, sorted.table, sorted.rows);
  out << sorted.footer << "\n";
}

}  // namespace nnsweep
