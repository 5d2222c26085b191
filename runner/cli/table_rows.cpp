#include "cli/table_rows.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <stdexcept>

#include "cli/table_metrics.hpp"
#include "util/format.hpp"

namespace nnsweep {

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

namespace {

// Costs and errors with six decimals, scores with four.
std::string metric_text(const std::string& name, double value) {
  return fixed(value, higher_is_better(name) ? 4 : 6);
}

bool any_run(const Results& results, const auto& predicate) {
  return std::any_of(results.runs.begin(), results.runs.end(),
                     [&](const RunRecord& run) { return predicate(run.result); });
}

}  // namespace

Table run_table(const Results& results, const std::vector<std::string>& metrics) {
  Table table;
  const bool epochs =
      any_run(results, [](const RunResult& r) { return r.epochs_run != r.iterations_run; });
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
      sort_by.emplace_back(std::in_place, value);
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

namespace {

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

}  // namespace

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

}  // namespace nnsweep
