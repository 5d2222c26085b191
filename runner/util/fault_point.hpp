#pragma once
// Named points where the fault tests stop or delay nnsweep, so that a kill -9
// or a race lands at an exact step instead of at a moment guessed by timing
// (tests/cli/test_publish_faults.py, docs/reliability.md).
//
// With NNSWEEP_FAULT_POINT=NAME in the environment, fault_point("NAME") acts
// as NNSWEEP_FAULT_ACTION says: `kill` (the default) sends the process
// SIGKILL, as kill -9 would; `pause-MS` sleeps MS milliseconds. Without the
// variable (any ordinary run) it does nothing beyond one cached getenv.
//
// The points, in the order a run reaches them:
//   before_output_lock     the output decided, the journal's lock not yet taken
//   before_publish         every run trained and written to the temporary file
//   after_temporary_sync   the temporary file synced, not yet renamed
//   after_rename           renamed into place, the folder not yet synced
//   before_journal_remove  published, the journal not yet removed
namespace nnsweep {

void fault_point(const char* name);

}  // namespace nnsweep
