// An external optimizer in C++: sign descent (signSGD, Bernstein et al.,
// 2018), p <- p - rate * sign(g), each parameter moving by the same step
// whatever its gradient's size.
//
// C++ is welcome behind the C interface, as long as no exception crosses it:
// every function that can throw catches its own.
#include <cstdint>
#include <cstdio>
#include <exception>
#include <new>

#include <nnsweep/plugin.h>

namespace {

// Sign descent needs no state; an instance counts its steps, for the sake of
// the example.
struct SignDescent {
  std::int64_t steps = 0;
};

// Every optimizer declares learning_rate; the host reads it and passes each
// update's rate (times a schedule's factor, if any) to step().
const nnsweep_param_spec kParams[] = {
    {"learning_rate", NNSWEEP_PARAM_REAL, 0, 0, 0.01, nullptr, 0.0, 1e12, 1, "step size"},
};

void* create(const nnsweep_param_value*, size_t, nnsweep_error* error) {
  try {
    return new SignDescent;
  } catch (const std::exception& failure) {
    std::snprintf(error->message, NNSWEEP_ERROR_SIZE, "%s", failure.what());
    return nullptr;
  }
}

void destroy(void* self) {
  delete static_cast<SignDescent*>(self);
}

int reset(void* self, int64_t, const int64_t*, size_t, nnsweep_error*) {
  static_cast<SignDescent*>(self)->steps = 0;
  return NNSWEEP_OK;
}

// Any weight decay is already in the gradient: the host adds it.
int step(void* self, double* params, const double* gradient, int64_t count, double rate,
         nnsweep_error*) {
  ++static_cast<SignDescent*>(self)->steps;
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
