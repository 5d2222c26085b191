#include "registry/initializer.hpp"

namespace nnsweep {

std::vector<ParamSpec> initializer_shared_params() {
  return {real_param("bias", 0.0, -1e6, 1e6, "the value every bias starts at")};
}

}  // namespace nnsweep
