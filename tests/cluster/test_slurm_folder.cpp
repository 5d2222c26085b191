// cluster/slurm_folder.hpp: the manifest read back as written, a broken one
// refused, and tasks' states from their journals (part files, which only a
// real run writes, are checked by test_slurm_cli.py).
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "cluster/slurm_folder.hpp"
#include "store/journal.hpp"

namespace {

namespace fs = std::filesystem;

struct Folder {
  Folder() : path(fs::temp_directory_path() / ("slurm_folder_" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path / "parts");
  }
  ~Folder() { fs::remove_all(path); }
  fs::path path;
};

nnsweep::SlurmManifest sample() {
  nnsweep::SlurmManifest m;
  m.config = "/e/x.yaml";
  m.sets = {"a=1", "b=[2, 3]"};
  m.plugins = {"/lib/p.so"};
  m.out = "/r/x.h5";
  m.name = "x";
  m.experiment_id = "abc123";
  m.runs = 10;
  m.tasks = 3;
  m.cpus_per_task = 4;
  m.task_runs = {4, 3, 3};
  m.submissions = {{"17", "18", {1, 2, 3}, "2026-01-01T00:00:00Z"}, {"", "20", {}, "later"}};
  return m;
}

}  // namespace

BOOST_AUTO_TEST_CASE(run_folder_is_beside_the_output) {
  BOOST_TEST(nnsweep::run_folder_of("/r/x.h5") == "/r/x.slurm");
  BOOST_TEST(nnsweep::run_folder_of("/r/x.results") == "/r/x.results.slurm");
  BOOST_TEST(nnsweep::part_path("/r/x.slurm", 2, 10) == "/r/x.slurm/parts/part-02-of-10.h5");
}

BOOST_AUTO_TEST_CASE(manifest_round_trip) {
  Folder folder;
  const nnsweep::SlurmManifest written = sample();
  nnsweep::write_manifest(folder.path.string(), written);
  const nnsweep::SlurmManifest read = nnsweep::read_manifest(folder.path.string());
  BOOST_TEST(read.config == written.config);
  BOOST_TEST(read.sets == written.sets, boost::test_tools::per_element());
  BOOST_TEST(read.plugins == written.plugins, boost::test_tools::per_element());
  BOOST_TEST(read.out == written.out);
  BOOST_TEST(read.experiment_id == written.experiment_id);
  BOOST_TEST(read.runs == 10);
  BOOST_TEST(read.tasks == 3);
  BOOST_TEST(read.cpus_per_task == 4);
  BOOST_TEST(read.task_runs == written.task_runs, boost::test_tools::per_element());
  BOOST_REQUIRE(read.submissions.size() == 2u);
  BOOST_TEST(read.submissions[0].array_job == "17");
  BOOST_TEST(read.submissions[0].tasks == written.submissions[0].tasks,
             boost::test_tools::per_element());
  BOOST_TEST(read.submissions[1].array_job.empty());
  BOOST_TEST(read.submissions[1].merge_job == "20");
}

BOOST_AUTO_TEST_CASE(missing_or_broken_manifest_is_a_folder_error) {
  Folder folder;
  BOOST_CHECK_THROW(nnsweep::read_manifest(folder.path.string()), nnsweep::FolderError);
  std::ofstream(nnsweep::manifest_path(folder.path.string())) << "{\"config\": 3";
  BOOST_CHECK_THROW(nnsweep::read_manifest(folder.path.string()), nnsweep::FolderError);
  nnsweep::SlurmManifest uneven = sample();
  uneven.task_runs = {4, 6};  // not one per task
  nnsweep::write_manifest(folder.path.string(), uneven);
  BOOST_CHECK_THROW(nnsweep::read_manifest(folder.path.string()), nnsweep::FolderError);
}

BOOST_AUTO_TEST_CASE(task_states_from_journals) {
  Folder folder;
  const std::string root = folder.path.string();
  const nnsweep::SlurmManifest manifest = sample();
  {
    // Task 1 journalled two runs; task 3's journal is another share's.
    nnsweep::Journal one(nnsweep::part_path(root, 1, 3) + ".partial", "x 1/3", false);
    for (int i = 0; i < 2; ++i) {
      nnsweep::RunRecord run;
      run.id = "r" + std::to_string(i);
      one.append(run);
    }
    nnsweep::Journal three(nnsweep::part_path(root, 3, 3) + ".partial", "x 1/4", false);
  }
  std::ofstream(nnsweep::part_path(root, 2, 3)) << "not hdf5";
  const auto statuses = nnsweep::task_statuses(root, manifest);
  BOOST_REQUIRE(statuses.size() == 3u);
  BOOST_TEST(statuses[0].task == 1);
  BOOST_TEST((statuses[0].state == nnsweep::TaskState::partial));
  BOOST_TEST(statuses[0].finished == 2);
  BOOST_TEST(statuses[0].planned == 4);
  BOOST_TEST((statuses[1].state == nnsweep::TaskState::foreign));  // a part that is no results file
  BOOST_TEST(statuses[1].finished == 0);
  BOOST_TEST((statuses[2].state == nnsweep::TaskState::foreign));
  fs::remove(nnsweep::part_path(root, 2, 3));
  BOOST_TEST((nnsweep::task_statuses(root, manifest)[1].state == nnsweep::TaskState::not_started));
}

BOOST_AUTO_TEST_CASE(output_state_of_a_missing_or_foreign_file) {
  Folder folder;
  const std::string out = (folder.path / "x.h5").string();
  BOOST_TEST((nnsweep::output_state(out, "abc") == nnsweep::OutputState::absent));
  std::ofstream(out) << "not hdf5";
  BOOST_TEST((nnsweep::output_state(out, "abc") == nnsweep::OutputState::foreign));
}
