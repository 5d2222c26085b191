// The counting replacements of the global allocation functions
// (allocation_counter.hpp), and the test that they count.
#include "allocation_counter.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <new>

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
#define NNSWEEP_COUNTS_MALLOC false
#define NNSWEEP_RAW_MALLOC(size) std::malloc(size)
#define NNSWEEP_RAW_FREE(pointer) std::free(pointer)
#define NNSWEEP_RAW_MEMALIGN(alignment, size) std::aligned_alloc(alignment, size)
#else
// glibc's allocator under its internal names; every replacement forwards there,
// so memory from any entry point can be released through any other.
#define NNSWEEP_COUNTS_MALLOC true
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

// Kept one to a line: clang-format would spread these forwarders over a page.
// clang-format off
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
// clang-format on

namespace nnsweep::testing {

const bool kCountsMalloc = NNSWEEP_COUNTS_MALLOC;

void start_counting_allocations() {
  g_allocations = 0;
  g_counting = true;
}

long stop_counting_allocations() {
  g_counting = false;
  return g_allocations.load();
}

}  // namespace nnsweep::testing

BOOST_AUTO_TEST_SUITE(allocation_counter)

BOOST_AUTO_TEST_CASE(the_counter_sees_allocations) {
  // Without this a broken override (never called) would make every test pass.
  const long news = nnsweep::testing::allocations_during([] {
    int* volatile pointer = new int(7);  // volatile: the pair cannot be elided
    delete pointer;
  });
  BOOST_TEST(news == 2);  // one new, one delete
  if (nnsweep::testing::kCountsMalloc) {
    const long mallocs = nnsweep::testing::allocations_during([] {
      void* volatile pointer = std::malloc(64);
      std::free(pointer);
    });
    BOOST_TEST(mallocs == 2);
  }
}

BOOST_AUTO_TEST_SUITE_END()
