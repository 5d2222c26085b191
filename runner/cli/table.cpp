#include "cli/table.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <stdexcept>

#include "cli/table_metrics.hpp"
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
const std::map<std::string, std::string> kAliases = {
    {"iterations_run", "iterations"}, {"wall_time_s", "time_s"}, {"epochs_run", "epochs"}};

bool is_score(const std::string& header) {
  return is_metric_name(header) && higher_is_better(header);
}

ColumnValue number_cell(double value) {
  if (std::isnan(value)) return std::nullopt;
  return ParamValue(value);
}

std::string fixed(double value, int digits) {
  return std::isfinite(value) ? format("%.*f", digits, value) : "nan";
}

// Costs and errors with six decimals, scores with four.
std::string metric_text(const std::string& name, double value) {
  return fixed(value, higher_is_better(name) ? 4 : 6);
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

bool any_run(const Results& results, const auto& predicate) {
  return std::any_of(results.runs.begin(), results.runs.end(),
                     [&](const RunRecord& run) { return predicate(run.result); });
}

Table run_table(const Results& results, const std::vector<std::string>& metrics) {
  Table table;
  const bool epochs = any_run(results, [](const RunResult& r) { return r.epochs_run != r.iterations_run; });
  const bool best = any_run(results, [](const RunResult& r) { return r.best_epoch >= 0; });
  table.headers = {"run"};
  for (const std::string& key : results.swept_keys) table.headers.push_back(key);
  for (const std::string& name : metrics) table.headers.push_back(name);
  if (epochs) table.headers.push_back("epochs");
  if (best) table.headers.push_back("best_epoch");
  for (const char* name : {"iterations", "status", "time_s"}) table.headers.push_back(name);
  for (const RunRecord& run : results.runs) {
    const RunResult& result = run.result;
    std::vector<std::string> shown{std::to_string(run.index)};
    std::vector<ColumnValue> sort_by{ParamValue(run.index)};
    for (const ColumnValue& value : run.columns) {
      shown.push_back(column_text(value));
      sort_by.push_back(value);
    }
    for (const std::string& name : metrics) {
      const double value = metric_value(result, name);
      shown.push_back(metric_text(name, value));
      sort_by.push_back(number_cell(value));
    }
    const auto integer = [&](std::int64_t value) {
      shown.push_back(std::to_string(value));
      sort_by.emplace_back(ParamValue(value));
    };
    if (epochs) integer(result.epochs_run);
    if (best) integer(result.best_epoch);
    integer(result.iterations_run);
    shown.insert(shown.end(), {status_name(result.status), fixed(result.wall_time_s, 3)});
    sort_by.insert(sort_by.end(),
                   {ParamValue(status_name(result.status)), number_cell(result.wall_time_s)});
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

Table group_table(const Results& results, const std::vector<std::string>& keys,
                  const std::vector<std::string>& metrics) {
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
  table.headers = keys;
  table.headers.push_back("runs");
  for (const std::string& name : metrics) {
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
    for (const std::string& name : metrics) {
      // Only runs that finished ok: a diverged run's accuracy means nothing.
      std::vector<double> ok;
      for (const RunRecord* run : runs) {
        if (run->result.status == RunStatus::ok) ok.push_back(metric_value(run->result, name));
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

void print_table(std::ostream& out, const Results& results, const TableOptions& options) {
  const bool grouped = !options.group_by.empty();
  const SortKey sort = parse_sort(options);
  const std::vector<std::string> metrics = shown_metrics(results, options, sort, grouped);
  const Table table =
      grouped ? group_table(results, options.group_by, metrics) : run_table(results, metrics);
  const SortOrder order = sort_order(table, sort, options, metrics, grouped);
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
