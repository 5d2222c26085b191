/* A library that registers one activation, then reports an error: the
 * activation it did register must not stay. */
#include <stdio.h>

#include "samples.h"

static const nnsweep_activation first = SAMPLE_ACTIVATION("first_of_failing", NULL, 0);

static int register_plugins(const nnsweep_host* host, nnsweep_error* error) {
  if (host->add_activation(host->context, &first, error) != NNSWEEP_OK) return NNSWEEP_ERROR;
  snprintf(error->message, NNSWEEP_ERROR_SIZE, "the license file is missing");
  return NNSWEEP_ERROR;
}

static const nnsweep_plugin_library library = {NNSWEEP_PLUGIN_ABI_VERSION, register_plugins};

const nnsweep_plugin_library* nnsweep_plugin(void) {
  return &library;
}
