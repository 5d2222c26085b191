#pragma once
// One run trained to completion: epochs of updates, the cost curves, early
// stopping, divergence and the final metrics.
#include <atomic>

#include "train/trainer.hpp"

namespace nnsweep {

// A run whose cost exceeds kBlowUpFactor * max(1, its cost at the first
// update) has blown up (the divergence rule below; docs/divergence.md has the
// measurements).
constexpr double kBlowUpFactor = 1e3;

// The updates of every run of this process, for progress lines on long runs
// (cli/progress.hpp). A run adds the updates it plans when it starts, takes
// back those it did not make when it ends early, and counts the ones it
// makes every kUpdatesPerCount updates and when it ends: relaxed atomics
// touched once per 1024 updates, which nothing a run computes depends on.
struct UpdateCounts {
  std::atomic<std::int64_t> planned{0}, done{0};
};
constexpr std::int64_t kUpdatesPerCount = 1024;
UpdateCounts& update_counts();

// Trains one run to completion. Never throws: an exception marks it `failed`
// with the message.
//
// Length: train.epochs epochs, or train.iterations updates (with mini-batches
// the last epoch may then be partial). Every record_every epochs the result
// records the epoch's training cost and, with a `test` set, the test cost after
// the epoch (RunResult::costs, test_costs); log gets the same training cost
// every log_every epochs ("iteration" with full batch, where an epoch is one
// update, "epoch" with mini-batches).
//
// Every update of epoch t uses the rate optimizer.learning_rate times the
// schedule's factor(t) (registry/schedule.hpp). A schedule that observes
// costs (reduce_on_plateau) gets, after each epoch it watches, the test cost
// with a `test` set, else the epoch's training cost; those epochs' costs are
// computed for it whether recorded or not.
//
// With train.early_stopping (which needs `test`), the test cost is watched
// after every epoch (train/early_stopping.hpp); training ends after the epoch
// that exhausts the patience, and restore_best ends it with the parameters of
// the best epoch (also when it ran to the end without stopping), on which the
// final metrics are then computed.
//
// Divergence means the training blew up, not that a printed cost overflowed. The
// run stops as `diverged` at iteration i (the i-th update, 0-based), with the
// message "diverged at iteration i: <what happened>", when
//  - the gradient computed at i has a NaN or infinite entry ("the gradient of W2
//    became NaN"); that update is not applied, so the stored parameters are the
//    last finite ones;
//  - the optimizer step at i made a parameter NaN or infinite ("the parameter b1
//    became infinite after the update");
//  - the cost at i is finite but above the blow-up limit: the outputs became
//    confidently wrong by orders of magnitude (for binary cross-entropy, a mean
//    probability for the right label below e^-1000). Needed because with bounded
//    gradients (tanh or sigmoid units, gd) even a learning rate of 1e6 only grows
//    the weights linearly and nothing ever overflows. That step is not taken;
//  - the cost at i, computed stably from the logits (Trainer::stable_cost()), is
//    not finite: the forward pass overflowed. That step is not taken either.
// The cost is computed only where something reads it (the first update, the
// epochs recorded or logged, the final parameters), so the last two rules
// apply there: a blow-up between is seen at the next computed cost. If the
// final parameters' cost is not finite (stable) or above the limit, the run
// is `diverged` too. A saturated output (sigmoid exactly 0 or 1) is not
// divergence: its cost from logits stays finite and small. The epoch of
// iteration i is recorded as far as it got, and iterations_run is i + 1.
//
// When `stop` is non-null and becomes true (checked with a relaxed load before
// each update), the run returns without starting another one, with
// `interrupted` set and its status otherwise as far as it got.
//
// The test set never affects training, except through early stopping and a
// schedule that watches its cost.
RunResult train_run(const Dataset& data, const ExperimentConfig& config,
                    const Registries& registries, const CostLogger& log = {},
                    const std::atomic<bool>* stop = nullptr, const Dataset* test = nullptr);

}  // namespace nnsweep
