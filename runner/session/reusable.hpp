#pragma once
// Results of earlier sessions that a session's rows can take instead of
// training: those of its journal (an interrupted session of the same share)
// and those of the results file it replaces.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "session/session_rows.hpp"
#include "store/journal.hpp"

namespace nnsweep {

// By run identity (id_key). Runs of another arithmetic (config/experiment.hpp:
// kArithmetic) have other ids, so they never match: an older file's runs are
// trained again.
struct Reusable {
  std::unordered_map<std::uint64_t, RunResult> resumed, reused;
};

// The journal's recovered records (moved out of it), and with `from_file` the
// runs of the results file at `out`.
Reusable reusable_runs(Journal& journal, const std::string& out, bool from_file);

enum class RowOrigin : std::uint8_t { train, resumed, reused, invalid };

// Where each row's result comes from: an earlier result of its run that fits
// it as planned (session/earlier_results.hpp), else training. Results that do
// not fit are dropped from `reusable` and counted in `dropped`, with the
// first one's problem in `dropped_reason`.
std::vector<RowOrigin> row_origins(const SessionRows& survey, Reusable& reusable,
                                   std::int64_t& dropped, std::string& dropped_reason);

// The earlier result of a row whose origin is resumed or reused, taken out of
// `reusable` (each is used once).
RunResult take_result(Reusable& reusable, RowOrigin origin, std::uint64_t key);

}  // namespace nnsweep
