#pragma once
// Counting what a journal (store/journal.hpp) holds, from outside the process
// that writes it: for `nnsweep slurm --status`, which looks at the journals
// of array tasks that may be running at that moment.
//
// Contract:
//  - Read-only: the file is opened O_RDONLY and never locked, truncated or
//    repaired, so a running writer is not disturbed (nor refused its lock).
//  - What it counts is what Journal's constructor would recover: intact
//    records (magic, size and CRC-32 all right) up to the first torn or
//    corrupt one. A half-written last record, which a live writer or a killed
//    one leaves, ends the count without an error. Records are not decoded, so
//    a record that this nnsweep's codec would refuse is still counted.
//  - A missing file is `exists == false`, not an error; an unreadable one
//    throws std::runtime_error naming the path.
#include <cstdint>
#include <string>

namespace nnsweep {

struct JournalScan {
  bool exists = false;
  bool recognised = false;  // starts with the journal's magic line (this format version)
  std::string identity;     // the header's experiment line ("NAME K/N"), when recognised
  std::int64_t records = 0;
};

JournalScan scan_journal(const std::string& path);

}  // namespace nnsweep
