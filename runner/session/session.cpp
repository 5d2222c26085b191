#include "session/session.hpp"

#include <filesystem>
#include <new>
#include <optional>
#include <unordered_map>

#include "session/earlier_results.hpp"
#include "session/output.hpp"
#include "session/refusal.hpp"
#include "session/temporary_file.hpp"
#include "store/journal.hpp"
#include "store/results_writer.hpp"
#include "sweep/executor.hpp"
#include "train/trainer.hpp"
#include "util/fault_point.hpp"

namespace nnsweep {
namespace {

// Each distinct training set of the runs, as stored under /datasets: sets
// larger than the limit are described but not stored.
std::map<std::string, StoredDataset> stored_datasets(const std::vector<const PlannedRun*>& runs,
                                                     const DatasetCache& cache,
                                                     std::int64_t value_limit) {
  std::map<std::string, StoredDataset> stored;
  for (const PlannedRun* run : runs) {
    if (stored.count(run->dataset_id)) continue;
    const RunData& run_data = *cache.at(run->dataset_id);
    const Dataset& data = run_data.generated;
    const PreparedData& parts = run_data.prepared;
    StoredDataset& entry = stored[run->dataset_id];
    entry.config_yaml = dataset_yaml(run->config.dataset);
    entry.examples = data.X.cols();
    entry.features = data.X.rows();
    entry.outputs = data.Y.rows();
    entry.stored = data.X.size() + data.Y.size() <= value_limit;
    entry.task = task_name(data.task);
    entry.classes = data.classes;
    entry.class_names = data.class_names;
    if (data.task == Task::classification && entry.class_names.empty()) {
      for (std::int64_t k = 0; k < data.classes; ++k)
        entry.class_names.push_back(std::to_string(k));
    }
    entry.train_index = parts.train_index;
    entry.test_index = parts.test_index;
    if (entry.stored) {
      entry.X = data.X;
      entry.Y = data.Y;
    }
  }
  return stored;
}

std::string journal_identity(const PlannedExperiment& experiment, const std::string& share) {
  return experiment.name + " " + share;
}

std::unique_ptr<Journal> open_journal(const std::string& path, const std::string& identity,
                                      const SessionOptions& options) {
  try {
    return std::make_unique<Journal>(path, identity, options.fresh);
  } catch (const JournalBusy& busy) {
    throw Refusal(busy.what());
  } catch (const JournalMismatch& mismatch) {
    if (!options.overwrite) {
      throw Refusal(std::string(mismatch.what()) +
                    "; finish that experiment, or use --overwrite to discard its runs");
    }
  }
  return std::make_unique<Journal>(path, identity, true);
}

// A journal left beside an up-to-date file by a kill between publishing and
// deleting it holds nothing the file does not.
void remove_finished_journal(const std::string& path, const std::string& identity) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return;
  try {
    Journal(path, identity, false).remove();
  } catch (const std::exception&) {
    // Busy, or another experiment's: leave it to its owner.
  }
}

// Results of earlier sessions by run id: the journal's first, then the file's.
// Runs of another arithmetic (config/experiment.hpp: kArithmetic) have other
// ids, so they never match: an older file's runs are trained again.
struct Reusable {
  std::unordered_map<std::string, RunResult> resumed, reused;
};

Reusable reusable_runs(Journal& journal, const std::string& out, bool from_file) {
  Reusable found;
  for (RunRecord& record : journal.recovered()) {
    found.resumed.insert_or_assign(record.id, std::move(record.result));
  }
  journal.recovered().clear();
  if (!from_file) return found;
  for (RunRecord& record : read_results_file(out).runs) {
    found.reused.emplace(record.id, std::move(record.result));
  }
  return found;
}

// The session's runs in plan order: those done earlier filled in, the rest to train.
struct Work {
  std::vector<RunRecord> records;
  std::unordered_map<std::int64_t, std::size_t> slot_of;  // plan index -> records slot
  // Into the experiment's runs: copying 10,000 resolved configs was a
  // noticeable share of a tiny sweep's time before training.
  std::vector<const PlannedRun*> to_train;
};

// A run's earlier result, taken out of `from` (each is used once).
std::optional<RunResult> take(std::unordered_map<std::string, RunResult>& from,
                              const std::string& id) {
  auto found = from.find(id);
  if (found == from.end()) return std::nullopt;
  RunResult result = std::move(found->second);
  from.erase(found);
  return result;
}

RunsPlan plan_of_runs(const std::vector<const PlannedRun*>& runs, const DatasetCache& datasets,
                      const Registries& registries);

// An earlier result of `run` that fits it as planned, or nullopt; one that
// does not is counted as dropped.
std::optional<RunResult> fitting(std::optional<RunResult> earlier, const PlannedRun& run,
                                 const std::vector<Eigen::Index>& network, SessionCounts& counts) {
  if (!earlier) return earlier;
  const std::string problem = misfit(*earlier, {network, most_curve_points(run.config.train)});
  if (problem.empty()) return earlier;
  if (counts.dropped++ == 0) counts.dropped_reason = problem;
  return std::nullopt;
}

Work match_earlier_runs(const std::vector<const PlannedRun*>& runs, const RunsPlan& plan,
                        Reusable& reusable, SessionCounts& counts) {
  Work work;
  work.records.resize(runs.size());
  counts.runs = static_cast<std::int64_t>(runs.size());
  for (std::size_t slot = 0; slot < runs.size(); ++slot) {
    const PlannedRun& run = *runs[slot];
    const std::vector<Eigen::Index>& network = plan.networks[slot];
    work.slot_of[run.index] = slot;
    if (auto resumed = fitting(take(reusable.resumed, run.id), run, network, counts)) {
      work.records[slot] = make_record(run, std::move(*resumed));
      ++counts.resumed;
    } else if (auto reused = fitting(take(reusable.reused, run.id), run, network, counts)) {
      work.records[slot] = make_record(run, std::move(*reused));
      ++counts.reused;
    } else {
      work.to_train.push_back(&run);
    }
  }
  return work;
}

// The results file of a plan whose runs are all at hand (in plan order).
Results assemble_results(const PlannedExperiment& experiment, const SessionOptions& options,
                         std::vector<RunRecord> runs,
                         std::map<std::string, StoredDataset> datasets) {
  Results results;
  results.experiment_yaml = experiment.experiment_yaml;
  results.experiment_id = experiment.experiment_id;
  results.plan_size = static_cast<std::int64_t>(experiment.runs.size());
  results.arithmetic = kArithmetic;
  results.share = options.share ? options.share->text() : "";
  results.swept_keys = experiment.summary_keys;
  results.runs = std::move(runs);
  results.datasets = std::move(datasets);
  return results;
}

// The shape of the file's /runs, from the plan: each run's network as its
// config builds it on its training set, its seeds, whether it has a test part.
RunsPlan plan_of_runs(const std::vector<const PlannedRun*>& runs, const DatasetCache& datasets,
                      const Registries& registries) {
  RunsPlan plan;
  for (const PlannedRun* run : runs) {
    const PreparedData& data = datasets.at(run->dataset_id)->prepared;
    plan.indices.push_back(run->index);
    plan.networks.push_back(layer_sizes(run->config, data.train, registries));
    plan.seeds.push_back(run->seeds);
    plan.test_parts = plan.test_parts || data.test.has_value();
  }
  return plan;
}

}  // namespace

SessionReport run_session(const PlannedExperiment& experiment, const SessionOptions& options,
                          const SessionObserver& observer, const Registries& registries) {
  const std::string share = options.share ? options.share->text() : "";
  std::vector<const PlannedRun*> runs;
  for (const PlannedRun& run : experiment.runs) {
    if (!options.share || options.share->contains(run.index)) runs.push_back(&run);
  }
  SessionReport report;
  report.journal = options.out + ".partial";
  const std::string identity = journal_identity(experiment, share);
  const auto up_to_date = [&] {
    report.outcome = SessionOutcome::up_to_date;
    report.results = read_results_file(options.out);
    report.counts.runs = report.counts.reused =
        static_cast<std::int64_t>(report.results.runs.size());
    return report;
  };
  // A first look, to refuse or finish before anything is created.
  if (decide_output(options.out, experiment, share, options.overwrite, options.fresh).up_to_date) {
    // A kill between publishing and deleting the journal can leave it behind.
    remove_finished_journal(report.journal, identity);
    return up_to_date();
  }
  // Before anything is written: a dataset that cannot be made is refused.
  const DatasetCache datasets = generate_datasets(runs, registries);
  prepare_output_folder(options.out);
  fault_point("before_output_lock");
  auto journal = open_journal(report.journal, identity, options);
  // The decision that counts, made under the journal's lock, which every
  // session writing to this path holds until it has published: another one
  // may have published between the first look and the lock.
  OutputDecision output;
  try {
    output = decide_output(options.out, experiment, share, options.overwrite, options.fresh);
  } catch (const Refusal&) {
    if (journal->recovered().empty()) journal->remove();  // nothing of this experiment in it
    throw;
  }
  if (output.up_to_date) {
    journal->remove();
    return up_to_date();
  }
  Reusable reusable = reusable_runs(*journal, options.out, output.reuse);

  RunsPlan runs_plan = plan_of_runs(runs, datasets, registries);
  Work work = match_earlier_runs(runs, runs_plan, reusable, report.counts);
  report.counts.to_train = static_cast<std::int64_t>(work.to_train.size());
  report.counts.other_arithmetic = output.other_arithmetic_runs;
  report.kept = report.counts.resumed;
  if (observer.started) observer.started(report.counts, report.journal);

  // Runs are written as they finish, on this thread (the only one calling HDF5).
  TemporaryFile temporary(prepare_temporary(options.out));
  ResultsWriter writer(temporary.path(), runs_plan);
  for (std::size_t slot = 0; slot < runs.size(); ++slot) {
    if (!work.records[slot].id.empty()) writer.add(slot, work.records[slot]);
  }

  ExecutionOptions execution;
  execution.threads = options.threads;
  execution.log = observer.log;
  execution.stop = options.stop;
  std::int64_t trained = 0;
  execution.on_finished = [&](RunRecord&& record) {
    journal->append(record);
    ++report.kept;
    ++trained;
    if (observer.finished) observer.finished(record);
    const std::size_t slot = work.slot_of.at(record.index);
    work.records[slot] = std::move(record);
    writer.add(slot, work.records[slot]);
  };
  if (options.executor) {
    options.executor->execute(work.to_train, datasets, registries, execution);
  } else {
    execute_runs(work.to_train, datasets, registries, execution);
  }
  journal->sync();
  // A stop that came after the last run finished loses nothing: publish.
  if (trained < report.counts.to_train) {
    report.outcome = SessionOutcome::interrupted;
    return report;
  }
  report.results = assemble_results(experiment, options, std::move(work.records),
                                    stored_datasets(runs, datasets, options.dataset_limit));
  report.results.provenance = options.provenance;
  report.results.provenance["name"] = experiment.name;
  try {
    writer.finish(report.results);
    fault_point("before_publish");
    publish_temporary(temporary.path(), options.out, output.exists, output.seen);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& error) {
    // On a full disk HDF5 says only that it cannot flush: say what is kept.
    throw std::runtime_error(
        "cannot publish " + options.out + ": " + error.what() + "; " + options.out +
        " is left as it was, and " + std::to_string(report.kept) + " finished runs are kept in " +
        report.journal + ": free space (or mend the cause) and run the same command again");
  }
  temporary.published();
  fault_point("before_journal_remove");
  journal->remove();
  return report;
}

}  // namespace nnsweep
