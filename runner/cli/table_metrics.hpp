#pragma once
// Which metrics a results table shows, by name ("train.cost", "test.f1").
#include <optional>
#include <string>
#include <vector>

#include "store/results.hpp"

namespace nnsweep {

// Every metric some run of the file has a value for, train.* first.
std::vector<std::string> available_metrics(const Results& results);
// The task's headline metrics among them: cost and accuracy, or rmse and r2, of
// the training part and of the test part if any. `grouped` leaves out the
// training part's scores when there is a test part (grouped tables are wide).
std::vector<std::string> headline_metrics(const Results& results, bool grouped);
// A metric's value for a run (NaN when it has none). `name` must be available.
double metric_value(const RunResult& result, const std::string& name);
// The current name of a metric given by its version 2 name, or as it is.
std::string current_metric_name(const std::string& name);
// Whether higher values are better (accuracy, precision, recall, f1, r2).
bool higher_is_better(const std::string& name);
// Whether the name is a metric (or a grouped statistic of one).
bool is_metric_name(const std::string& name);

}  // namespace nnsweep
