/*
 * An external activation in plain C: LeCun's scaled tanh (Efficient
 * BackProp, 1998), g(z) = a * tanh(b * z), with a = 1.7159 and b = 2/3 by
 * default, so that g(1) is about 1 and g'' is largest near |z| = 1.
 *
 * Build it against an installed nnsweep (see CMakeLists.txt here) and load it
 * with `plugins: [path/to/libscaled_tanh.so]` in an experiment file.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <nnsweep/plugin.h>

typedef struct scaled_tanh {
  double a;
  double b;
} scaled_tanh;

static const nnsweep_param_spec params[] = {
    {"a", NNSWEEP_PARAM_REAL, 0, 0, 1.7159, NULL, 0.0, 1e6, 1, "output scale"},
    {"b", NNSWEEP_PARAM_REAL, 0, 0, 2.0 / 3.0, NULL, 0.0, 1e6, 1, "input scale"},
};

static void* create(const nnsweep_param_value* values, size_t count, nnsweep_error* error) {
  scaled_tanh* self = malloc(sizeof *self);
  if (!self || count != 2) {
    snprintf(error->message, NNSWEEP_ERROR_SIZE, "cannot create scaled_tanh");
    free(self);
    return NULL;
  }
  self->a = values[0].real;
  self->b = values[1].real;
  return self;
}

static void destroy(void* self) {
  free(self);
}

static int forward(void* state, nnsweep_const_block z, nnsweep_block a, nnsweep_error* error) {
  const scaled_tanh* self = state;
  (void)error;
  for (int64_t j = 0; j < z.cols; ++j) {
    for (int64_t i = 0; i < z.rows; ++i) {
      a.data[i + j * a.column_stride] = self->a * tanh(self->b * z.data[i + j * z.column_stride]);
    }
  }
  return NNSWEEP_OK;
}

/* g'(z) = a * b * (1 - tanh(b z)^2) = b * (a - g(z)^2 / a), from the output. */
static int backward(void* state, nnsweep_const_block z, nnsweep_const_block a,
                    nnsweep_const_block da, nnsweep_block dz, nnsweep_error* error) {
  const scaled_tanh* self = state;
  (void)error;
  for (int64_t j = 0; j < z.cols; ++j) {
    for (int64_t i = 0; i < z.rows; ++i) {
      const double g = a.data[i + j * a.column_stride];
      dz.data[i + j * dz.column_stride] =
          da.data[i + j * da.column_stride] * self->b * (self->a - g * g / self->a);
    }
  }
  return NNSWEEP_OK;
}

static const nnsweep_activation activation = {
    "scaled_tanh", "LeCun's a * tanh(b * z)", params, 2, 1, create, destroy, forward, backward};

static int register_plugins(const nnsweep_host* host, nnsweep_error* error) {
  return host->add_activation(host->context, &activation, error);
}

static const nnsweep_plugin_library library = {NNSWEEP_PLUGIN_ABI_VERSION, register_plugins};

const nnsweep_plugin_library* nnsweep_plugin(void) {
  return &library;
}
