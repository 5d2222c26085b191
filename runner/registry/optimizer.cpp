#include "registry/optimizer.hpp"

namespace nnsweep {

std::vector<ParamSpec> optimizer_shared_params() {
  return {real_param("weight_decay", 0.0, 0.0, 1e6,
                     "L2 weight decay on the weights (not the biases): weight_decay * w is "
                     "added to their gradient, as torch's weight_decay")};
}

void add_weight_decay(const ParameterLayout& layout, double weight_decay,
                      Optimizer::ConstVector params, Optimizer::Vector gradient) {
  for (const ParameterLayout::Range& range : layout.weights) {
    gradient.segment(range.offset, range.length) +=
        weight_decay * params.segment(range.offset, range.length);
  }
}

void scale_weights(const ParameterLayout& layout, double factor, Optimizer::Vector params) {
  for (const ParameterLayout::Range& range : layout.weights) {
    params.segment(range.offset, range.length) *= factor;
  }
}

}  // namespace nnsweep
