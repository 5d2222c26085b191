#pragma once
// Learning-rate schedule plugins: the factor that each epoch's learning rate
// is the optimizer's `learning_rate` times.
//
// What goes in:
//  - Time is counted in epochs from 0. With full batch an epoch is one update,
//    so epochs are iterations; with mini-batches an epoch is a pass over the
//    training part (docs/training.md). Every update of epoch t uses the rate
//    optimizer.learning_rate * factor(t), which the runner passes to
//    Optimizer::step().
//  - reset(epochs) is called once before training, with the number of epochs
//    the run is planned to train (at least 1; the last may be partial, and
//    early stopping or divergence may end the run sooner). Allocate any state
//    there; reset() again starts a new run.
//  - factor(t) is called once at the start of every epoch, t = 0, 1, 2, ...
//    in order.
//  - A schedule whose observe_every() is N > 0 is also called observe(t, cost)
//    after every epoch t with t % N == 0 (as train.record_every counts), after
//    factor(t) and before factor(t + 1). `cost` is the watched cost: the test
//    cost after the epoch when the run has a test part, else the epoch's
//    training cost as the cost curve records it. It may be NaN or infinite.
//    The runner computes these costs only because the schedule asks (the
//    training cost is otherwise computed only on recorded and logged epochs).
//
// What comes out:
//  - factor(t): finite and >= 0. It depends only on t, the parameters, the
//    planned epochs and the costs observed so far: never on threads, time or
//    global state.
//  - factor() and observe() do not allocate.
//
// What may be assumed:
//  - Params are complete and within their declared ranges (config validation).
//  - An instance belongs to one run and one thread.
#include <cstdint>

namespace nnsweep {

class Schedule {
 public:
  virtual ~Schedule() = default;
  virtual void reset(std::int64_t /*epochs*/) {}
  virtual double factor(std::int64_t epoch) = 0;
  // 0: the schedule never looks at costs.
  virtual std::int64_t observe_every() const { return 0; }
  virtual void observe(std::int64_t /*epoch*/, double /*cost*/) {}
};

}  // namespace nnsweep
