#pragma once
// The journal: an append-only file of finished runs, written beside the results
// file while a sweep runs ("results/x.h5.partial").
//
// Why a journal and not the HDF5 file itself: HDF5 (without SWMR) can be left
// unreadable by a kill in the middle of a metadata write, which would lose
// every finished run. A journal record is appended with one write() and ends in
// a CRC-32, so a kill at any moment costs at most the record being written,
// which the next open detects and cuts off. The HDF5 file is built from the
// journal once all runs are done, then published atomically.
//
// Contract:
//  - One process writes a journal at a time (an exclusive flock; a second
//    writer gets JournalBusy).
//  - A journal belongs to one experiment (its name and share, as the caller
//    spells them); opening it for another throws JournalMismatch unless
//    `discard` is set. Records are matched to runs by run id, so records of
//    runs that a changed plan no longer has are simply not used.
//  - Records are flushed to the OS on append (so they survive the process being
//    killed) and synced to disk at most every `sync_interval` and on close.
#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/results.hpp"

namespace nnsweep {

class JournalBusy : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class JournalMismatch : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Journal {
 public:
  // Opens (creating if needed) the journal at `path` for `experiment_id`, and
  // reads back the intact records already in it.
  Journal(const std::string& path, const std::string& experiment_id, bool discard);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // The runs recovered from an earlier, interrupted session.
  std::vector<RunRecord>& recovered() { return recovered_; }
  void append(const RunRecord& record);
  void sync();
  // Deletes the journal file (once its runs are safely published).
  void remove();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
  std::vector<RunRecord> recovered_;
  std::chrono::steady_clock::time_point last_sync_;
};

// The bytes of one record's payload, and back (exposed for tests).
std::string encode_record(const RunRecord& record);
RunRecord decode_record(const std::string& bytes);

}  // namespace nnsweep
