#pragma once
// Optimizer plugins: one update of all parameters from their gradient.
//
// What goes in:
//  - All of a network's parameters live in one flat vector, and so does its
//    gradient (the same layout: W1, b1, W2, b2, ..., each column-major;
//    train/network.hpp). An optimizer never needs to know the layers.
//  - reset(layout) is called once before training. layout.size is the
//    parameter count; layout.weights lists the [offset, offset + length)
//    ranges that hold weights, in increasing order and not overlapping; every
//    other entry is a bias. Allocate all state (moments, velocities) there,
//    never in step(). reset() again starts a new run: no state from before it
//    may reach the steps after it.
//  - step(params, gradient, learning_rate) applies one update in place: once
//    per iteration, with the gradient at the current params, which the runner
//    has checked to be finite. `learning_rate` is this update's rate: the
//    plugin's own `learning_rate` parameter times the schedule's factor of the
//    epoch (registry/schedule.hpp). It can change between steps and can be 0
//    (the first epoch of a warm-up from 0). A plugin uses the rate it is given
//    and never reads `learning_rate` from its Params.
//  - Weight decay: every optimizer takes `weight_decay` (optimizer_shared_params(),
//    appended to each declaration by the registry). In the l2 form (the
//    default trait) the runner adds weight_decay * w to the gradient of the
//    weights before step(), by add_weight_decay(), so the plugin never sees it
//    and gets it right for free. A plugin declaring
//    PluginTraits::weight_decay = decoupled (adamw, lion) gets the gradient
//    without it and applies its own decay to layout.weights only
//    (scale_weights()).
//
// What comes out:
//  - The updated params. step() does not allocate, touches nothing but params
//    and its own state, and works on whole blocks (Eigen expressions over the
//    vector or its weight segments), never with a virtual call per element.
//  - The result depends only on the arguments and the steps since reset():
//    never on threads, time or global state (results are identical at any
//    thread count).
//
// What may be assumed:
//  - params and gradient have layout.size entries and do not overlap.
//  - Params are complete and within their declared ranges (config validation),
//    and every optimizer declares a real `learning_rate` > 0, which the runner
//    reads (tests/plugins/test_optimizer_contract.cpp checks every registered
//    optimizer for it).
//  - An instance belongs to one run and one thread.
#include <Eigen/Core>
#include <vector>

#include "registry/params.hpp"

namespace nnsweep {

struct ParameterLayout {
  struct Range {
    Eigen::Index offset = 0;
    Eigen::Index length = 0;
  };
  Eigen::Index size = 0;
  std::vector<Range> weights;  // the rest are biases
};

// How an optimizer's weight_decay acts (PluginTraits::weight_decay).
enum class WeightDecayForm {
  l2,         // the runner adds weight_decay * w to the weights' gradient
  decoupled,  // the optimizer shrinks the weights itself (Loshchilov & Hutter)
};

class Optimizer {
 public:
  using Vector = Eigen::Ref<Eigen::VectorXd>;
  using ConstVector = Eigen::Ref<const Eigen::VectorXd>;

  virtual ~Optimizer() = default;
  virtual void reset(const ParameterLayout& /*layout*/) {}
  virtual void step(Vector params, ConstVector gradient, double learning_rate) = 0;
};

// The parameters every optimizer takes besides its own: weight_decay, default
// 0 (no decay). A plugin may declare it again for its own default and
// description (adamw: 0.01, as torch's AdamW).
std::vector<ParamSpec> optimizer_shared_params();

// The l2 form: gradient += weight_decay * params on the weight ranges, as
// torch's weight_decay does (there on every parameter, here on weights only).
// It is regularization.l2's gradient without its cost term.
void add_weight_decay(const ParameterLayout& layout, double weight_decay,
                      Optimizer::ConstVector params, Optimizer::Vector gradient);

// params *= factor on the weight ranges: the decoupled form's
// w -= learning_rate * weight_decay * w is scale_weights(layout, 1 - lr * wd, p).
void scale_weights(const ParameterLayout& layout, double factor, Optimizer::Vector params);

}  // namespace nnsweep
