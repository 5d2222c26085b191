// store/journal_scan.hpp: what a journal holds, counted from outside the
// process writing it: intact records up to a torn one, no lock taken, the
// file left as it is.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include "store/journal.hpp"
#include "store/journal_scan.hpp"

namespace {

namespace fs = std::filesystem;

nnsweep::RunRecord record(std::int64_t index) {
  nnsweep::RunRecord run;
  run.index = index;
  run.id = "run" + std::to_string(index);
  run.config_yaml = "seed: " + std::to_string(index) + "\n";
  run.result.costs = {1.0, 0.5, 0.25};
  return run;
}

struct Folder {
  Folder() : path(fs::temp_directory_path() / ("journal_scan_" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Folder() { fs::remove_all(path); }
  std::string file(const std::string& name) const { return (path / name).string(); }
  fs::path path;
};

}  // namespace

BOOST_AUTO_TEST_CASE(journal_scan_counts_records_of_a_live_writer) {
  Folder folder;
  const std::string path = folder.file("x.h5.partial");
  nnsweep::Journal journal(path, "sweep 2/4", false);
  for (int i = 0; i < 3; ++i) journal.append(record(i));
  // The writer holds its lock: a scan neither waits for it nor takes it.
  const nnsweep::JournalScan scan = nnsweep::scan_journal(path);
  BOOST_TEST(scan.exists);
  BOOST_TEST(scan.recognised);
  BOOST_TEST(scan.identity == "sweep 2/4");
  BOOST_TEST(scan.records == 3);
  journal.append(record(3));  // and the writer carries on
  BOOST_TEST(nnsweep::scan_journal(path).records == 4);
}

BOOST_AUTO_TEST_CASE(journal_scan_stops_at_a_torn_record_and_leaves_the_file) {
  Folder folder;
  const std::string path = folder.file("x.h5.partial");
  {
    nnsweep::Journal journal(path, "sweep", false);
    for (int i = 0; i < 3; ++i) journal.append(record(i));
  }
  const auto whole = fs::file_size(path);
  // A kill in the middle of the last write: its last 5 bytes never arrived.
  fs::resize_file(path, whole - 5);
  BOOST_TEST(nnsweep::scan_journal(path).records == 2);
  BOOST_TEST(fs::file_size(path) == whole - 5);  // not repaired: that is the writer's
  // A corrupt byte in the second record's payload fails its CRC: one record left.
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>(whole / 2));
    char byte = 0;
    file.read(&byte, 1);
    file.seekp(static_cast<std::streamoff>(whole / 2));
    byte = static_cast<char>(byte ^ 0x5a);
    file.write(&byte, 1);
  }
  BOOST_TEST(nnsweep::scan_journal(path).records < 2);
  // What the journal itself recovers agrees with the scan.
  const auto scanned = nnsweep::scan_journal(path).records;
  nnsweep::Journal reopened(path, "sweep", false);
  BOOST_TEST(static_cast<std::int64_t>(reopened.recovered().size()) == scanned);
}

BOOST_AUTO_TEST_CASE(journal_scan_of_a_missing_or_foreign_file) {
  Folder folder;
  BOOST_TEST(!nnsweep::scan_journal(folder.file("none.partial")).exists);
  const std::string other = folder.file("other.partial");
  std::ofstream(other) << "not a journal at all, but long enough to hold a record frame\n";
  const nnsweep::JournalScan scan = nnsweep::scan_journal(other);
  BOOST_TEST(scan.exists);
  BOOST_TEST(!scan.recognised);
  BOOST_TEST(scan.records == 0);
}
