// cluster/slurm_script.hpp: the scripts are run by bash with a stand-in for
// nnsweep that records its arguments, so what is checked is what a Slurm
// task would execute, not the text.
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "cluster/slurm_script.hpp"

namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A temporary run folder and a stand-in binary that appends its arguments,
// one per line after a "--" line, to calls.txt and exits with $FAKE_EXIT.
struct Setup {
  Setup() : root(fs::temp_directory_path() / ("slurm_script_" + std::to_string(::getpid()))) {
    fs::remove_all(root);
    fs::create_directories(root / "run folder" / "parts");
    const fs::path binary = root / "nnsweep";
    std::ofstream(binary) << "#!/bin/bash\n{ echo --; printf '%s\\n' \"$@\"; } >> '"
                          << (root / "calls.txt").string() << "'\nexit ${FAKE_EXIT:-0}\n";
    fs::permissions(binary, fs::perms::owner_all);
    job.name = "moons";
    job.binary = binary.string();
    job.config = "/experiments/my sweep.yaml";
    job.sets = {"model.hidden=[4, 4]", "note=it's"};
    job.plugins = {"/lib/plugin.so"};
    job.out = (root / "final.h5").string();
    job.folder = (root / "run folder").string();
    job.tasks = 12;
    job.cpus_per_task = 3;
    job.threads = 2;
    job.time = "01:30:00";
    job.partition = "short";
    job.sbatch_args = {"--account=lab", "--comment=two words"};
  }
  ~Setup() { fs::remove_all(root); }

  // Runs `script` with bash and `environment` ("NAME=value ..."); its exit status.
  int execute(const std::string& script, const std::string& environment) {
    const fs::path file = root / "script.sh";
    std::ofstream(file) << script;
    const std::string command = "cd / && env " + environment + " bash '" + file.string() + "' > '" +
                                (root / "out.txt").string() + "' 2>&1";
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::string calls() const { return read(root / "calls.txt"); }
  std::string output() const { return read(root / "out.txt"); }

  fs::path root;
  nnsweep::SlurmJob job;
};

// The #SBATCH lines, which sbatch only reads before the first command.
std::vector<std::string> directives(const std::string& script) {
  std::vector<std::string> found;
  std::istringstream lines(script);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line[0] != '#') break;
    if (line.starts_with("#SBATCH ")) found.push_back(line.substr(8));
  }
  return found;
}

bool has(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

}  // namespace

BOOST_AUTO_TEST_CASE(part_names_sort_in_task_order) {
  BOOST_TEST(nnsweep::part_file_name(3, 12) == "part-03-of-12.h5");
  BOOST_TEST(nnsweep::part_file_name(7, 7) == "part-7-of-7.h5");
  BOOST_TEST(nnsweep::part_file_name(1, 100) == "part-001-of-100.h5");
  BOOST_TEST(nnsweep::part_file_name(9, 100) < nnsweep::part_file_name(10, 100));
}

BOOST_AUTO_TEST_CASE(array_indexes_are_zero_based_ranges) {
  BOOST_TEST(nnsweep::array_indexes({1, 2, 3, 4, 8, 10, 11}) == "0-3,7,9-10");
  BOOST_TEST(nnsweep::array_indexes({5}) == "4");
  BOOST_TEST(nnsweep::array_indexes({2, 4}) == "1,3");
}

BOOST_AUTO_TEST_CASE(sbatch_directives_refuse_what_a_line_cannot_carry) {
  BOOST_TEST(nnsweep::sbatch_directive("--qos=high") == "#SBATCH --qos=high\n");
  BOOST_TEST(nnsweep::sbatch_directive("--comment=a b") == "#SBATCH \"--comment=a b\"\n");
  BOOST_CHECK_THROW(nnsweep::sbatch_directive("qos=high"), std::invalid_argument);
  BOOST_CHECK_THROW(nnsweep::sbatch_directive(""), std::invalid_argument);
  BOOST_CHECK_THROW(nnsweep::sbatch_directive("--comment=\"x\""), std::invalid_argument);
  BOOST_CHECK_THROW(nnsweep::sbatch_directive("--a\n--b"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(array_script_directives) {
  Setup setup;
  const auto lines = directives(nnsweep::array_script(setup.job));
  BOOST_TEST(has(lines, "--array=0-11"));
  BOOST_TEST(has(lines, "--cpus-per-task=3"));
  BOOST_TEST(has(lines, "--time=01:30:00"));
  BOOST_TEST(has(lines, "--partition=short"));
  BOOST_TEST(has(lines, "--account=lab"));
  BOOST_TEST(has(lines, "\"--comment=two words\""));
  BOOST_TEST(has(lines, "--job-name=nnsweep-moons"));
  BOOST_TEST(has(lines, "\"--output=" + setup.job.folder + "/logs/%A_%a.out\""));
}

BOOST_AUTO_TEST_CASE(array_task_runs_its_share_into_its_part) {
  Setup setup;
  const std::string script = nnsweep::array_script(setup.job);
  BOOST_TEST(setup.execute(script, "SLURM_ARRAY_TASK_ID=4") == 0);
  const std::string expected =
      "--\nrun\n/experiments/my sweep.yaml\n--set\nmodel.hidden=[4, 4]\n"
      "--set\nnote=it's\n--plugin\n/lib/plugin.so\n--threads\n2\n"
      "--share\n5/12\n--out\n" +
      setup.job.folder + "/parts/part-05-of-12.h5\n";
  BOOST_TEST(setup.calls() == expected);
  // Diverged runs (exit 3) still complete the part; other failures fail the task.
  BOOST_TEST(setup.execute(script, "SLURM_ARRAY_TASK_ID=0 FAKE_EXIT=3") == 0);
  BOOST_TEST(setup.execute(script, "SLURM_ARRAY_TASK_ID=0 FAKE_EXIT=1") == 1);
  BOOST_TEST(setup.execute(script, "SLURM_ARRAY_TASK_ID=0 FAKE_EXIT=130") == 130);
}

BOOST_AUTO_TEST_CASE(merge_job_merges_what_exists_and_names_missing_tasks) {
  Setup setup;
  setup.job.tasks = 3;
  const std::string parts = setup.job.folder + "/parts/";
  std::ofstream(parts + "part-1-of-3.h5") << "x";
  std::ofstream(parts + "part-3-of-3.h5") << "x";
  const std::string script = nnsweep::merge_script(setup.job);
  const auto lines = directives(script);
  BOOST_TEST(has(lines, "--job-name=nnsweep-moons-merge"));
  BOOST_TEST(has(lines, "--cpus-per-task=1"));
  BOOST_TEST(!has(lines, "--array=0-2"));
  BOOST_TEST(setup.execute(script, "X=1") == 1);
  BOOST_TEST(setup.calls() == "--\nmerge\n--overwrite\n" + setup.job.out + "\n" + parts +
                                  "part-1-of-3.h5\n" + parts + "part-3-of-3.h5\n--\nslurm\n" +
                                  "--status\n" + setup.job.folder + "\n");
  BOOST_TEST(setup.output().find("1 of 3 tasks left no part file: tasks 2\n") != std::string::npos);
  // Every part there: merge's own exit status.
  std::ofstream(parts + "part-2-of-3.h5") << "x";
  BOOST_TEST(setup.execute(script, "FAKE_EXIT=0") == 0);
  BOOST_TEST(setup.execute(script, "FAKE_EXIT=2") == 2);
  BOOST_TEST(setup.output().find("left no part file") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(merge_job_with_no_part_does_not_merge) {
  Setup setup;
  setup.job.tasks = 2;
  BOOST_TEST(setup.execute(nnsweep::merge_script(setup.job), "X=1") == 1);
  BOOST_TEST(setup.calls() == "--\nslurm\n--status\n" + setup.job.folder + "\n");
  BOOST_TEST(setup.output().find("tasks 1 2\n") != std::string::npos);
}
