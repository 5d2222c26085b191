// What the run layer refuses, and that a refusal leaves the output untouched.
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "session_support.hpp"

namespace fs = std::filesystem;
using namespace nnsweep;
using namespace nnsweep::testing;

namespace {

void check_refused(const PlannedExperiment& experiment, const fs::path& out,
                   const std::string& expected, SessionOptions options = {}) {
  const bool existed = fs::exists(out);
  const std::string before = existed && fs::is_regular_file(out) ? read_file(out) : "";
  try {
    run_into(experiment, out, options);
    BOOST_ERROR("not refused: " << out);
  } catch (const Refusal& refusal) {
    BOOST_TEST(std::string(refusal.what()).find(expected) != std::string::npos, refusal.what());
  } catch (const DataError& refusal) {  // a dataset that cannot be made: refused as well
    BOOST_TEST(std::string(refusal.what()).find(expected) != std::string::npos, refusal.what());
  }
  BOOST_TEST(fs::exists(out) == existed);
  if (existed && fs::is_regular_file(out)) BOOST_TEST((read_file(out) == before));
  BOOST_TEST(!fs::exists(out.string() + ".partial"));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(session_refusals)

BOOST_AUTO_TEST_CASE(another_experiments_file_needs_overwrite) {
  ScratchDir scratch;
  const fs::path out = scratch.path() / "mine.h5";
  run_into(plan_of(scratch, sweep_yaml("mine", "[1]")), out);
  const PlannedExperiment other = plan_of(scratch, sweep_yaml("theirs", "[1]"));
  check_refused(other, out, "results of a different experiment ('mine', 2 runs)");

  SessionOptions overwrite;
  overwrite.overwrite = true;
  const SessionReport replaced = run_into(other, out, overwrite);
  BOOST_TEST(replaced.counts.reused == 0, "another experiment's runs are not reused");
  BOOST_TEST(read_results_identity(out.string()).name == "theirs");
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_results_needs_overwrite) {
  ScratchDir scratch;
  const fs::path out = scratch.write("notes.h5", "my notes, not HDF5\n");
  check_refused(plan_of(scratch, sweep_yaml("x", "[1]")), out, "not an nnsweep results file");
}

BOOST_AUTO_TEST_CASE(directories_and_dangling_links_are_refused_even_with_overwrite) {
  ScratchDir scratch;
  const PlannedExperiment experiment = plan_of(scratch, sweep_yaml("x", "[1]"));
  SessionOptions overwrite;
  overwrite.overwrite = true;
  fs::create_directory(scratch.path() / "folder.h5");
  check_refused(experiment, scratch.path() / "folder.h5", "is a directory", overwrite);
  fs::create_symlink(scratch.path() / "nowhere", scratch.path() / "dangling.h5");
  try {
    run_into(experiment, scratch.path() / "dangling.h5", overwrite);
    BOOST_ERROR("a dangling symlink was not refused");
  } catch (const Refusal& refusal) {
    BOOST_TEST(std::string(refusal.what()).find("symbolic link") != std::string::npos);
  }
  BOOST_TEST(!fs::exists(scratch.path() / "nowhere"));
}

BOOST_AUTO_TEST_CASE(a_journal_of_another_experiment_needs_overwrite) {
  ScratchDir scratch;
  const fs::path out = scratch.path() / "busy.h5";
  const std::string journal = out.string() + ".partial";
  scratch.write("busy.h5.partial", "NNSWEEP-JOURNAL 2\nsomeone_else \n");
  const PlannedExperiment experiment = plan_of(scratch, sweep_yaml("mine", "[1]"));
  try {
    run_into(experiment, out);
    BOOST_ERROR("another experiment's journal was not refused");
  } catch (const Refusal& refusal) {
    BOOST_TEST(std::string(refusal.what()).find("different experiment") != std::string::npos);
  }
  BOOST_TEST(read_file(journal) == "NNSWEEP-JOURNAL 2\nsomeone_else \n");
  SessionOptions overwrite;
  overwrite.overwrite = true;
  BOOST_TEST(run_into(experiment, out, overwrite).counts.to_train == 2);
}

BOOST_AUTO_TEST_CASE(a_dataset_that_cannot_be_made_is_refused_before_anything_is_written) {
  ScratchDir scratch;
  const fs::path out = scratch.path() / "sub" / "split.h5";
  // Three moons examples split in half and stratified: one class has one example.
  const std::string yaml = R"(name: split
dataset: {name: moons, n_samples: 3, test_fraction: 0.5, stratify: true}
model: {hidden: [2]}
train: {iterations: 5}
)";
  check_refused(plan_of(scratch, yaml), out, "too few to stratify");
  BOOST_TEST(!fs::exists(scratch.path() / "sub"), "no output folder was made");
}

BOOST_AUTO_TEST_SUITE_END()
