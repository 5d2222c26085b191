#include "cli/table.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <stdexcept>

#include "util/format.hpp"

namespace nnsweep {
namespace {

// A table before printing: what each cell shows, and what it sorts by.
struct Table {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> shown;
  std::vector<std::vector<ColumnValue>> sort_by;
};

// Other names that --sort accepts for a printed header.
const std::map<std::string, std::string> kAliases = {{"iterations_run", "iterations"},
                                                     {"wall_time_s", "time_s"}};

bool is_accuracy(const std::string& header) {
  return header.find("accuracy") != std::string::npos;
}
bool is_metric(const std::string& header) {
  return header.find("cost") != std::string::npos || is_accuracy(header);
}

ColumnValue number_cell(double value) {
  if (std::isnan(value)) return std::nullopt;
  return ParamValue(value);
}

std::string fixed(double value, int digits) {
  return std::isfinite(value) ? format("%.*f", digits, value) : "nan";
}

void print_rows(std::ostream& out, const Table& table, const std::vector<std::size_t>& order) {
  std::vector<std::size_t> width(table.headers.size());
  for (std::size_t c = 0; c < width.size(); ++c) {
    width[c] = table.headers[c].size();
    for (std::size_t r : order) width[c] = std::max(width[c], table.shown[r][c].size());
  }
  auto print = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c) line += "  ";
      line += row[c] + std::string(width[c] - row[c].size(), ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  };
  print(table.headers);
  for (std::size_t r : order) print(table.shown[r]);
}

// Whether any run was tested on a held-out part: then the tables show it.
bool has_test_part(const Results& results) {
  return std::any_of(results.runs.begin(), results.runs.end(),
                     [](const RunRecord& run) { return !std::isnan(run.result.test_accuracy); });
}

Table run_table(const Results& results) {
  Table table;
  const bool tested = has_test_part(results);
  table.headers = {"run"};
  for (const std::string& key : results.swept_keys) table.headers.push_back(key);
  for (const char* name : {"final_cost", "train_accuracy"}) table.headers.push_back(name);
  if (tested) table.headers.insert(table.headers.end(), {"test_cost", "test_accuracy"});
  for (const char* name : {"iterations", "status", "time_s"}) table.headers.push_back(name);
  for (const RunRecord& run : results.runs) {
    const RunResult& result = run.result;
    std::vector<std::string> shown{std::to_string(run.index)};
    std::vector<ColumnValue> sort_by{ParamValue(run.index)};
    for (const ColumnValue& value : run.columns) {
      shown.push_back(column_text(value));
      sort_by.push_back(value);
    }
    shown.insert(shown.end(), {fixed(result.final_cost, 6), fixed(result.train_accuracy, 4)});
    sort_by.insert(sort_by.end(),
                   {number_cell(result.final_cost), number_cell(result.train_accuracy)});
    if (tested) {
      shown.insert(shown.end(), {fixed(result.test_cost, 6), fixed(result.test_accuracy, 4)});
      sort_by.insert(sort_by.end(),
                     {number_cell(result.test_cost), number_cell(result.test_accuracy)});
    }
    shown.insert(shown.end(), {std::to_string(result.iterations_run), status_name(result.status),
                               fixed(result.wall_time_s, 3)});
    sort_by.insert(sort_by.end(),
                   {ParamValue(result.iterations_run), ParamValue(status_name(result.status)),
                    number_cell(result.wall_time_s)});
    table.shown.push_back(std::move(shown));
    table.sort_by.push_back(std::move(sort_by));
  }
  return table;
}

struct Stats {
  double mean = NAN, std = NAN, min = NAN;
};

Stats stats_of(const std::vector<double>& all) {
  std::vector<double> values;
  std::copy_if(all.begin(), all.end(), std::back_inserter(values),
               [](double v) { return std::isfinite(v); });
  Stats stats;
  if (values.empty()) return stats;
  const double n = static_cast<double>(values.size());
  stats.mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
  stats.min = *std::min_element(values.begin(), values.end());
  if (values.size() > 1) {
    double squares = 0.0;
    for (double v : values) squares += (v - stats.mean) * (v - stats.mean);
    stats.std = std::sqrt(squares / (n - 1.0));
  }
  return stats;
}

// The value of a group key for a run: a swept key's column, or its status.
ColumnValue group_value(const Results& results, const RunRecord& run, const std::string& key) {
  if (key == "status") return ParamValue(status_name(run.result.status));
  const auto at = std::find(results.swept_keys.begin(), results.swept_keys.end(), key);
  return run.columns[static_cast<std::size_t>(at - results.swept_keys.begin())];
}

void check_group_keys(const Results& results, const std::vector<std::string>& keys) {
  for (const std::string& key : keys) {
    if (key == "status" || std::find(results.swept_keys.begin(), results.swept_keys.end(), key) !=
                               results.swept_keys.end()) {
      continue;
    }
    std::string allowed;
    for (const std::string& swept : results.swept_keys) allowed += swept + ", ";
    throw std::invalid_argument("cannot group by '" + key +
                                "': --group-by takes a swept key or status (" + allowed +
                                "status)");
  }
}

Table group_table(const Results& results, const std::vector<std::string>& keys) {
  check_group_keys(results, keys);
  std::vector<std::vector<ColumnValue>> values;  // in first-appearance order
  std::map<std::vector<std::string>, std::size_t> group_of;
  std::vector<std::vector<const RunRecord*>> members;
  for (const RunRecord& run : results.runs) {
    std::vector<ColumnValue> value;
    std::vector<std::string> text;
    for (const std::string& key : keys) {
      value.push_back(group_value(results, run, key));
      text.push_back(column_text(value.back()));
    }
    const auto [found, added] = group_of.emplace(text, values.size());
    if (added) {
      values.push_back(value);
      members.emplace_back();
    }
    members[found->second].push_back(&run);
  }
  Table table;
  // The metrics summarised per group: the test accuracy too when there is one.
  std::vector<std::pair<std::string, double RunResult::*>> metrics = {
      {"final_cost", &RunResult::final_cost}, {"train_accuracy", &RunResult::train_accuracy}};
  if (has_test_part(results)) metrics.emplace_back("test_accuracy", &RunResult::test_accuracy);
  table.headers = keys;
  table.headers.push_back("runs");
  for (const auto& [name, member] : metrics) {
    for (const char* stat : {"mean", "std", "min"}) {
      table.headers.push_back(format("%s_%s", name.c_str(), stat));
    }
  }
  table.headers.push_back("not_ok");
  for (std::size_t g = 0; g < values.size(); ++g) {
    std::vector<std::string> shown;
    for (const ColumnValue& value : values[g]) shown.push_back(column_text(value));
    std::vector<ColumnValue> sort_by = values[g];
    const auto& runs = members[g];
    shown.push_back(std::to_string(runs.size()));
    sort_by.emplace_back(ParamValue(static_cast<std::int64_t>(runs.size())));
    for (const auto& [name, metric] : metrics) {
      // Only runs that finished ok: a diverged run's accuracy means nothing.
      std::vector<double> ok;
      for (const RunRecord* run : runs) {
        if (run->result.status == RunStatus::ok) ok.push_back(run->result.*metric);
      }
      const Stats stats = stats_of(ok);
      for (double v : {stats.mean, stats.std, stats.min}) {
        shown.push_back(fixed(v, 6));
        sort_by.push_back(number_cell(v));
      }
    }
    const auto not_ok = std::count_if(runs.begin(), runs.end(), [](const RunRecord* run) {
      return run->result.status != RunStatus::ok;
    });
    shown.push_back(std::to_string(not_ok));
    sort_by.emplace_back(ParamValue(static_cast<std::int64_t>(not_ok)));
    table.shown.push_back(std::move(shown));
    table.sort_by.push_back(std::move(sort_by));
  }
  return table;
}

struct SortOrder {
  std::vector<std::size_t> columns;  // compared in turn
  std::string label;                 // the column named in messages
  bool descending = false;
};

SortOrder sort_order(const Table& table, const TableOptions& options, bool grouped) {
  std::string key = options.sort;
  bool descending = options.descending, ascending = false;
  if (!key.empty() && (key.front() == '-' || key.front() == '+')) {
    descending = key.front() == '-';
    ascending = key.front() == '+';
    key.erase(0, 1);
  }
  SortOrder order;
  if (key.empty() && grouped) {
    for (std::size_t c = 0; c < options.group_by.size(); ++c) order.columns.push_back(c);
    order.descending = descending;
    return order;
  }
  if (key.empty()) key = "final_cost";
  if (auto alias = kAliases.find(key); alias != kAliases.end()) key = alias->second;
  if (grouped && (key == "final_cost" || key.ends_with("accuracy"))) key += "_mean";
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
  // Without a direction, accuracies are best (highest) first, all else lowest first.
  order.descending = !ascending && (descending || is_accuracy(key));
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
  const bool best_first = is_accuracy(order.label) == order.descending;
  const std::string direction = order.descending ? "highest first" : "lowest first";
  const std::string by = "sorted by " + order.label + ", " + direction;
  if (shown < total) {
    const char* which = !is_metric(order.label) ? "first" : best_first ? "best" : "worst";
    return format(", %s %zu shown (%s)", which, shown, by.c_str());
  }
  return explicit_sort ? " (" + by + ")" : "";
}

}  // namespace

void print_table(std::ostream& out, const Results& results, const TableOptions& options) {
  const bool grouped = !options.group_by.empty();
  const Table table = grouped ? group_table(results, options.group_by) : run_table(results);
  const SortOrder order = sort_order(table, options, grouped);
  std::vector<std::size_t> rows(table.shown.size());
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
  print_rows(out, table, rows);
  const std::string note = order_note(order, rows.size(), total, !options.sort.empty());
  if (grouped) {
    out << format("%zu runs in %zu groups%s\n", results.runs.size(), total, note.c_str());
  } else {
    out << format("%zu runs%s\n", total, note.c_str());
  }
}

}  // namespace nnsweep
