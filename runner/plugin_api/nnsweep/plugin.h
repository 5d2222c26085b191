/*
 * nnsweep/plugin.h: the C interface through which a shared library adds
 * plugins to nnsweep (a config's `plugins: [path/to/libmine.so]`, or
 * `nnsweep run --plugin PATH`).
 *
 * A library defines one function, nnsweep_plugin(), which returns a
 * description of itself: the ABI version it was built with and a function
 * that registers its plugins with the host. nnsweep refuses a library built
 * for another ABI version before calling anything else in it.
 *
 * Contract, for every function a plugin provides:
 *  - It returns NNSWEEP_OK, or NNSWEEP_ERROR after writing a NUL-terminated
 *    message into error->message (at most NNSWEEP_ERROR_SIZE bytes, the NUL
 *    included). It never lets a C++ exception or a longjmp cross this
 *    interface.
 *  - Blocks are column-major: entry (i, j) of a block is
 *    data[i + j * column_stride], column_stride >= rows. They are only valid
 *    during the call.
 *  - `create` gets every declared parameter, each at its declared type, in
 *    declaration order, validated against the declared range; it returns
 *    the instance's state (not NULL), or NULL after writing the error.
 *    An instance is used by one thread at a time; different instances may
 *    be used concurrently, so a library must not share mutable state between
 *    them. `destroy` frees the state.
 *  - Strings (names, summaries, descriptions, parameter declarations) must
 *    stay valid while the library is loaded: string literals or static data.
 *  - Randomness must come from a seed parameter, never from time or threads,
 *    so that results are the same at every thread count.
 *
 * Version 1 knows activations and optimizers.
 */
#ifndef NNSWEEP_PLUGIN_H
#define NNSWEEP_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NNSWEEP_PLUGIN_ABI_VERSION 1

#define NNSWEEP_OK 0
#define NNSWEEP_ERROR 1

#define NNSWEEP_ERROR_SIZE 1024
typedef struct nnsweep_error {
  char message[NNSWEEP_ERROR_SIZE];
} nnsweep_error;

typedef enum nnsweep_param_type {
  NNSWEEP_PARAM_BOOLEAN = 0,
  NNSWEEP_PARAM_INTEGER = 1,
  NNSWEEP_PARAM_REAL = 2,
  NNSWEEP_PARAM_STRING = 3
} nnsweep_param_type;

/* A parameter as a plugin declares it: validation and `nnsweep plugins` read
 * these. Only the default field of its type is read. min and max bound
 * integer and real values (inclusive, unless min_exclusive); use -HUGE_VAL and
 * HUGE_VAL for none. */
typedef struct nnsweep_param_spec {
  const char* name;
  nnsweep_param_type type;
  int boolean_default;
  int64_t integer_default;
  double real_default;
  const char* string_default;
  double min;
  double max;
  int min_exclusive;
  const char* description;
} nnsweep_param_spec;

/* A parameter's value as `create` receives it: the field of its type is set. */
typedef struct nnsweep_param_value {
  const char* name;
  nnsweep_param_type type;
  int boolean;
  int64_t integer;
  double real;
  const char* string;
} nnsweep_param_value;

typedef struct nnsweep_block {
  double* data;
  int64_t rows;
  int64_t cols;
  int64_t column_stride;
} nnsweep_block;

typedef struct nnsweep_const_block {
  const double* data;
  int64_t rows;
  int64_t cols;
  int64_t column_stride;
} nnsweep_const_block;

/* An activation g, as runner/registry/activation.hpp defines one:
 *  - forward(z, a): a = g(z); z is units x examples; a has its shape and
 *    never aliases it.
 *  - backward(z, a, da, dz): dz = the gradient with respect to z, given da
 *    (with respect to a) and a = g(z) from the same forward pass; dz may be
 *    the same memory as da.
 *  - elementwise = 1 when each value depends on its own input alone (the
 *    host may then pass a layer in any shape); 0 when a column's values
 *    depend on each other (as softmax's). */
typedef struct nnsweep_activation {
  const char* name;
  const char* summary;
  const nnsweep_param_spec* params;
  size_t param_count;
  int elementwise;
  void* (*create)(const nnsweep_param_value* params, size_t count, nnsweep_error* error);
  void (*destroy)(void* self);
  int (*forward)(void* self, nnsweep_const_block z, nnsweep_block a, nnsweep_error* error);
  int (*backward)(void* self, nnsweep_const_block z, nnsweep_const_block a,
                  nnsweep_const_block da, nnsweep_block dz, nnsweep_error* error);
} nnsweep_activation;

/* An optimizer, as runner/registry/optimizer.hpp defines one:
 *  - It declares a real parameter `learning_rate` (> 0), which the host reads:
 *    with a schedule, each update's rate is learning_rate times the schedule's
 *    factor, and step() gets that rate.
 *  - reset(count, weights, weight_ranges): called once before training with
 *    the number of parameters, and the [offset, offset + length) ranges of the
 *    flat parameter vector that hold weights (as offset, length pairs:
 *    weights[2k], weights[2k + 1]; the rest are biases). Allocate any state
 *    here. A later reset starts a new run.
 *  - step(params, gradient, count, learning_rate): one update of all
 *    parameters in place from their finite gradient; called once per
 *    iteration, it should not allocate.
 *  - Weight decay: every optimizer also takes `weight_decay` (the host
 *    declares it); the host adds weight_decay * w to the weights' gradient
 *    before step() (L2), so the plugin need do nothing for it. */
typedef struct nnsweep_optimizer {
  const char* name;
  const char* summary;
  const nnsweep_param_spec* params;
  size_t param_count;
  void* (*create)(const nnsweep_param_value* params, size_t count, nnsweep_error* error);
  void (*destroy)(void* self);
  int (*reset)(void* self, int64_t count, const int64_t* weights, size_t weight_ranges,
               nnsweep_error* error);
  int (*step)(void* self, double* params, const double* gradient, int64_t count,
              double learning_rate, nnsweep_error* error);
} nnsweep_optimizer;

/* What the host offers register_plugins. The host copies the descriptions it
 * is given; a name already taken by a plugin of the same kind is an error. */
typedef struct nnsweep_host {
  uint32_t abi_version;
  void* context;
  int (*add_activation)(void* context, const nnsweep_activation* plugin, nnsweep_error* error);
  int (*add_optimizer)(void* context, const nnsweep_optimizer* plugin, nnsweep_error* error);
} nnsweep_host;

typedef struct nnsweep_plugin_library {
  uint32_t abi_version; /* NNSWEEP_PLUGIN_ABI_VERSION, as the library was built */
  int (*register_plugins)(const nnsweep_host* host, nnsweep_error* error);
} nnsweep_plugin_library;

/* The one entry point: every plugin library defines it. */
#if defined(__GNUC__)
__attribute__((visibility("default")))
#endif
const nnsweep_plugin_library* nnsweep_plugin(void);

#ifdef __cplusplus
}
#endif

#endif /* NNSWEEP_PLUGIN_H */
