#pragma once
// The in-memory form of a results file, and reading and writing it.
//
// Layout (docs/results-format.md is the full description):
//   /            attributes format = "nnsweep", format_version = 3, experiment_id,
//                plan_size, share (parts only), name and provenance
//   /config      the experiment file as written, --set overrides noted
//   /summary/    one value per run along dimension `run`: run, the metrics
//                train.cost, train.accuracy, ... and test.cost, ... (those some
//                run has), status, message, iterations_run, epochs_run,
//                best_epoch (with early stopping), wall_time_s, run_id,
//                dataset_id, one typed column per swept or --set key
//                (store/columns.hpp), numeric columns derived from lists
//                (model.depth, ...), and cost and test_cost (run x step, NaN
//                where a run recorded nothing)
//   /runs/       one dataset per quantity along `run` (store/runs_table.hpp):
//                run_id, config, dataset_id, record_every, a column per seed
//                key, layer_sizes and W1, b1, ... (run x out x in), NaN-padded
//                to the widest run (before version 4: a group /runs/NNNNNN per run)
//   /datasets/ID/ each distinct dataset as generated: X (examples x features),
//                y, class_names for classes, and train_index and test_index when
//                it is split
#include <map>
#include <string>
#include <vector>

#include <optional>

#include "registry/params.hpp"
#include "train/run_result.hpp"
#include "util/file_identity.hpp"

namespace nnsweep {

constexpr const char* kFormatName = "nnsweep";
// The string attributes at the root that describe where a file came from.
constexpr const char* kProvenanceKeys[] = {
    "name", "nnsweep_version", "created_utc", "git_commit", "host", "command_line", "compiler",
    "eigen_version", "hdf5_version", "yaml_cpp_version", "simd", "plugin_libraries",
    // Written by a run across MPI ranks (cli/mpi_run.hpp).
    "mpi_ranks", "mpi_hosts", "mpi_threads"};
// Version 2: typed key columns (attribute nnsweep_type), derived list columns.
// Version 3: metrics as train.* and test.* (final_cost, train_accuracy,
// test_final_cost and test_accuracy before), epochs_run, best_epoch, class
// names; test_cost is after each epoch's updates.
// Version 4: /runs is one dataset per quantity along `run` (store/runs_table.hpp),
// not a group per run; cost curves only in /summary.
// Version 5: netCDF conventions: long_name and units, _FillValue on the NaN
// padding, the root's Conventions, named dimensions in /datasets, and the
// text columns again as character matrices in /summary/chars. Only additions:
// a reader of version 4 reads it. Version 6: plan_size counts the plan's
// sweep points (repeats included; distinct runs before), columns of 4096 runs
// or more are chunked and compressed, and a run whose config does not resolve
// is a `failed` row with the config error as its message. Versions 1 to 5 are
// still read.
constexpr std::int64_t kFormatVersion = 6;
// The root attribute `Conventions`.
constexpr const char* kConventions = "CF-1.10";

struct RunRecord {
  std::int64_t index = 0;   // in the plan that produced the file
  std::string id;           // stable hash of the resolved config
  std::string config_yaml;  // the resolved config of this run
  std::string dataset_id;   // the /datasets/ID it trained on
  std::int64_t record_every = 1;
  std::vector<ColumnValue> columns;  // parallel to Results::swept_keys
  // Every seed of the resolved config by dotted key ("dataset.seed", "model.init.seed").
  std::vector<std::pair<std::string, std::int64_t>> seeds;
  RunResult result;
};

// A training set as stored under /datasets/ID: X as examples x features and y
// as examples (x outputs when there are several), as numpy users expect.
struct StoredDataset {
  std::string config_yaml;  // the dataset section that generates it
  Eigen::Index examples = 0, features = 0, outputs = 0;
  std::string task;  // "classification" or "regression" ("" in files before version 3)
  std::int64_t classes = 0;
  std::vector<std::string> class_names;  // one per class (indices as text when unnamed)
  bool stored = false;                   // false: described only (larger than the size limit)
  Eigen::MatrixXd X, Y;  // nnsweep's layout (features x m, outputs x m); empty unless stored
  // With a train/test split: the examples of each part, in order (else empty).
  std::vector<std::int64_t> train_index, test_index;
};

struct Results {
  std::int64_t format_version = kFormatVersion;  // as read; files are written at kFormatVersion
  // The arithmetic of the file's runs (config/experiment.hpp: kArithmetic);
  // 1 for files that do not say.
  std::int64_t arithmetic = 0;
  std::string experiment_yaml;
  std::string experiment_id;                      // identity of the whole plan
  std::int64_t plan_size = 0;                     // sweep points in the whole plan
  std::string share;                              // "K/N" for a part of the plan, else ""
  std::vector<std::string> swept_keys;            // dotted keys, in plan order
  std::vector<RunRecord> runs;                    // in run-index order
  std::map<std::string, StoredDataset> datasets;  // by dataset id
  std::map<std::string, std::string> provenance;  // further root attributes (strings)
};

// Writes a new file at `path`, which must not exist.
void write_results_file(const std::string& path, const Results& results);
// Reads a file written by write_results_file. Throws on anything else, saying
// "PATH does not exist" for a missing file.
Results read_results_file(const std::string& path);

// Writes to a temporary name beside `path`, flushes it to disk and renames it
// into place, so the file at `path` only ever appears complete. With
// replace=false an existing file at `path` is never touched (the write fails).
void publish_results_file(const std::string& path, const Results& results, bool replace);
// The two halves of publishing, for a file written in steps (store/results_writer.hpp):
// the temporary name beside `path` (".NAME.PID.tmp"; any file there, and those
// of dead processes, removed), and syncing and renaming it into place (with
// `replace` as above; on failure the temporary is removed). With `expected`,
// the file to replace must be that one still (or gone): a path that names
// another file by then (another process published there) is left as it is,
// and publishing throws.
std::string prepare_temporary(const std::string& path);
void publish_temporary(const std::string& temporary, const std::string& path, bool replace,
                       const std::optional<FileIdentity>& expected = std::nullopt);

// The root attributes of a results file, read without loading its runs: to tell
// whether a file holds a given experiment. Throws if it is not a results file.
// `name` is the experiment's name: a file belongs to the experiment of that name.
struct ResultsIdentity {
  std::string experiment_id;
  std::string share;
  std::string name;
  std::int64_t runs = 0;
  std::int64_t arithmetic = 1;  // as Results::arithmetic
};
ResultsIdentity read_results_identity(const std::string& path);

// Weight names of layer l (0-based): "W1", "b1", ...
std::string weight_name(std::size_t layer);
std::string bias_name(std::size_t layer);
std::string run_group_name(std::int64_t index);  // "000042", in versions 1 to 3

// The HDF5 library's version ("1.10.8"), for provenance.
std::string hdf5_version();

}  // namespace nnsweep
