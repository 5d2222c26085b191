// The constant schedule: every epoch at the optimizer's learning_rate.
#include "builtin.hpp"

namespace nnsweep::schedules {
namespace {

class Constant final : public Schedule {
 public:
  double factor(std::int64_t) override { return 1.0; }
};

}  // namespace

void register_constant(Registries& registries) {
  registries.schedules.add({"constant", "the optimizer's learning_rate throughout", {}},
                           [](const Params&) { return std::make_unique<Constant>(); });
}

}  // namespace nnsweep::schedules
