// The run layer: reuse of finished runs by id, resume from the journal,
// up-to-date files, and sweep points that repeat a run.
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "builtin_registries.hpp"
#include "session_support.hpp"
#include "store/journal.hpp"
#include "sweep/executor.hpp"

namespace fs = std::filesystem;
using namespace nnsweep;
using namespace nnsweep::testing;

BOOST_AUTO_TEST_SUITE(session)

BOOST_AUTO_TEST_CASE(growing_a_sweep_trains_only_the_new_runs) {
  ScratchDir scratch;
  const fs::path out = scratch.path() / "grow.h5";
  const SessionReport first = run_into(plan_of(scratch, sweep_yaml("grow", "[1, 3]")), out);
  BOOST_TEST(first.counts.to_train == 4);

  const PlannedExperiment grown = plan_of(scratch, sweep_yaml("grow", "[1, 2, 3]"));
  const SessionReport second = run_into(grown, out);
  BOOST_TEST(second.counts.runs == 6);
  BOOST_TEST(second.counts.reused == 4);
  BOOST_TEST(second.counts.to_train == 2);
  BOOST_TEST(!fs::exists(out.string() + ".partial"));

  const fs::path fresh = scratch.path() / "fresh.h5";
  run_into(grown, fresh);
  check_same_results(read_results_file(out.string()), read_results_file(fresh.string()));
}

BOOST_AUTO_TEST_CASE(shrinking_a_sweep_trains_nothing_and_publishes_the_smaller_plan) {
  ScratchDir scratch;
  const fs::path out = scratch.path() / "shrink.h5";
  run_into(plan_of(scratch, sweep_yaml("shrink", "[1, 2, 3]")), out);
  const PlannedExperiment smaller = plan_of(scratch, sweep_yaml("shrink", "[3, 1]"));
  const SessionReport report = run_into(smaller, out);
  BOOST_TEST((report.outcome == SessionOutcome::published));
  BOOST_TEST(report.counts.reused == 4);
  BOOST_TEST(report.counts.to_train == 0);
  const Results published = read_results_file(out.string());
  BOOST_TEST_REQUIRE(published.runs.size() == 4u);
  // Plan order of the new plan: hidden 3 first, and indices of the new plan.
  BOOST_TEST(published.runs[0].index == 0);
  BOOST_TEST(column_text(published.runs[0].columns[0]) == "[3]");
  BOOST_TEST(published.runs[3].index == 3);

  const fs::path fresh = scratch.path() / "fresh.h5";
  run_into(smaller, fresh);
  check_same_results(published, read_results_file(fresh.string()));
}

BOOST_AUTO_TEST_CASE(the_same_plan_again_is_up_to_date_and_fresh_recomputes) {
  ScratchDir scratch;
  const fs::path out = scratch.path() / "same.h5";
  const PlannedExperiment experiment = plan_of(scratch, sweep_yaml("same", "[1, 2]"));
  run_into(experiment, out);
  const auto written = fs::last_write_time(out);
  const SessionReport again = run_into(experiment, out);
  BOOST_TEST((again.outcome == SessionOutcome::up_to_date));
  BOOST_TEST(again.results.runs.size() == 4u);
  BOOST_TEST((fs::last_write_time(out) == written));

  SessionOptions fresh;
  fresh.fresh = true;
  const SessionReport recomputed = run_into(experiment, out, fresh);
  BOOST_TEST((recomputed.outcome == SessionOutcome::published));
  BOOST_TEST(recomputed.counts.reused == 0);
  BOOST_TEST(recomputed.counts.to_train == 4);
}

BOOST_AUTO_TEST_CASE(a_stopped_session_keeps_its_finished_runs_and_the_next_one_resumes) {
  ScratchDir scratch;
  const fs::path out = scratch.path() / "stop.h5";
  const PlannedExperiment experiment = plan_of(scratch, sweep_yaml("stop", "[1, 2, 3, 4]"));
  std::atomic<bool> stop{false};
  SessionOptions options;
  options.out = out.string();
  options.threads = 1;
  options.stop = &stop;
  SessionObserver observer;
  int finished = 0;
  observer.finished = [&](const RunRecord&) {
    if (++finished == 3) stop = true;
  };
  const SessionReport stopped = run_session(experiment, options, observer, builtin_registries());
  // Runs that finished before the observer saw the third one are kept too; in
  // the rare case that all did, nothing is lost and the file is published.
  if (stopped.kept == 8) {
    BOOST_TEST((stopped.outcome == SessionOutcome::published));
    return;
  }
  BOOST_TEST((stopped.outcome == SessionOutcome::interrupted));
  BOOST_TEST(stopped.kept >= 3);
  BOOST_TEST(!fs::exists(out));
  BOOST_TEST(fs::exists(stopped.journal));

  const SessionReport resumed = run_into(experiment, out);
  BOOST_TEST(resumed.counts.resumed == stopped.kept);
  BOOST_TEST(resumed.counts.to_train == 8 - stopped.kept);
  const fs::path fresh = scratch.path() / "fresh.h5";
  run_into(experiment, fresh);
  check_same_results(read_results_file(out.string()), read_results_file(fresh.string()));
}

BOOST_AUTO_TEST_CASE(a_journal_of_a_changed_plan_still_resumes_its_runs) {
  ScratchDir scratch;
  const fs::path out = scratch.path() / "edit.h5";
  std::atomic<bool> stop{true};  // stop at once: only the journal is made
  SessionOptions options;
  options.out = out.string();
  options.stop = &stop;
  const PlannedExperiment before = plan_of(scratch, sweep_yaml("edit", "[1, 2]"));
  BOOST_TEST(run_session(before, options, {}, builtin_registries()).kept == 0);
  {
    // Two finished runs of the old plan, as an interrupted session leaves them.
    Journal journal(out.string() + ".partial", "edit ", false);
    const DatasetCache data = generate_datasets(std::vector<const PlannedRun*>{&before.resolved[0]},
                                                builtin_registries());
    for (std::size_t i = 0; i < 2; ++i) {
      journal.append(make_record(before.resolved[i],
                                 train_run(data.begin()->second->prepared.train,
                                           before.resolved[i].config, builtin_registries())));
    }
  }
  const PlannedExperiment after = plan_of(scratch, sweep_yaml("edit", "[5, 1]"));
  const SessionReport report = run_into(after, out);
  BOOST_TEST(report.counts.resumed == 2);  // hidden [1] with both seeds
  BOOST_TEST(report.counts.to_train == 2);
  const fs::path fresh = scratch.path() / "fresh.h5";
  run_into(after, fresh);
  check_same_results(read_results_file(out.string()), read_results_file(fresh.string()));
}

BOOST_AUTO_TEST_CASE(a_parameter_of_another_plugin_is_missing_and_repeats_are_trained_once) {
  ScratchDir scratch;
  const PlannedExperiment experiment = plan_of(scratch, repeating_sweep_yaml("nested"));
  BOOST_TEST(experiment.points == 4);
  const DistinctRuns distinct = distinct_runs(experiment);
  BOOST_TEST_REQUIRE(distinct.runs.size() == 3u);
  BOOST_TEST_REQUIRE(distinct.duplicates.size() == 1u);
  BOOST_TEST(distinct.duplicates[0].first == 1);   // gd with 0.9 ...
  BOOST_TEST(distinct.duplicates[0].second == 0);  // ... is gd with 0.5
  BOOST_TEST(!distinct.runs[0].columns[1].has_value(), "gd uses no momentum");
  BOOST_TEST((distinct.runs[1].columns[1] == ColumnValue(0.5)));
  BOOST_TEST((distinct.runs[2].columns[1] == ColumnValue(0.9)));

  const fs::path out = scratch.path() / "nested.h5";
  const SessionReport report = run_into(experiment, out);
  BOOST_TEST(report.counts.to_train == 3);
  const Results stored = read_results_file(out.string());
  BOOST_TEST_REQUIRE(stored.runs.size() == 3u);
  BOOST_TEST(!stored.runs[0].columns[1].has_value());
  BOOST_TEST((stored.runs[2].columns[1] == ColumnValue(0.9)));
}

BOOST_AUTO_TEST_CASE(split_parameters_at_their_defaults_leave_run_identities_alone) {
  // Results written before datasets took split parameters stay reusable.
  ScratchDir scratch;
  const PlannedExperiment plain = plan_of(scratch, sweep_yaml("ids", "[1]"));
  const PlannedExperiment explicit_defaults = plan_of(
      scratch, sweep_yaml("ids", "[1]",
                          "  zip: {dataset.test_fraction: [0.0], dataset.stratify: [false]}\n"));
  const PlannedExperiment split = plan_of(
      scratch, sweep_yaml("ids", "[1]",
                          "  zip: {dataset.test_fraction: [0.25], dataset.stratify: [false]}\n"));
  BOOST_TEST(plain.resolved[0].config_yaml.find("test_fraction") == std::string::npos);
  BOOST_TEST(plain.resolved[0].id == explicit_defaults.resolved[0].id);
  BOOST_TEST(plain.resolved[0].dataset_id == explicit_defaults.resolved[0].dataset_id);
  BOOST_TEST(split.resolved[0].config_yaml.find("test_fraction: 0.25") != std::string::npos);
  BOOST_TEST(plain.resolved[0].id != split.resolved[0].id);
  BOOST_TEST(plain.resolved[0].dataset_id != split.resolved[0].dataset_id);
}

BOOST_AUTO_TEST_CASE(regularization_sweeps_as_a_column_and_zero_keeps_identities) {
  ScratchDir scratch;
  const PlannedExperiment plain = plan_of(scratch, sweep_yaml("reg", "[1]"));
  const PlannedExperiment swept =
      plan_of(scratch, sweep_yaml("reg", "[1]", "    regularization.l2: [0, 0.1]\n"));
  BOOST_TEST_REQUIRE(swept.resolved.size() == 4u);
  BOOST_TEST(swept.resolved[0].id == plain.resolved[0].id, "l2 = 0 is the unregularised run");
  BOOST_TEST(swept.resolved[1].id != plain.resolved[0].id);
  BOOST_TEST(swept.resolved[1].config_yaml.find("regularization: {l1: 0.0, l2: 0.1}") !=
             std::string::npos);
  BOOST_TEST((swept.resolved[1].columns.back() == ColumnValue(0.1)));
  BOOST_TEST((swept.resolved[0].columns.back() == ColumnValue(0.0)));
}

BOOST_AUTO_TEST_CASE(activation_lists_sweep_as_text_and_a_uniform_list_is_the_name) {
  ScratchDir scratch;
  const std::string yaml = R"(name: layers
dataset: {name: moons, n_samples: 30, seed: 0}
model: {hidden: [3, 2]}
train: {iterations: 5}
sweep:
  list:
    - {model.activation: tanh}
    - {model.activation: [tanh, tanh]}
    - {model.activation: [tanh, relu]}
)";
  const PlannedExperiment experiment = plan_of(scratch, yaml);
  const DistinctRuns distinct = distinct_runs(experiment);
  BOOST_TEST_REQUIRE(distinct.runs.size() == 2u, "[tanh, tanh] is the same run as tanh");
  BOOST_TEST(column_text(distinct.runs[0].columns[0]) == "tanh");
  BOOST_TEST(column_text(distinct.runs[1].columns[0]) == "[tanh, relu]");
  BOOST_TEST(distinct.runs[1].config_yaml.find("activation: [{name: tanh}, {name: relu}]") !=
             std::string::npos);
  const SessionReport report = run_into(experiment, scratch.path() / "layers.h5");
  BOOST_TEST(report.counts.to_train == 2);
}

BOOST_AUTO_TEST_CASE(training_threads_never_exceed_the_runs) {
  BOOST_TEST(training_threads(1000, 18) == 18);
  BOOST_TEST(training_threads(2, 18) == 2);
  BOOST_TEST(training_threads(4, 0) == 1);
  BOOST_TEST(training_threads(0, 1) == 1);
}

BOOST_AUTO_TEST_SUITE_END()
