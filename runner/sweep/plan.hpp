#pragma once
// Expanding a `sweep:` section into the runs of a plan.
//
//   sweep:
//     grid:   {KEY: [v1, v2], ...}        Cartesian product, last key fastest
//     zip:    {KEY: [a1, a2], KEY2: [b1, b2]}  paired, crossed with the rest
//     list:   [{KEY: v, KEY2: w}, ...]     one point per entry
//     random: {samples: N, seed: S, params: {KEY: {distribution: ..., ...}}}
//
// Each grid key, and each of zip, list and random, is one axis. Axes are taken
// in the order they are written and crossed, the last varying fastest. A run is
// addressed by its index alone, so a plan of millions of runs costs no memory.
#include <cstdint>
#include <string>
#include <vector>

#include "config/loader.hpp"

namespace nnsweep {

// The largest plan accepted. Plans are never held whole (runs are resolved in
// windows: session/session_rows.hpp), but a session keeps some 200 bytes per
// run of its share until its file is written, so a hundred million runs are
// meant for shares (run --share, nnsweep slurm, docs/cluster.md).
constexpr std::int64_t kMaxPlanRuns = 100000000;

struct SweepAxis {
  std::string label;  // "grid model.hidden", "zip", "list", "random"
  std::vector<std::vector<std::pair<std::string, Override>>> points;  // per point: key -> value
};

class Plan {
 public:
  // Reads `sweep:` from the document (no sweep: a plan of one run). Throws
  // ConfigError for a malformed sweep or a plan larger than kMaxPlanRuns. Does not
  // validate the runs themselves: see plan_experiment() in
  // session/planned_experiment.hpp and sweep/validation.hpp.
  explicit Plan(const ConfigDocument& document);

  std::int64_t size() const { return size_; }
  const std::vector<SweepAxis>& axes() const { return axes_; }
  // The dotted keys the sweep sets, in axis order, without repeats.
  const std::vector<std::string>& swept_keys() const { return swept_keys_; }
  // The overrides of run `index` (0 <= index < size()), --set ones included.
  OverrideMap overrides(std::int64_t index) const;
  // Just the sweep's own values for run `index`, in axis order.
  std::vector<std::pair<std::string, const Override*>> sweep_values(std::int64_t index) const;

 private:
  const ConfigDocument* document_;
  std::vector<SweepAxis> axes_;
  std::vector<std::string> swept_keys_;
  std::int64_t size_ = 1;
};

// Fails at `key` in `parent` unless it is a dotted config key that may be swept.
void check_sweep_key(const ConfigView& parent, const std::string& key);

// Parses one `random:` section into an axis of `samples` points (sweep/random_axis.cpp).
SweepAxis read_random_axis(const ConfigView& view);

}  // namespace nnsweep
