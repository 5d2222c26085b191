#include "session/session.hpp"

#include <filesystem>
#include <new>
#include <optional>
#include <unordered_map>

#include "session/output.hpp"
#include "session/refusal.hpp"
#include "session/reusable.hpp"
#include "session/session_rows.hpp"
#include "session/temporary_file.hpp"
#include "store/journal.hpp"
#include "store/results_writer.hpp"
#include "sweep/executor.hpp"
#include "train/trainer.hpp"
#include "util/fault_point.hpp"

namespace nnsweep {
namespace {

// Each distinct training set of the rows, as stored under /datasets: sets
// larger than the limit are described but not stored.
std::map<std::string, StoredDataset> stored_datasets(const SessionRows& survey,
                                                     std::int64_t value_limit) {
  std::map<std::string, StoredDataset> stored;
  for (const auto& [id, run_data] : survey.datasets) {
    const Dataset& data = run_data->generated;
    const PreparedData& parts = run_data->prepared;
    StoredDataset& entry = stored[id];
    entry.config_yaml = survey.dataset_yaml.at(id);
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

// The results file of a plan whose runs are all at hand (in plan order).
Results assemble_results(const PlannedExperiment& experiment, const SessionOptions& options,
                         std::vector<RunRecord> runs,
                         std::map<std::string, StoredDataset> datasets) {
  Results results;
  results.experiment_yaml = experiment.experiment_yaml;
  results.experiment_id = experiment.experiment_id;
  results.plan_size = experiment.points;
  results.arithmetic = kArithmetic;
  results.share = options.share ? options.share->text() : "";
  results.swept_keys = experiment.summary_keys;
  results.runs = std::move(runs);
  results.datasets = std::move(datasets);
  return results;
}

// Once a block of rows is in the file, what only /runs holds (configs, seeds,
// layer sizes and parameters) is let go, so that a session of millions of runs keeps only
// their summaries until the end.
void release_written(std::vector<RunRecord>& records, std::size_t below) {
  for (std::size_t row = 0; row < below; ++row) {
    RunRecord& record = records[row];
    if (record.config_yaml.empty() && record.seeds.empty() && record.result.sizes.empty()) continue;
    std::string().swap(record.config_yaml);
    std::vector<std::pair<std::string, std::int64_t>>().swap(record.seeds);
    std::vector<Eigen::Index>().swap(record.result.sizes);
    record.result.parameters = Eigen::VectorXd();
  }
}

}  // namespace

SessionReport run_session(const PlannedExperiment& experiment, const SessionOptions& options,
                          const SessionObserver& observer, const Registries& registries) {
  const std::string share = options.share ? options.share->text() : "";
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
  const std::int64_t share_points =
      options.share
          ? (experiment.points + options.share->parts - options.share->part) / options.share->parts
          : experiment.points;
  const ParallelResolver parallel(
      *experiment.document, *experiment.resolver,
      experiment.resolved.empty() ? planning_threads(options.threads, share_points) : 1);
  const RunSource source(experiment, parallel);
  // Before anything is written: a dataset that cannot be made is refused.
  SessionRows survey = survey_rows(experiment, options.share, source, registries);
  report.counts.duplicates = survey.duplicates;
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
  const std::vector<RowOrigin> origins =
      row_origins(survey, reusable, report.counts.dropped, report.counts.dropped_reason);
  SessionCounts& counts = report.counts;
  counts.runs = static_cast<std::int64_t>(survey.rows.size());
  for (const RowOrigin origin : origins) {
    counts.resumed += origin == RowOrigin::resumed;
    counts.reused += origin == RowOrigin::reused;
    counts.to_train += origin == RowOrigin::train;
    counts.invalid += origin == RowOrigin::invalid;
  }
  counts.other_arithmetic = output.other_arithmetic_runs;
  report.kept = counts.resumed;
  if (observer.started) observer.started(counts, report.journal);

  // Runs are written as they finish, on this thread (the only one calling HDF5).
  TemporaryFile temporary(prepare_temporary(options.out));
  ResultsWriter writer(temporary.path(), survey.layout);
  const std::size_t block = writer.rows_per_block();
  const std::size_t window = experiment.resolved.empty() ? kTrainWindow : survey.rows.size() + 1;
  const bool large = survey.rows.size() > kSurveyWindow;
  std::vector<RunRecord> records(survey.rows.size());

  ExecutionOptions execution;
  execution.threads = options.threads;
  execution.log = observer.log;
  execution.stop = options.stop;
  std::int64_t trained = 0;
  std::unordered_map<std::int64_t, std::size_t> slot_of;  // plan index -> row, in the window
  execution.on_finished = [&](RunRecord&& record) {
    journal->append(record);
    ++report.kept;
    ++trained;
    if (observer.finished) observer.finished(record);
    const std::size_t slot = slot_of.at(record.index);
    records[slot] = std::move(record);
    writer.add(slot, records[slot]);
  };
  // Window by window, in plan order: resolve, take earlier results, train the rest.
  for (std::size_t first = 0; first < survey.rows.size(); first += window) {
    if (options.stop && options.stop->load()) break;
    const std::size_t end = std::min(survey.rows.size(), first + window);
    std::vector<std::int64_t> indices;
    for (std::size_t row = first; row < end; ++row) {
      if (origins[row] != RowOrigin::invalid) indices.push_back(survey.rows[row].index);
    }
    const ResolvedWindow resolved = source.resolve(indices);
    std::vector<const PlannedRun*> to_train;
    slot_of.clear();
    for (std::size_t row = first, k = 0; row < end; ++row) {
      const SessionRow& planned = survey.rows[row];
      if (origins[row] == RowOrigin::invalid) {
        records[row] = std::move(survey.invalid[static_cast<std::size_t>(planned.invalid)]);
        writer.add(row, records[row]);
        continue;
      }
      const PlannedRun& run = *resolved.run(k++);
      if (origins[row] == RowOrigin::train) {
        slot_of.emplace(run.index, row);
        to_train.push_back(&run);
        continue;
      }
      records[row] = make_record(run, take_result(reusable, origins[row], planned.key));
      writer.add(row, records[row]);
    }
    if (options.executor) {
      options.executor->execute(to_train, survey.datasets, registries, execution);
    } else {
      execute_runs(to_train, survey.datasets, registries, execution);
    }
    if (large) release_written(records, end / block * block);
  }
  journal->sync();
  // A stop that came after the last run finished loses nothing: publish.
  if (trained < counts.to_train) {
    report.outcome = SessionOutcome::interrupted;
    return report;
  }
  report.results = assemble_results(experiment, options, std::move(records),
                                    stored_datasets(survey, options.dataset_limit));
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
