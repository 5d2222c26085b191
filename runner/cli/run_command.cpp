// nnsweep run: plan the experiment, hand it to the run layer (runner/session),
// and report what happened. Rerunning the same command after an interruption
// resumes; running a grown or shrunk sweep reuses every run already done.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>
#include <new>
#include <optional>
#include <unordered_set>
#include <utility>
#include <variant>

#include "cli/exit_codes.hpp"
#include "cli/mpi_run.hpp"
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

// "train accuracy 0.8500" or "test rmse 0.31, r2 0.95": the task's headline metrics.
std::string headline(const char* part, const Metrics& metrics) {
  if (!std::isnan(metrics.accuracy)) return format(", %s accuracy %.4f", part, metrics.accuracy);
  if (!std::isnan(metrics.rmse)) {
    return format(", %s rmse %.6g, r2 %.4f", part, metrics.rmse, metrics.r2);
  }
  return "";
}

// One line on a single run, the post's figures first.
std::string run_line(const std::string& name, const RunResult& result, const std::string& out) {
  // Fixed decimals as the post prints costs, unless a blown-up cost needs an exponent.
  const char* cost_format = std::fabs(result.train.cost) < 1e6 ? "%.6f" : "%.6g";
  std::string line = name + ": " + status_name(result.status) + ", final cost " +
                     format(cost_format, result.train.cost) + headline("train", result.train) +
                     headline("test", result.test);
  if (result.epochs_run != result.iterations_run) {
    line += format(", %lld epochs (%lld iterations)", (long long)result.epochs_run,
                   (long long)result.iterations_run);
  } else {
    line += format(", %lld iterations", (long long)result.iterations_run);
  }
  if (result.best_epoch >= 0) line += format(", best epoch %lld", (long long)result.best_epoch);
  return line + format(" in %.3f s -> %s", result.wall_time_s, out.c_str());
}

int finish(const Results& results, const std::string& out, bool quiet, bool single) {
  if (!quiet && single && !results.runs.empty()) {
    const RunResult& result = results.runs.front().result;
    const auto name = results.provenance.find("name");
    std::printf(
        "%s\n",
        run_line(name == results.provenance.end() ? "run" : name->second, result, out).c_str());
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
  if (counts.other_arithmetic) {
    std::cerr << "nnsweep: " << out << " holds " << runs_text(counts.other_arithmetic)
              << " computed with an earlier nnsweep's arithmetic; they are trained again, so "
                 "that no results file mixes the two\n";
  }
  if (counts.dropped) {
    std::cerr << "nnsweep: warning: " << counts.dropped << " earlier result"
              << (counts.dropped == 1 ? "" : "s") << " (in " << journal << " or " << out
              << ") do not fit their runs as planned (the first has " << counts.dropped_reason
              << "); those runs are trained again\n";
  }
  if (counts.reused) {
    std::cerr << "nnsweep: reusing " << counts.reused << " of " << runs_text(counts.runs)
              << " from " << out << "\n";
  }
  if (counts.resumed) {
    std::cerr << "nnsweep: resuming: " << counts.resumed << " of " << counts.runs
              << " runs already done in " << journal << "\n";
  }
}

void report_repeats(const SessionCounts& counts) {
  if (counts.duplicates) {
    std::cerr << "nnsweep: " << counts.duplicates << " of " << counts.runs + counts.duplicates
              << " sweep points repeat an earlier run (a swept parameter the chosen plugin does "
                 "not use, or equal draws); "
              << runs_text(counts.runs) << " to do\n";
  }
  if (counts.invalid) {
    std::cerr << "nnsweep: warning: " << counts.invalid << " of " << runs_text(counts.runs)
              << " have an invalid config that validation's sample did not meet; they fail "
                 "alone, with the error as their message\n";
  }
}

// Runs of the plan, repeats removed where validation resolved them all (else
// its points, which a plan too large to resolve whole has many of).
std::int64_t distinct_runs_known(const PlannedExperiment& experiment) {
  if (experiment.resolved.empty()) return experiment.points;
  std::unordered_set<std::uint64_t> ids;
  for (const PlannedRun& run : experiment.resolved) ids.insert(id_key(run.id));
  return static_cast<std::int64_t>(ids.size());
}

struct Planned {
  std::unique_ptr<Prepared> prepared;  // its registries train the runs
  PlannedExperiment experiment;
  std::optional<Share> share;
};

// Exit code on failure, else the plan and share to run.
std::variant<int, Planned> plan_run(const RunArguments& arguments, const Registries& registries) {
  Planned planned;
  if (!arguments.share.empty() && !(planned.share = parse_share(arguments.share))) {
    std::cerr << "nnsweep: --share must be K/N with 1 <= K <= N, got '" << arguments.share << "'\n";
    return kExitConfigError;
  }
  try {
    planned.prepared = prepare(arguments, registries);
    const Prepared& prepared = *planned.prepared;
    planned.experiment =
        plan_experiment(prepared.document, *prepared.plan, *prepared.resolver, arguments.threads);
  } catch (const ConfigError& error) {
    return report_config_error(error);
  }
  return planned;
}

}  // namespace

int run_command(const RunArguments& arguments, const Registries& registries) {
  ClusterRun cluster;  // one rank of mpirun -n N (cli/mpi_run.hpp), or a single process
  if (cluster.refused()) return cluster.refused();
  if (cluster.is_worker()) return cluster.work(arguments, registries);
  auto plan = plan_run(arguments, registries);
  const int* failed = std::get_if<int>(&plan);
  if (const int code = cluster.planned(failed ? *failed : kExitOk)) return code;
  const Planned& planned = std::get<Planned>(plan);
  const PlannedExperiment& experiment = planned.experiment;
  const bool single = !planned.share && distinct_runs_known(experiment) == 1;
  SessionOptions options;
  options.out = arguments.out.empty() ? "results/" + experiment.name + ".h5" : arguments.out;
  options.threads = arguments.threads;
  options.overwrite = arguments.overwrite;
  options.fresh = arguments.fresh;
  options.share = planned.share;
  options.dataset_limit = arguments.dataset_limit;
  options.provenance = provenance(arguments.command_line);
  if (!planned.prepared->libraries.empty()) {
    options.provenance["plugin_libraries"] = libraries_text(planned.prepared->libraries);
  }
  cluster.add_provenance(options.provenance);
  StopSignals signals;
  options.stop = signals.flag();
  options.executor = cluster.executor(options.stop);

  std::optional<Progress> progress;
  SessionObserver observer;
  observer.started = [&](const SessionCounts& counts, const std::string& journal) {
    if (!arguments.quiet) {
      report_repeats(counts);
      report_start(counts, options.out, journal);
    }
    // With no more runs than threads every run is in flight at once, and
    // only their iterations show progress.
    const int threads =
        training_threads(arguments.threads, std::numeric_limits<std::size_t>::max());
    ProgressOptions shown;
    shown.count_iterations = counts.to_train > 0 && counts.to_train <= threads;
    shown.quiet = arguments.quiet || (single && !shown.count_iterations);
    shown.final_line = !single;  // a single run ends with its own summary line
    progress.emplace(counts.runs, counts.runs - counts.to_train, shown);
  };
  observer.finished = [&](const RunRecord& record) {
    progress->finished(record.result.status == RunStatus::ok ? record.result.train.cost : NAN);
  };
  if (single && !arguments.quiet) {
    observer.log = [&progress](std::string_view unit, std::int64_t step, double cost) {
      const std::string text = format("Cost after %.*s %lld: %f\n", int(unit.size()), unit.data(),
                                      (long long)step, cost);
      if (progress) {
        progress->print_above(text);
      } else {
        std::fputs(text.c_str(), stdout);
      }
    };
  }
  SessionReport report;
  try {
    report = run_session(experiment, options, observer, planned.prepared->registries);
  } catch (const Refusal& refusal) {
    std::cerr << "nnsweep: " << refusal.what() << "\n";
    return kExitConfigError;
  } catch (const DataError& error) {
    return report_data_error(error);
  } catch (const std::bad_alloc&) {
    throw;  // main() says "out of memory"
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
  const int code = finish(report.results, options.out, arguments.quiet, single);
#if !defined(__SANITIZE_ADDRESS__)
  // The process ends next: leaving the plan and the results to it, rather
  // than freeing every run's config and record one by one, saves some 50 ms
  // after 10,000 runs. Sanitizer builds free them, so that LeakSanitizer
  // (which an optimised build's unread static pointer does not satisfy) can
  // still check every other allocation.
  static const auto* left_to_exit =
      new std::pair<decltype(plan), SessionReport>(std::move(plan), std::move(report));
  (void)left_to_exit;
#endif
  return code;
}

}  // namespace nnsweep
