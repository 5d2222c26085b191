// nnsweep run: plan the experiment, hand it to the run layer (runner/session),
// and report what happened. Rerunning the same command after an interruption
// resumes; running a grown or shrunk sweep reuses every run already done.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <variant>

#include "builtin.hpp"
#include "cli/exit_codes.hpp"
#include "cli/prepare.hpp"
#include "cli/progress.hpp"
#include "cli/provenance.hpp"
#include "cli/stop_signals.hpp"
#include "cli/table.hpp"
#include "session/session.hpp"
#include "util/format.hpp"

namespace nnsweep {
namespace {

std::string runs_text(std::int64_t runs) {
  return std::to_string(runs) + (runs == 1 ? " run" : " runs");
}

int finish(const Results& results, const std::string& out, bool quiet, bool single) {
  if (!quiet && single && !results.runs.empty()) {
    const RunResult& result = results.runs.front().result;
    const auto name = results.provenance.find("name");
    // Fixed decimals as the post prints costs, unless a blown-up cost needs an exponent.
    const char* cost_format = std::fabs(result.final_cost) < 1e6 ? "%.6f" : "%.6g";
    std::printf("%s: %s, final cost %s, train accuracy %.4f, %lld iterations in %.3f s -> %s\n",
                name == results.provenance.end() ? "run" : name->second.c_str(),
                status_name(result.status).c_str(), format(cost_format, result.final_cost).c_str(),
                result.train_accuracy, (long long)result.iterations_run, result.wall_time_s,
                out.c_str());
    if (result.status != RunStatus::ok) std::printf("%s\n", result.message.c_str());
    std::fflush(stdout);
  } else if (!quiet) {
    print_table(std::cout, results, TableOptions{});
    std::cout << "results: " << out << std::endl;
  }
  std::size_t failed = 0;
  for (const RunRecord& run : results.runs) failed += run.result.status != RunStatus::ok;
  if (failed == 0) return kExitOk;
  std::cerr << "nnsweep: " << failed << " of " << results.runs.size()
            << " runs diverged or failed (see the status and message columns)\n";
  return kExitRunsFailed;
}

void report_start(const SessionCounts& counts, const std::string& out, const std::string& journal) {
  if (counts.reused) {
    std::cerr << "nnsweep: reusing " << counts.reused << " of " << runs_text(counts.runs)
              << " from " << out << "\n";
  }
  if (counts.resumed) {
    std::cerr << "nnsweep: resuming: " << counts.resumed << " of " << counts.runs
              << " runs already done in " << journal << "\n";
  }
}

void report_duplicates(const PlannedExperiment& experiment) {
  if (experiment.duplicates.empty()) return;
  std::cerr << "nnsweep: " << experiment.duplicates.size() << " of " << experiment.points
            << " sweep points repeat an earlier run (a swept parameter the chosen plugin does "
               "not use, or equal draws); "
            << runs_text(static_cast<std::int64_t>(experiment.runs.size())) << " to do\n";
}

struct Planned {
  PlannedExperiment experiment;
  std::optional<Share> share;
};

// Exit code on failure, else the plan and share to run.
std::variant<int, Planned> plan_run(const RunArguments& arguments) {
  Planned planned;
  if (!arguments.share.empty() && !(planned.share = parse_share(arguments.share))) {
    std::cerr << "nnsweep: --share must be K/N with 1 <= K <= N, got '" << arguments.share << "'\n";
    return kExitConfigError;
  }
  try {
    const auto prepared = prepare(arguments);
    planned.experiment = plan_experiment(prepared->document, *prepared->plan, *prepared->resolver);
  } catch (const ConfigError& error) {
    return report_config_error(error);
  }
  return planned;
}

}  // namespace

int run_command(const RunArguments& arguments) {
  auto plan = plan_run(arguments);
  if (const int* code = std::get_if<int>(&plan)) return *code;
  const Planned& planned = std::get<Planned>(plan);
  const PlannedExperiment& experiment = planned.experiment;
  const bool single = experiment.runs.size() == 1 && !planned.share;
  SessionOptions options;
  options.out = arguments.out.empty() ? "results/" + experiment.name + ".h5" : arguments.out;
  options.threads = arguments.threads;
  options.overwrite = arguments.overwrite;
  options.fresh = arguments.fresh;
  options.share = planned.share;
  options.dataset_limit = arguments.dataset_limit;
  options.provenance = provenance(arguments.command_line);
  StopSignals signals;
  options.stop = signals.flag();

  std::optional<Progress> progress;
  SessionObserver observer;
  observer.started = [&](const SessionCounts& counts, const std::string& journal) {
    if (!arguments.quiet) report_start(counts, options.out, journal);
    progress.emplace(counts.runs, counts.runs - counts.to_train, arguments.quiet || single);
  };
  observer.finished = [&](const RunRecord& record) {
    progress->finished(record.result.status == RunStatus::ok ? record.result.final_cost : NAN);
  };
  if (single && !arguments.quiet) {
    observer.log = [](std::int64_t iteration, double cost) {
      std::printf("Cost after iteration %lld: %f\n", (long long)iteration, cost);
    };
  }
  if (!arguments.quiet) report_duplicates(experiment);
  SessionReport report;
  try {
    report = run_session(experiment, options, observer, builtin_registries());
  } catch (const Refusal& refusal) {
    std::cerr << "nnsweep: " << refusal.what() << "\n";
    return kExitConfigError;
  } catch (const std::exception& error) {
    std::cerr << "nnsweep: " << error.what() << "\n";
    return kExitError;
  }
  if (progress) progress->done();
  if (report.outcome == SessionOutcome::interrupted) {
    std::cerr << "nnsweep: interrupted: " << report.kept << " of " << report.counts.runs
              << " runs kept in " << report.journal << "; run the same command again to resume\n";
    return 128 + signals.received();
  }
  if (report.outcome == SessionOutcome::up_to_date && !arguments.quiet) {
    std::cerr << "nnsweep: " << options.out << " is up to date (" << runs_text(report.counts.runs)
              << "); nothing to recompute (--fresh recomputes)\n";
  }
  return finish(report.results, options.out, arguments.quiet, single);
}

}  // namespace nnsweep
