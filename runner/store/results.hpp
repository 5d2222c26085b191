#pragma once
// The in-memory form of a results file, and reading and writing it.
//
// Layout (docs/results-format.md has the full description):
//   /            attributes format = "nnsweep", format_version = 1, provenance
//   /config      the experiment YAML (scalar UTF-8 string)
//   /summary/    one value per run along dimension `run`: run, final_cost,
//                train_accuracy, status, message, iterations_run, wall_time_s,
//                run_id, one column per swept or --set key, and cost (run x step)
//   /runs/NNNNNN/ parameters W1, b1, ... (row-major, as numpy), the run's cost
//                curve, and attributes: config, run_id, status, message
#include <map>
#include <string>
#include <vector>

#include "train/trainer.hpp"

namespace nnsweep {

struct RunRecord {
  std::int64_t index = 0;
  std::string id;           // stable hash of the resolved config
  std::string config_yaml;  // the resolved config of this run
  std::int64_t record_every = 1;
  std::vector<std::string> swept_values;  // YAML flow text, parallel to Results::swept_keys
  RunResult result;
};

struct Results {
  std::string experiment_yaml;
  std::vector<std::string> swept_keys;  // dotted keys, in plan order
  std::vector<RunRecord> runs;          // in run-index order
  std::map<std::string, std::string> provenance;  // root attributes beyond format/version
};

constexpr const char* kFormatName = "nnsweep";
constexpr std::int64_t kFormatVersion = 1;

// Writes a new file at `path`, which must not exist.
void write_results_file(const std::string& path, const Results& results);
// Reads a file written by write_results_file. Throws on anything else.
Results read_results_file(const std::string& path);

// Writes to a temporary name beside `path`, flushes it to disk and renames it
// into place, so the file at `path` only ever appears complete. With
// replace=false an existing file at `path` is never touched (the write fails).
void publish_results_file(const std::string& path, const Results& results, bool replace);

// Weight names of layer l (0-based): "W1", "b1", ...
std::string weight_name(std::size_t layer);
std::string bias_name(std::size_t layer);
std::string run_group_name(std::int64_t index);  // "000042"

}  // namespace nnsweep
