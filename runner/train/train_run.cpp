#include "train/train_run.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>

#include "train/early_stopping.hpp"

namespace nnsweep {
namespace {

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

// Why the run must stop, given the cost of the parameters before this update;
// empty to go on. Only builds a message once something happened.
std::string check_cost(const Trainer& trainer, double cost, double initial_cost,
                       double blow_up_limit) {
  if (trainer.stable_cost() && !std::isfinite(cost)) {
    return std::string("the cost became ") + (std::isnan(cost) ? "NaN" : "infinite") +
           " (the forward pass overflowed)";
  }
  // Only a finite cost can blow up: an infinite one from log(0) in the unfused
  // path is a saturated output, and the gradient check decides.
  if (std::isfinite(cost) && cost > blow_up_limit) {
    return "the cost " + number(cost) + " exceeded the blow-up limit " + number(blow_up_limit) +
           " (" + number(kBlowUpFactor) + " times the larger of 1 and the initial cost " +
           number(initial_cost) + "): the outputs became confidently wrong";
  }
  return {};
}

// One update from the latest forward pass; why the run must stop, or empty.
std::string learn(Trainer& trainer) {
  switch (trainer.learn()) {
    case Trainer::Step::updated:
      return {};
    case Trainer::Step::gradient_not_finite:
      return "the gradient of " +
             trainer.network().describe_non_finite(trainer.network().gradient()) +
             " (the update was not applied)";
    case Trainer::Step::parameters_not_finite:
      return "the parameter " +
             trainer.network().describe_non_finite(trainer.network().parameters()) +
             " after the update";
  }
  return {};
}

// A run's share of update_counts(), settled when it ends however it ends.
class CountedUpdates {
 public:
  explicit CountedUpdates(std::int64_t planned) : planned_(planned) {
    update_counts().planned.fetch_add(planned, std::memory_order_relaxed);
  }
  ~CountedUpdates() {
    update_counts().done.fetch_add(made_ % kUpdatesPerCount, std::memory_order_relaxed);
    update_counts().planned.fetch_sub(planned_ - made_, std::memory_order_relaxed);
  }
  CountedUpdates(const CountedUpdates&) = delete;
  CountedUpdates& operator=(const CountedUpdates&) = delete;
  void made_one() {
    if (++made_ % kUpdatesPerCount == 0) {
      update_counts().done.fetch_add(kUpdatesPerCount, std::memory_order_relaxed);
    }
  }

 private:
  std::int64_t planned_, made_ = 0;
};

// The loop of one run, with what it needs from one update to the next.
class RunLoop {
 public:
  RunLoop(const Dataset& data, const ExperimentConfig& config, const Registries& registries,
          const Dataset* test, RunResult& result)
      : config_(config.train), trainer_(data, config, registries), result_(result) {
    if (test) tester_.emplace(*test, config, registries);
    if (config_.early_stopping.enabled) watch_.emplace(config_.early_stopping);
    const std::int64_t per_epoch = trainer_.batches_per_epoch();
    total_ = config_.epochs > 0 ? config_.epochs * per_epoch : config_.iterations;
    counted_.emplace(total_);
    const std::int64_t epochs = (total_ + per_epoch - 1) / per_epoch;
    schedule_ = registries.schedules.create(config.schedule.name, config.schedule.params);
    schedule_->reset(std::max<std::int64_t>(epochs, 1));
    observe_every_ = schedule_->observe_every();
    base_rate_ = config.optimizer.params.real("learning_rate");
    result_.costs.reserve(
        static_cast<std::size_t>((epochs + config_.record_every - 1) / config_.record_every));
    if (tester_) result_.test_costs.reserve(result_.costs.capacity());
    if (watch_ && config_.early_stopping.restore_best) {
      best_parameters_ = trainer_.network().parameters();
    }
  }

  void run(const CostLogger& log, const std::atomic<bool>* stop) {
    for (std::int64_t epoch = 0; updates_ < total_; ++epoch) {
      trainer_.set_learning_rate(base_rate_ * schedule_->factor(epoch));
      // The schedule watches the test cost when there is a test part, else
      // the training cost (registry/schedule.hpp).
      const bool watched = observe_every_ > 0 && epoch % observe_every_ == 0;
      // The cost is computed only where something reads it: the first update
      // (the blow-up limit), and epochs that are recorded, logged or watched.
      const bool logged = log && config_.log_every > 0 && epoch % config_.log_every == 0;
      const bool costed =
          epoch == 0 || epoch % config_.record_every == 0 || logged || (watched && !tester_);
      const bool finished_epoch = run_epoch(stop, costed);
      if (result_.interrupted) return;
      result_.epochs_run = epoch + 1;
      const double test_cost = after_epoch(epoch, log, watched);
      if (!finished_epoch) return;  // diverged
      if (watched) schedule_->observe(epoch, tester_ ? test_cost : epoch_cost_);
      if (watch_ && watch_->observe(epoch, test_cost)) return;
      if (watch_ && watch_->improved() && config_.early_stopping.restore_best) {
        best_parameters_ = trainer_.network().parameters();
      }
    }
  }

  // The limit the cost of the final parameters must stay under.
  double blow_up_limit() const { return blow_up_limit_; }
  double initial_cost() const { return initial_cost_; }

  // The parameters the run ends with: the best epoch's with restore_best.
  void restore_best() {
    if (!watch_) return;
    result_.best_epoch = watch_->best_epoch();
    if (config_.early_stopping.restore_best && watch_->best_epoch() >= 0) {
      trainer_.network().parameters() = best_parameters_;
    }
  }

  Trainer& trainer() { return trainer_; }
  std::int64_t updates() const { return updates_; }

 private:
  // False when the run diverged or was interrupted during the epoch. Without
  // `costed` only the forward pass runs before each update.
  bool run_epoch(const std::atomic<bool>* stop, bool costed) {
    trainer_.begin_epoch();
    weighted_cost_ = 0.0;
    examples_ = 0;
    batches_ = 0;
    for (std::int64_t batch = 0; batch < trainer_.batches_per_epoch() && updates_ < total_;
         ++batch) {
      if (stop != nullptr && stop->load(std::memory_order_relaxed)) {
        result_.interrupted = true;
        return false;
      }
      trainer_.select_batch(batch);
      std::string what;
      if (costed) {
        last_cost_ = trainer_.evaluate();
        weighted_cost_ += last_cost_ * static_cast<double>(trainer_.batch_examples());
        examples_ += trainer_.batch_examples();
        if (updates_ == 0 && std::isfinite(last_cost_)) {
          initial_cost_ = last_cost_;
          blow_up_limit_ = kBlowUpFactor * std::max(last_cost_, 1.0);
        }
        what = check_cost(trainer_, last_cost_, initial_cost_, blow_up_limit_);
      } else {
        trainer_.propagate();
      }
      ++batches_;
      if (what.empty()) what = learn(trainer_);
      ++updates_;
      counted_->made_one();
      if (!what.empty()) {
        result_.status = RunStatus::diverged;
        result_.message = "diverged at iteration " + std::to_string(updates_ - 1) + ": " + what;
        return false;
      }
    }
    return true;
  }

  // Records and logs the epoch, keeping its cost in epoch_cost_; returns the
  // test cost after it (NaN when nothing reads it).
  double after_epoch(std::int64_t epoch, const CostLogger& log, bool watched) {
    // One batch: its cost as it is (the weighted mean would round it).
    const double cost =
        batches_ == 1 ? last_cost_ : weighted_cost_ / static_cast<double>(examples_);
    epoch_cost_ = cost;
    const bool record = epoch % config_.record_every == 0;
    double test_cost = std::numeric_limits<double>::quiet_NaN();
    if (tester_ && (record || watch_ || watched)) test_cost = tester_->cost(trainer_.network());
    if (record) {
      result_.costs.push_back(cost);
      if (tester_) result_.test_costs.push_back(test_cost);
    }
    if (log && config_.log_every > 0 && epoch % config_.log_every == 0) {
      log(trainer_.mini_batches() ? "epoch" : "iteration", epoch, cost);
    }
    return test_cost;
  }

  const TrainConfig& config_;
  Trainer trainer_;
  std::optional<Evaluator> tester_;
  std::optional<EarlyStoppingWatch> watch_;
  std::unique_ptr<Schedule> schedule_;
  std::int64_t observe_every_ = 0;
  double base_rate_ = 0.0;  // optimizer.learning_rate
  Eigen::VectorXd best_parameters_;
  RunResult& result_;
  std::int64_t total_ = 0, updates_ = 0;
  std::optional<CountedUpdates> counted_;
  // Set from the cost of the first update (stays infinite if that is not finite).
  double initial_cost_ = 0.0;
  double blow_up_limit_ = std::numeric_limits<double>::infinity();
  // The current epoch's batch costs.
  double weighted_cost_ = 0.0, last_cost_ = 0.0, epoch_cost_ = 0.0;
  std::int64_t examples_ = 0, batches_ = 0;
};

}  // namespace

UpdateCounts& update_counts() {
  static UpdateCounts counts;
  return counts;
}

RunResult train_run(const Dataset& data, const ExperimentConfig& config,
                    const Registries& registries, const CostLogger& log,
                    const std::atomic<bool>* stop, const Dataset* test) {
  const auto start = std::chrono::steady_clock::now();
  RunResult result;
  try {
    RunLoop loop(data, config, registries, test, result);
    loop.run(log, stop);
    loop.restore_best();
    result.iterations_run = loop.updates();
    const Network& network = loop.trainer().network();
    result.train = Evaluator(data, config, registries).metrics(network);
    if (test) result.test = Evaluator(*test, config, registries).metrics(network);
    if (result.status == RunStatus::ok && !result.interrupted) {
      // The last update left finite parameters whose forward pass overflows,
      // or whose cost blew up between the iterations whose cost was computed.
      const std::int64_t last = std::max<std::int64_t>(result.iterations_run - 1, 0);
      std::string what;
      if (loop.trainer().stable_cost() && !std::isfinite(result.train.cost)) {
        what = "the cost after the last update is not finite";
      } else if (std::isfinite(result.train.cost) && result.train.cost > loop.blow_up_limit()) {
        what = "the cost after the last update, " + number(result.train.cost) +
               ", exceeded the blow-up limit " + number(loop.blow_up_limit()) + " (" +
               number(kBlowUpFactor) + " times the larger of 1 and the initial cost " +
               number(loop.initial_cost()) + ")";
      }
      if (!what.empty()) {
        result.status = RunStatus::diverged;
        result.message = "diverged at iteration " + std::to_string(last) + ": " + what;
      }
    }
    result.sizes = network.sizes();
    result.parameters = network.parameters();
  } catch (const std::exception& error) {
    result.status = RunStatus::failed;
    result.message = error.what();
  }
  result.wall_time_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace nnsweep
