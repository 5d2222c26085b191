// An external optimizer in C++: sign descent (signSGD, Bernstein et al.,
// 2018), p <- p - learning_rate * sign(g), each parameter moving by the same
// step whatever its gradient's size.
//
// C++ is welcome behind the C interface, as long as no exception crosses it:
// every function catches its own.
#include <cstdio>
#include <exception>
#include <stdexcept>

#include <nnsweep/plugin.h>

namespace {

struct SignDescent {
  double learning_rate;
};

const nnsweep_param_spec kParams[] = {
    {"learning_rate", NNSWEEP_PARAM_REAL, 0, 0, 0.01, nullptr, 0.0, 1e12, 1, "step size"},
};

void* create(const nnsweep_param_value* values, size_t count, nnsweep_error* error) {
  try {
    if (count != 1) throw std::invalid_argument("expected one parameter");
    return new SignDescent{values[0].real};
  } catch (const std::exception& failure) {
    std::snprintf(error->message, NNSWEEP_ERROR_SIZE, "%s", failure.what());
    return nullptr;
  }
}

void destroy(void* self) {
  delete static_cast<SignDescent*>(self);
}

int reset(void*, int64_t, nnsweep_error*) {
  return NNSWEEP_OK;
}  // no state to size

int step(void* state, double* params, const double* gradient, int64_t count, nnsweep_error*) {
  const double rate = static_cast<SignDescent*>(state)->learning_rate;
  for (int64_t k = 0; k < count; ++k) {
    params[k] -= rate * static_cast<double>((gradient[k] > 0.0) - (gradient[k] < 0.0));
  }
  return NNSWEEP_OK;
}

const nnsweep_optimizer kOptimizer = {"sign_descent", "signSGD: p - learning_rate * sign(g)",
                                      kParams,        1,
                                      create,         destroy,
                                      reset,          step};

int register_plugins(const nnsweep_host* host, nnsweep_error* error) {
  return host->add_optimizer(host->context, &kOptimizer, error);
}

const nnsweep_plugin_library kLibrary = {NNSWEEP_PLUGIN_ABI_VERSION, register_plugins};

}  // namespace

extern "C" const nnsweep_plugin_library* nnsweep_plugin(void) {
  return &kLibrary;
}
