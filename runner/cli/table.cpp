#include "cli/table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <stdexcept>

#include "util/format.hpp"

namespace nnsweep {
namespace {

using Row = std::vector<std::string>;

const std::vector<std::string> kMetrics = {"final_cost", "train_accuracy", "iterations_run",
                                           "wall_time_s"};

void print_rows(std::ostream& out, const Row& header, const std::vector<Row>& rows) {
  std::vector<std::size_t> width(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) {
    width[c] = header[c].size();
    for (const Row& row : rows) width[c] = std::max(width[c], row[c].size());
  }
  auto print = [&](const Row& row) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c) line += "  ";
      line += row[c] + std::string(width[c] - row[c].size(), ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  };
  print(header);
  for (const Row& row : rows) print(row);
}

double metric(const RunRecord& run, const std::string& name) {
  if (name == "final_cost") return run.result.final_cost;
  if (name == "train_accuracy") return run.result.train_accuracy;
  if (name == "iterations_run") return static_cast<double>(run.result.iterations_run);
  return run.result.wall_time_s;
}

std::optional<double> as_number(const std::string& text) {
  double value = 0;
  auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

// Orders values numerically where both are numbers, NaN and blanks last.
bool before(const std::string& a, const std::string& b) {
  auto x = as_number(a), y = as_number(b);
  if (x && y) {
    if (std::isnan(*x) || std::isnan(*y)) return !std::isnan(*x) && std::isnan(*y);
    return *x < *y;
  }
  if (x || y) return x.has_value();
  return a < b;
}

std::size_t key_index(const Results& results, const std::string& key) {
  auto found = std::find(results.swept_keys.begin(), results.swept_keys.end(), key);
  if (found == results.swept_keys.end()) {
    throw std::invalid_argument("'" + key + "' is not a column of this results file (columns: " +
                                [&] {
                                  std::string all;
                                  for (const auto& k : results.swept_keys) all += k + ", ";
                                  return all;
                                }() + "final_cost, train_accuracy, iterations_run, wall_time_s)");
  }
  return static_cast<std::size_t>(found - results.swept_keys.begin());
}

std::string sort_value(const Results& results, const RunRecord& run, const std::string& key) {
  if (std::find(kMetrics.begin(), kMetrics.end(), key) != kMetrics.end()) {
    return format_exact(metric(run, key));
  }
  return run.swept_values[key_index(results, key)];
}

std::string fixed(double value, int digits) {
  return std::isfinite(value) ? format("%.*f", digits, value) : "nan";
}

void print_runs(std::ostream& out, const Results& results, const TableOptions& options) {
  std::vector<const RunRecord*> order;
  for (const RunRecord& run : results.runs) order.push_back(&run);
  std::stable_sort(order.begin(), order.end(), [&](const RunRecord* a, const RunRecord* b) {
    return before(sort_value(results, *a, options.sort), sort_value(results, *b, options.sort));
  });
  Row header{"run"};
  for (const std::string& key : results.swept_keys) header.push_back(key);
  for (const char* name : {"final_cost", "train_accuracy", "iterations", "status", "time_s"}) {
    header.push_back(name);
  }
  std::vector<Row> rows;
  const std::size_t shown = options.rows ? std::min(options.rows, order.size()) : order.size();
  for (std::size_t i = 0; i < shown; ++i) {
    const RunRecord& run = *order[i];
    Row row{std::to_string(run.index)};
    for (const std::string& value : run.swept_values) row.push_back(value);
    row.push_back(fixed(run.result.final_cost, 6));
    row.push_back(fixed(run.result.train_accuracy, 4));
    row.push_back(std::to_string(run.result.iterations_run));
    row.push_back(status_name(run.result.status));
    row.push_back(fixed(run.result.wall_time_s, 3));
    rows.push_back(std::move(row));
  }
  print_rows(out, header, rows);
  out << format("%zu runs", results.runs.size());
  if (shown < order.size()) out << format(", best %zu shown (sorted by %s)", shown, options.sort.c_str());
  out << "\n";
}

struct Stats {
  double mean = NAN, std = NAN, min = NAN;
};

Stats stats_of(const std::vector<double>& all) {
  std::vector<double> values;
  for (double v : all) {
    if (std::isfinite(v)) values.push_back(v);
  }
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

void print_groups(std::ostream& out, const Results& results, const TableOptions& options) {
  std::vector<std::size_t> keys;
  for (const std::string& key : options.group_by) keys.push_back(key_index(results, key));
  std::vector<Row> group_values;  // first-appearance order
  std::map<Row, std::vector<const RunRecord*>> members;
  for (const RunRecord& run : results.runs) {
    Row value;
    for (std::size_t k : keys) value.push_back(run.swept_values[k]);
    if (!members.count(value)) group_values.push_back(value);
    members[value].push_back(&run);
  }
  Row header = options.group_by;
  header.push_back("runs");
  for (const char* name : {"final_cost", "train_accuracy"}) {
    for (const char* stat : {"mean", "std", "min"}) header.push_back(std::string(name) + "_" + stat);
  }
  header.push_back("not_ok");
  std::vector<Row> rows;
  for (const Row& value : group_values) {
    const auto& runs = members[value];
    Row row = value;
    row.push_back(std::to_string(runs.size()));
    for (const char* name : {"final_cost", "train_accuracy"}) {
      // Only runs that finished ok: a diverged run's accuracy means nothing.
      std::vector<double> values;
      for (const RunRecord* run : runs) {
        if (run->result.status == RunStatus::ok) values.push_back(metric(*run, name));
      }
      const Stats stats = stats_of(values);
      for (double v : {stats.mean, stats.std, stats.min}) row.push_back(fixed(v, 6));
    }
    const auto failed = std::count_if(runs.begin(), runs.end(), [](const RunRecord* run) {
      return run->result.status != RunStatus::ok;
    });
    row.push_back(std::to_string(failed));
    rows.push_back(std::move(row));
  }
  print_rows(out, header, rows);
  out << format("%zu runs in %zu groups\n", results.runs.size(), rows.size());
}

}  // namespace

void print_table(std::ostream& out, const Results& results, const TableOptions& options) {
  if (!results.runs.empty()) (void)sort_value(results, results.runs.front(), options.sort);
  if (options.group_by.empty()) {
    print_runs(out, results, options);
  } else {
    print_groups(out, results, options);
  }
}

}  // namespace nnsweep
