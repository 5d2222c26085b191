// nnsweep run: train every run of the plan, journal each as it finishes, and
// publish the results file once all are done. Rerunning the same command after
// an interruption resumes from the journal.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "builtin.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output_path.hpp"
#include "cli/prepare.hpp"
#include "cli/progress.hpp"
#include "cli/provenance.hpp"
#include "cli/table.hpp"
#include "store/journal.hpp"
#include "sweep/executor.hpp"
#include "sweep/share.hpp"

namespace nnsweep {
namespace {

std::string experiment_yaml(const ConfigDocument& document) {
  // The file as written, with the --set overrides noted, so that the results
  // file alone says how to reproduce the experiment.
  std::string yaml = document.text;
  if (!document.overrides.empty()) {
    yaml += "\n# command-line overrides:\n";
    for (const auto& [key, value] : document.overrides) {
      yaml += "#   --set " + key + "=" + flow_text(value.value) + "\n";
    }
  }
  return yaml;
}

std::string plan_identity(const std::vector<PlannedRun>& runs) {
  std::string ids;
  for (const PlannedRun& run : runs) ids += run.id + "\n";
  return stable_hash(ids);
}

std::map<std::string, StoredDataset> stored_datasets(const std::vector<PlannedRun>& runs,
                                                     const DatasetCache& cache,
                                                     std::int64_t value_limit) {
  std::map<std::string, StoredDataset> stored;
  for (const PlannedRun& run : runs) {
    if (stored.count(run.dataset_id)) continue;
    const Dataset& data = *cache.at(run.dataset_id);
    StoredDataset& entry = stored[run.dataset_id];
    entry.config_yaml = plugin_yaml(run.config.dataset);
    entry.examples = data.X.cols();
    entry.features = data.X.rows();
    entry.outputs = data.Y.rows();
    entry.stored = data.X.size() + data.Y.size() <= value_limit;
    if (entry.stored) {
      entry.X = data.X;
      entry.Y = data.Y;
    }
  }
  return stored;
}

std::size_t count_not_ok(const Results& results) {
  std::size_t count = 0;
  for (const RunRecord& run : results.runs) count += run.result.status != RunStatus::ok;
  return count;
}

int finish(const Results& results, const std::string& out, bool quiet, bool single) {
  if (!quiet) {
    if (single && !results.runs.empty()) {
      const RunResult& result = results.runs.front().result;
      const auto name = results.provenance.find("name");
      std::printf("%s: %s, final cost %.6f, train accuracy %.4f, %lld iterations in %.3f s -> %s\n",
                  name == results.provenance.end() ? "run" : name->second.c_str(),
                  status_name(result.status).c_str(),
                  result.final_cost, result.train_accuracy, (long long)result.iterations_run,
                  result.wall_time_s, out.c_str());
      std::fflush(stdout);
    } else {
      print_table(std::cout, results, TableOptions{});
      std::cout << "results: " << out << std::endl;
    }
  }
  if (const std::size_t failed = count_not_ok(results)) {
    std::cerr << "nnsweep: " << failed << " of " << results.runs.size()
              << " runs diverged or failed (see the status column)\n";
    return kExitRunsFailed;
  }
  return kExitOk;
}


// What the output path already holds decides between refusing, reporting the
// results as up to date, and (re)computing. Returns an exit code when done.
std::optional<int> handle_existing_output(const std::string& out, const std::string& experiment_id,
                                          const std::string& share, const RunArguments& arguments,
                                          bool single) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::is_directory(out, error)) {
    std::cerr << "nnsweep: " << out << " is a directory; give a results file name with --out\n";
    return kExitConfigError;
  }
  if (!fs::exists(out, error)) return std::nullopt;
  std::optional<ResultsIdentity> identity;
  try {
    identity = read_results_identity(out);
  } catch (const std::exception&) {
  }
  const bool same = identity && identity->experiment_id == experiment_id && identity->share == share;
  if (same && !arguments.fresh) {
    // A kill between publishing and deleting the journal leaves a finished
    // journal beside the file; it holds nothing the file does not.
    if (fs::exists(out + ".partial", error)) {
      try {
        Journal(out + ".partial", experiment_id + " " + share, false).remove();
      } catch (const std::exception&) {
        // Busy or another experiment's: leave it to its owner.
      }
    }
    if (!arguments.quiet) {
      std::cerr << "nnsweep: " << out << " is up to date (" << identity->runs
                << (identity->runs == 1 ? " run" : " runs") << "); nothing to recompute (--fresh recomputes)\n";
    }
    try {
      return finish(read_results_file(out), out, arguments.quiet, single);
    } catch (const std::exception& failure) {
      std::cerr << "nnsweep: " << failure.what() << "\n";
      return kExitError;
    }
  }
  if (!same && !arguments.overwrite) {
    std::cerr << "nnsweep: " << out << " already holds "
              << (identity ? "results of a different experiment ('" + identity->name + "', " +
                                 std::to_string(identity->runs) + (identity->runs == 1 ? " run)" : " runs)")
                           : std::string("a file that is not an nnsweep results file"))
              << "; it is left untouched. Use --out for another file, or --overwrite to replace "
                 "it\n";
    return kExitConfigError;
  }
  return std::nullopt;
}

std::unique_ptr<Journal> open_journal(const std::string& out, const std::string& identity,
                                      const RunArguments& arguments) {
  const std::string path = out + ".partial";
  try {
    return std::make_unique<Journal>(path, identity, arguments.fresh);
  } catch (const JournalMismatch& mismatch) {
    if (!arguments.overwrite) {
      throw JournalMismatch(std::string(mismatch.what()) +
                            "; finish that experiment, or use --overwrite to discard its runs");
    }
  }
  return std::make_unique<Journal>(path, identity, true);
}

}  // namespace

int run_command(const RunArguments& arguments) {
  std::unique_ptr<Prepared> prepared;
  std::vector<PlannedRun> all_runs;
  std::optional<Share> share;
  try {
    if (!arguments.share.empty() && !(share = parse_share(arguments.share))) {
      std::cerr << "nnsweep: --share must be K/N with 1 <= K <= N, got '" << arguments.share
                << "'\n";
      return kExitConfigError;
    }
    prepared = prepare(arguments);
    for (std::int64_t i = 0; i < prepared->plan->size(); ++i) {
      all_runs.push_back(prepared->resolver->resolve(i));
    }
  } catch (const ConfigError& error) {
    return report_config_error(error);
  }
  const bool single = all_runs.size() == 1 && !share;
  const std::string name = all_runs.front().config.name;
  const std::string out = arguments.out.empty() ? "results/" + name + ".h5" : arguments.out;
  const std::string share_text = share ? share->text() : "";
  Results results;
  results.experiment_yaml = experiment_yaml(prepared->document);
  results.experiment_id = plan_identity(all_runs);
  results.plan_size = static_cast<std::int64_t>(all_runs.size());
  results.share = share_text;
  results.swept_keys = prepared->resolver->summary_keys();
  std::vector<PlannedRun> runs;
  for (PlannedRun& run : all_runs) {
    if (!share || share->contains(run.index)) runs.push_back(std::move(run));
  }

  if (auto code = handle_existing_output(out, results.experiment_id, share_text, arguments, single)) {
    return *code;
  }
  if (std::string problem = check_output_folder(out, arguments.out.empty()); !problem.empty()) {
    std::cerr << "nnsweep: " << problem << "\n";
    return kExitConfigError;
  }

  const Registries& registries = builtin_registries();
  try {
    auto journal = open_journal(out, results.experiment_id + " " + share_text, arguments);
    std::map<std::int64_t, std::size_t> slot_of;
    for (std::size_t slot = 0; slot < runs.size(); ++slot) slot_of[runs[slot].index] = slot;
    results.runs.resize(runs.size());
    std::vector<bool> done(runs.size(), false);
    std::size_t recovered = 0;
    for (RunRecord& record : journal->recovered()) {
      auto slot = slot_of.find(record.index);
      if (slot == slot_of.end() || runs[slot->second].id != record.id || done[slot->second]) continue;
      done[slot->second] = true;
      results.runs[slot->second] = std::move(record);
      ++recovered;
    }
    if (recovered && !arguments.quiet) {
      std::cerr << "nnsweep: resuming: " << recovered << " of " << runs.size()
                << " runs already done in " << journal->path() << "\n";
    }
    std::vector<PlannedRun> to_do;
    for (std::size_t slot = 0; slot < runs.size(); ++slot) {
      if (!done[slot]) to_do.push_back(runs[slot]);
    }

    const DatasetCache datasets = generate_datasets(runs, registries);
    Progress progress(static_cast<std::int64_t>(runs.size()), static_cast<std::int64_t>(recovered),
                      arguments.quiet || single);
    ExecutionOptions options;
    options.threads = arguments.threads;
    if (single && !arguments.quiet) {
      options.log = [](std::int64_t iteration, double cost) {
        std::printf("Cost after iteration %lld: %f\n", (long long)iteration, cost);
      };
    }
    options.on_finished = [&](RunRecord&& record) {
      journal->append(record);
      progress.finished(record.result.status == RunStatus::ok ? record.result.final_cost : NAN);
      results.runs[slot_of.at(record.index)] = std::move(record);
    };
    execute_runs(to_do, datasets, registries, options);
    progress.done();
    journal->sync();

    results.datasets = stored_datasets(runs, datasets, arguments.dataset_limit);
    results.provenance = provenance(arguments.command_line);
    results.provenance["name"] = name;
    std::error_code ignored;
    publish_results_file(out, results, std::filesystem::exists(out, ignored));
    journal->remove();
  } catch (const JournalMismatch& error) {
    std::cerr << "nnsweep: " << error.what() << "\n";
    return kExitConfigError;
  } catch (const JournalBusy& error) {
    std::cerr << "nnsweep: " << error.what() << "\n";
    return kExitConfigError;
  } catch (const std::exception& error) {
    std::cerr << "nnsweep: " << error.what() << "\n";
    return kExitError;
  }
  return finish(results, out, arguments.quiet, single);
}

}  // namespace nnsweep
