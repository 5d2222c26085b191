/* A library whose activation declares a default outside its own range. */
#include <math.h>

#include "samples.h"

static const nnsweep_param_spec params[] = {
    {"alpha", NNSWEEP_PARAM_REAL, 0, 0, 5.0, NULL, 0.0, 1.0, 0, "out of range by default"},
};
static const nnsweep_activation bad = SAMPLE_ACTIVATION("bad_default", params, 1);

static int register_plugins(const nnsweep_host* host, nnsweep_error* error) {
  return host->add_activation(host->context, &bad, error);
}

static const nnsweep_plugin_library library = {NNSWEEP_PLUGIN_ABI_VERSION, register_plugins};

const nnsweep_plugin_library* nnsweep_plugin(void) {
  return &library;
}
