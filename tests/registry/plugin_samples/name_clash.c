/* A library whose activation takes a built-in's name. */
#include "samples.h"

static const nnsweep_activation clash = SAMPLE_ACTIVATION("tanh", NULL, 0);

static int register_plugins(const nnsweep_host* host, nnsweep_error* error) {
  return host->add_activation(host->context, &clash, error);
}

static const nnsweep_plugin_library library = {NNSWEEP_PLUGIN_ABI_VERSION, register_plugins};

const nnsweep_plugin_library* nnsweep_plugin(void) {
  return &library;
}
