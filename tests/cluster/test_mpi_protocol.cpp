// The messages between rank 0 and the workers (cluster/mpi_protocol.hpp), as
// bytes and back, without MPI running: records packed as a worker sends them
// decode to every field of the runs, and bytes cut short are refused.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "../store/results_samples.hpp"
#include "cluster/mpi_protocol.hpp"
#include "store/journal.hpp"

namespace mpi = nnsweep::mpi;
using nnsweep::testing::check_equal;
using nnsweep::testing::sample_results;

BOOST_AUTO_TEST_SUITE(mpi_protocol)

BOOST_AUTO_TEST_CASE(packed_records_decode_to_the_same_runs) {
  // Runs of every kind (a test part, a failed run), as a worker packs them.
  const nnsweep::Results results = sample_results();
  std::vector<std::string> parts;
  for (const nnsweep::RunRecord& record : results.runs) {
    parts.push_back(nnsweep::encode_record(record));
  }
  const std::vector<std::string> unpacked = mpi::decode_pack(mpi::encode_pack(parts));
  BOOST_TEST_REQUIRE(unpacked.size() == results.runs.size());
  nnsweep::Results decoded = results;
  for (std::size_t k = 0; k < unpacked.size(); ++k) {
    decoded.runs[k] = nnsweep::decode_record(unpacked[k]);
  }
  check_equal(decoded, results);
}

BOOST_AUTO_TEST_CASE(packs_keep_empty_and_binary_parts_and_refuse_cut_ones) {
  const std::vector<std::string> parts = {"", std::string("a\0b", 3), std::string(5000, '\xff')};
  BOOST_TEST(mpi::decode_pack(mpi::encode_pack(parts)) == parts);
  BOOST_TEST(mpi::decode_pack("").empty());
  const std::string bytes = mpi::encode_pack(parts);
  for (std::size_t cut : {std::size_t{1}, std::size_t{9}, bytes.size() - 1}) {
    BOOST_CHECK_THROW(mpi::decode_pack(bytes.substr(0, cut)), std::runtime_error);
  }
}

BOOST_AUTO_TEST_CASE(indices_round_trip_and_odd_sizes_are_refused) {
  const std::vector<std::int64_t> indices = {0, 7, 3, std::int64_t{1} << 40, 19999};
  BOOST_TEST(mpi::decode_indices(mpi::encode_indices(indices)) == indices);
  BOOST_TEST(mpi::decode_indices(mpi::encode_indices({})).empty());
  BOOST_CHECK_THROW(mpi::decode_indices(std::string(12, '\0')), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(farewells_say_why_a_worker_left) {
  const mpi::Farewell released = mpi::decode_farewell(mpi::encode_farewell({}));
  BOOST_TEST(!released.interrupted);
  BOOST_TEST(released.error.empty());
  const mpi::Farewell stopped = mpi::decode_farewell(mpi::encode_farewell({true, ""}));
  BOOST_TEST(stopped.interrupted);
  const mpi::Farewell failed =
      mpi::decode_farewell(mpi::encode_farewell({false, "run 3: out of range"}));
  BOOST_TEST(!failed.interrupted);
  BOOST_TEST(failed.error == "run 3: out of range");
  // A message with nothing in it is a failure, not a quiet release.
  BOOST_TEST(!mpi::decode_farewell("").error.empty());
}

BOOST_AUTO_TEST_SUITE_END()
