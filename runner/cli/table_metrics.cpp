#include "cli/table_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace nnsweep {
namespace {

const Metrics& part_of(const RunResult& result, const std::string& name) {
  return name.starts_with("test.") ? result.test : result.train;
}

std::size_t metric_index(const std::string& name) {
  const std::string metric = name.substr(name.find('.') + 1);
  for (std::size_t k = 0; k < kMetricCount; ++k) {
    if (metric == kMetricNames[k]) return k;
  }
  return kMetricCount;
}

bool present(const Results& results, const std::string& name) {
  return std::any_of(results.runs.begin(), results.runs.end(), [&](const RunRecord& run) {
    return !std::isnan(metric_value(run.result, name));
  });
}

}  // namespace

std::vector<std::string> available_metrics(const Results& results) {
  std::vector<std::string> names;
  for (const char* part : {"train.", "test."}) {
    for (const char* metric : kMetricNames) {
      const std::string name = part + std::string(metric);
      if (name == "train.cost" || present(results, name)) names.push_back(name);
    }
  }
  return names;
}

std::vector<std::string> headline_metrics(const Results& results, bool grouped) {
  const std::vector<std::string> available = available_metrics(results);
  const auto has = [&](const std::string& name) {
    return std::find(available.begin(), available.end(), name) != available.end();
  };
  const bool tested = has("test.cost");
  std::vector<std::string> shown;
  for (const char* part : {"train.", "test."}) {
    const std::string prefix = part;
    if (prefix == "test." && !tested) continue;
    shown.push_back(prefix + "cost");
    if (grouped && tested && prefix == "train.") continue;
    for (const char* metric : {"accuracy", "rmse", "r2"}) {
      if (has(prefix + metric)) shown.push_back(prefix + metric);
    }
  }
  return shown;
}

double metric_value(const RunResult& result, const std::string& name) {
  const std::size_t k = metric_index(name);
  return k == kMetricCount ? NAN : metric_at(part_of(result, name), k);
}

std::string current_metric_name(const std::string& name) {
  static const std::map<std::string, std::string> kOldNames = {{"final_cost", "train.cost"},
                                                               {"train_accuracy", "train.accuracy"},
                                                               {"test_cost", "test.cost"},
                                                               {"test_final_cost", "test.cost"},
                                                               {"test_accuracy", "test.accuracy"}};
  const auto found = kOldNames.find(name);
  return found == kOldNames.end() ? name : found->second;
}

bool higher_is_better(const std::string& name) {
  for (const char* score : {"accuracy", "precision", "recall", "f1", "r2"}) {
    if (name.find(std::string(".") + score) != std::string::npos) return true;
  }
  return false;
}

bool is_metric_name(const std::string& name) {
  std::string base = name;
  for (const char* stat : {"_mean", "_std", "_min"}) {
    if (base.ends_with(stat)) base.resize(base.size() - std::string(stat).size());
  }
  return (base.starts_with("train.") || base.starts_with("test.")) &&
         metric_index(base) < kMetricCount;
}

}  // namespace nnsweep
