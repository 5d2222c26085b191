#pragma once
// Counting heap allocations, for the tests of code that promises not to
// allocate (Trainer::iterate(), the plugins' methods).
//
// An executable that links allocation_counter.cpp has the global allocation
// functions replaced by counting wrappers, so it is a test binary of its own.
// Counting happens only inside allocations_during().
namespace nnsweep::testing {

// False under AddressSanitizer, which owns malloc and friends: then only
// operator new and delete are counted.
extern const bool kCountsMalloc;

void start_counting_allocations();
// Allocations and frees since start_counting_allocations().
long stop_counting_allocations();

// Allocations (and frees) made while `body` runs.
template <class Body>
long allocations_during(Body body) {
  start_counting_allocations();
  body();
  return stop_counting_allocations();
}

}  // namespace nnsweep::testing
