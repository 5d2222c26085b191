// Trainer::iterate() must not touch the heap (trainer.hpp: "iterate() allocates
// nothing"): a sweep runs millions of iterations on many threads, and allocator
// traffic there costs time and contention.
//
// How: this executable replaces the global allocation functions with counting
// wrappers (so it is its own test binary). Counting happens only while
// `g_counting` is set, around the iterate() calls and nothing else.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <new>
#include <string>

#include "run_config.hpp"
#include "train/trainer.hpp"

namespace {
std::atomic<bool> g_counting{false};
std::atomic<long> g_allocations{0};

inline void note_allocation() {
  if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1);
}
}  // namespace

#if defined(__SANITIZE_ADDRESS__)
// AddressSanitizer owns malloc and friends; replacing them would bypass its
// allocator and break it. Count operator new only, on top of ASan's malloc.
constexpr bool kCountsMalloc = false;
#define NNSWEEP_RAW_MALLOC(size) std::malloc(size)
#define NNSWEEP_RAW_FREE(pointer) std::free(pointer)
#define NNSWEEP_RAW_MEMALIGN(alignment, size) std::aligned_alloc(alignment, size)
#else
// glibc's allocator under its internal names; every replacement forwards there,
// so memory from any entry point can be released through any other.
constexpr bool kCountsMalloc = true;
extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* pointer, std::size_t size);
void __libc_free(void* pointer);
void* __libc_memalign(std::size_t alignment, std::size_t size);

void* malloc(std::size_t size) noexcept {
  note_allocation();
  return __libc_malloc(size);
}
void* calloc(std::size_t count, std::size_t size) noexcept {
  note_allocation();
  return __libc_calloc(count, size);
}
void* realloc(void* pointer, std::size_t size) noexcept {
  note_allocation();
  return __libc_realloc(pointer, size);
}
void free(void* pointer) noexcept {
  // Freeing is counted too: iterate() should not release memory it did not allocate.
  if (pointer != nullptr) note_allocation();
  __libc_free(pointer);
}
void* aligned_alloc(std::size_t alignment, std::size_t size) noexcept {
  note_allocation();
  return __libc_memalign(alignment, size);
}
int posix_memalign(void** result, std::size_t alignment, std::size_t size) noexcept {
  note_allocation();
  void* pointer = __libc_memalign(alignment, size);
  if (pointer == nullptr) return ENOMEM;
  *result = pointer;
  return 0;
}
}  // extern "C"
#define NNSWEEP_RAW_MALLOC(size) __libc_malloc(size)
#define NNSWEEP_RAW_FREE(pointer) __libc_free(pointer)
#define NNSWEEP_RAW_MEMALIGN(alignment, size) __libc_memalign(alignment, size)
#endif

// operator new/delete, counted once each (they do not go through our malloc).
namespace {
void* counted_new(std::size_t size) {
  note_allocation();
  if (void* pointer = NNSWEEP_RAW_MALLOC(size == 0 ? 1 : size)) return pointer;
  throw std::bad_alloc();
}
void* counted_new(std::size_t size, std::align_val_t alignment) {
  note_allocation();
  const auto a = static_cast<std::size_t>(alignment);
  // aligned_alloc wants a size that is a multiple of the alignment.
  const std::size_t rounded = ((size == 0 ? 1 : size) + a - 1) / a * a;
  if (void* pointer = NNSWEEP_RAW_MEMALIGN(a, rounded)) return pointer;
  throw std::bad_alloc();
}
void counted_delete(void* pointer) noexcept {
  if (pointer == nullptr) return;
  note_allocation();
  NNSWEEP_RAW_FREE(pointer);
}
}  // namespace

void* operator new(std::size_t size) { return counted_new(size); }
void* operator new[](std::size_t size) { return counted_new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try { return counted_new(size); } catch (...) { return nullptr; }
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  try { return counted_new(size); } catch (...) { return nullptr; }
}
void* operator new(std::size_t size, std::align_val_t a) { return counted_new(size, a); }
void* operator new[](std::size_t size, std::align_val_t a) { return counted_new(size, a); }
void operator delete(void* p) noexcept { counted_delete(p); }
void operator delete[](void* p) noexcept { counted_delete(p); }
void operator delete(void* p, std::size_t) noexcept { counted_delete(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_delete(p); }
void operator delete(void* p, std::align_val_t) noexcept { counted_delete(p); }
void operator delete[](void* p, std::align_val_t) noexcept { counted_delete(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { counted_delete(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { counted_delete(p); }

namespace {

// Allocations made while `body` runs.
template <class Body>
long allocations_during(Body body) {
  g_allocations = 0;
  g_counting = true;
  body();
  g_counting = false;
  return g_allocations.load();
}

void check_no_allocation_in(const nnsweep::testing::RunSpec& spec) {
  const nnsweep::ExperimentConfig config = nnsweep::testing::make_config(spec);
  const nnsweep::Dataset data = nnsweep::testing::make_dataset(config);
  nnsweep::Trainer trainer(data, config, nnsweep::builtin_registries());
  // Warm-up, uncounted: one-time lazy initialisation (Eigen's cache sizes, an
  // OpenMP thread team) is not a per-iteration cost.
  for (int i = 0; i < 3; ++i) trainer.iterate();
  double sum = 0.0;
  // Whole epochs: drawing an epoch's order and gathering each batch too.
  const long count = allocations_during([&] {
    for (int epoch = 0; epoch < 100 / trainer.batches_per_epoch() + 1; ++epoch) {
      trainer.begin_epoch();
      for (std::int64_t batch = 0; batch < trainer.batches_per_epoch(); ++batch) {
        trainer.select_batch(batch);
        sum += trainer.iterate();
      }
    }
  });
  BOOST_TEST(count == 0);
  BOOST_TEST(std::isfinite(sum));  // the loop really ran
}

// In float64 and in float32 (train/float_training.hpp).
void check_no_allocation(nnsweep::testing::RunSpec spec) {
  for (const nnsweep::DType dtype : {nnsweep::DType::float64, nnsweep::DType::float32}) {
    spec.dtype = dtype;
    BOOST_TEST_CONTEXT(nnsweep::dtype_name(dtype)) { check_no_allocation_in(spec); }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(no_allocation)

BOOST_AUTO_TEST_CASE(the_counter_sees_allocations) {
  // Without this a broken override (never called) would make every test pass.
  const long news = allocations_during([] {
    int* volatile pointer = new int(7);  // volatile: the pair cannot be elided
    delete pointer;
  });
  BOOST_TEST(news == 2);  // one new, one delete
  if (kCountsMalloc) {
    const long mallocs = allocations_during([] {
      void* volatile pointer = std::malloc(64);
      std::free(pointer);
    });
    BOOST_TEST(mallocs == 2);
  }
}

BOOST_AUTO_TEST_CASE(iterate_does_not_allocate_two_hidden_layers) {
  nnsweep::testing::RunSpec spec;
  spec.hidden = {20, 20};
  spec.n_samples = 200;
  spec.init_scale = 0.1;
  for (const std::string optimizer : {"gd", "momentum", "adam"}) {
    spec.optimizer = optimizer;
    BOOST_TEST_CONTEXT(optimizer) { check_no_allocation(spec); }
  }
}

BOOST_AUTO_TEST_CASE(iterate_does_not_allocate_one_unit) {
  nnsweep::testing::RunSpec spec;
  spec.hidden = {1};
  spec.n_samples = 200;
  for (const std::string activation : {"tanh", "sigmoid", "relu"}) {
    spec.activation = activation;
    BOOST_TEST_CONTEXT(activation) { check_no_allocation(spec); }
  }
}

// Every hidden activation, those that work through stack buffers included
// (plugins/activations/elementwise.hpp), over blocks longer than one buffer.
BOOST_AUTO_TEST_CASE(iterate_does_not_allocate_with_any_hidden_activation) {
  nnsweep::testing::RunSpec spec;
  spec.hidden = {3};
  spec.n_samples = 200;
  spec.init_scale = 0.3;
  const auto& activations = nnsweep::builtin_registries().activations;
  for (const std::string& activation : activations.names()) {
    if (activations.describe(activation)->traits.range == nnsweep::OutputRange::simplex) continue;
    spec.activation = activation;
    BOOST_TEST_CONTEXT(activation) { check_no_allocation(spec); }
  }
}

BOOST_AUTO_TEST_CASE(iterate_does_not_allocate_for_other_tasks_or_mini_batches) {
  nnsweep::testing::RunSpec spec;
  spec.hidden = {6, 4};
  spec.init_scale = 0.3;
  spec.dataset = "spiral";
  spec.dataset_params = {{"n_samples", std::int64_t{90}}, {"n_classes", std::int64_t{3}}};
  for (const std::string output : {"softmax", "sigmoid"}) {
    spec.output = output;
    spec.loss = output == "softmax" ? "categorical_cross_entropy" : "mse";
    BOOST_TEST_CONTEXT(output << " " << spec.loss) { check_no_allocation(spec); }
    spec.batch_size = 16;  // the last of 6 batches holds 10 examples
    BOOST_TEST_CONTEXT(output << " in batches of 16") { check_no_allocation(spec); }
    spec.batch_size = 0;
  }
  spec.dataset = "friedman1";
  spec.dataset_params = {{"n_samples", std::int64_t{50}}};
  spec.output = "identity";
  spec.loss = "mse";
  BOOST_TEST_CONTEXT("identity mse") { check_no_allocation(spec); }
}

BOOST_AUTO_TEST_SUITE_END()
