// Benchmarks' C++ heap allocation counter (a replacement operator new) and alternated busy/idle rounds; include in one file per benchmark.
#pragma once

#include <cstdlib>
#include <new>
#include <vector>

#include "bench_util.hpp"

namespace bench {

// Heap allocations made while `counting` (the runtime's C++ allocations).
inline bool counting = false;
inline long allocations = 0;

// The medians of `runs` alternated rounds of run(true) (the busy case) and run(false) (its
// peer), each returning its ns per call, and the allocations each side made in all.
struct Alternated {
    double busy_ns = 0, idle_ns = 0;
    long busy_allocs = 0, idle_allocs = 0;
};
template <class F> Alternated alternate(int runs, F run)
{
    std::vector<double> busy, idle;
    Alternated a;
    for (int i = 0; i < runs; ++i) {
        allocations = 0;
        busy.push_back(run(true));
        a.busy_allocs += allocations;
        allocations = 0;
        idle.push_back(run(false));
        a.idle_allocs += allocations;
    }
    a.busy_ns = median(busy);
    a.idle_ns = median(idle);
    return a;
}

}  // namespace bench

void *operator new(std::size_t n)
{
    if (bench::counting)
        ++bench::allocations;
    if (void *p = std::malloc(n ? n : 1))
        return p;
    throw std::bad_alloc();
}
void operator delete(void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }
