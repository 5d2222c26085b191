#pragma once
// From a plan's run index to a validated, resolved run.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "config/experiment.hpp"
#include "sweep/plan.hpp"

namespace nnsweep {

struct PlannedRun {
  std::int64_t index = 0;
  ExperimentConfig config;
  std::string config_yaml;  // to_yaml(config)
  std::string id;           // run_identity(config)
  std::string dataset_id;   // hash of the resolved dataset section: runs with one id share data
  std::vector<ColumnValue> columns;  // the values it uses, parallel to summary_keys()
  std::vector<std::pair<std::string, std::int64_t>> seeds;  // config_seeds(config)
};

// SHA-256 of input files by absolute path. Resolvers of one plan that share
// it read each file once, and so give every run of the plan the same digest
// of a file, even when several threads resolve runs.
class InputDigests {
 public:
  // Throws std::runtime_error when the file cannot be read.
  std::string of(const std::string& path);

 private:
  std::mutex mutex_;
  std::map<std::string, std::string> digests_;
};

class PlanResolver {
 public:
  // `digests`: shared with the plan's other resolvers (none: its own).
  PlanResolver(const ConfigDocument& document, const Plan& plan, const Registries& registries,
               std::shared_ptr<InputDigests> digests = nullptr);

  // The keys that get a summary column: swept keys, then --set keys.
  const std::vector<std::string>& summary_keys() const { return summary_keys_; }
  // Throws ConfigError (pointing into the sweep or --set) when the run is invalid.
  // Every file path parameter P of the run's plugins gets its file's SHA-256
  // as the parameter P_sha256 (config/..., registry/params.hpp: is_path), so
  // that it is part of the run's config, identity and dataset id.
  PlannedRun resolve(std::int64_t index) const;
  // Parses every run of the plan, one after another (for tests of small
  // plans; nnsweep itself validates with sweep/validation.hpp).
  void validate_all() const;

  const Registries& registries() const { return registries_; }
  const std::shared_ptr<InputDigests>& digests() const { return digests_; }

 private:
  const ConfigDocument& document_;
  const Plan& plan_;
  const Registries& registries_;
  DocumentIndex index_;  // of document_.root, shared by every run's view
  std::vector<std::string> summary_keys_;
  std::shared_ptr<InputDigests> digests_;
};

// A YAML node as one line of flow text: 0.1, tanh, [20, 20].
std::string flow_text(const YAML::Node& node);

}  // namespace nnsweep
