/* An identity activation the sample libraries register under various names. */
#include <nnsweep/plugin.h>

static int sample_created;

static void* sample_create(const nnsweep_param_value* values, size_t count, nnsweep_error* error) {
  (void)values;
  (void)count;
  (void)error;
  return &sample_created;
}
static void sample_destroy(void* self) {
  (void)self;
}
static int sample_forward(void* self, nnsweep_const_block z, nnsweep_block a,
                          nnsweep_error* error) {
  (void)self;
  (void)z;
  (void)a;
  (void)error;
  return NNSWEEP_OK;
}
static int sample_backward(void* self, nnsweep_const_block z, nnsweep_const_block a,
                           nnsweep_const_block da, nnsweep_block dz, nnsweep_error* error) {
  (void)self;
  (void)z;
  (void)a;
  (void)da;
  (void)dz;
  (void)error;
  return NNSWEEP_OK;
}
#define SAMPLE_ACTIVATION(name, params, count)                                         \
  {                                                                                    \
    name, "a sample", params, count, 1, sample_create, sample_destroy, sample_forward, \
        sample_backward                                                                \
  }
