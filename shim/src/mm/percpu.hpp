// Per-CPU areas: every CPU's copy of a module's DEFINE_PER_CPU section and of alloc_percpu blocks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "linux/types.h"

struct percpu_counter;

namespace kshim {

class Kernel;

// A per-CPU pointer is the address of CPU 0's copy. Each registered area maps the range of CPU
// 0's copy to the start of every CPU's copy: a module's static section keeps its image as CPU
// 0's copy and gets fresh copies of that image for the other CPUs at load; a dynamic block
// holds every CPU's copy back to back (unit bytes each) in one tracked kmalloc allocation, so
// a block the module never frees shows in its leak report.
class PerCpu {
public:
    explicit PerCpu(Kernel &k);
    ~PerCpu();

    // The loader: a module's per-CPU section [lo, hi) (empty: nothing to do). Process context.
    void add_static(const void *lo, const void *hi);
    // The loader, before dlclose: drops the copies of the section that starts at lo.
    void remove_static(const void *lo);

    // __alloc_percpu_gfp: zeroed copies for each CPU. May sleep if gfp allows blocking.
    void *alloc(size_t size, size_t align, gfp_t gfp, uintptr_t site);
    // free_percpu: p must come from alloc (else reported). Any context.
    void free(const void *p, uintptr_t site);

    // per_cpu_ptr: CPU cpu's copy of p. Atomic-safe; misuse is reported and p returned.
    void *ptr(const void *p, int cpu, uintptr_t site);
    // this_cpu_ptr and the __this_cpu_* ops (op names the API; nullptr: no check). Atomic-safe.
    void *this_ptr(const void *p, const char *op, uintptr_t site);

    // percpu_counter (percpu_counter.cpp), 6.1's lib/percpu_counter.c semantics. Linux takes
    // fbc->lock around the slow paths; kshim has no switch point inside them, so each is atomic
    // without it. Init may sleep if gfp allows blocking; the others are atomic-safe.
    int counter_init(percpu_counter *fbc, s64 amount, gfp_t gfp, uintptr_t site);
    void counter_destroy(percpu_counter *fbc, uintptr_t site);
    void counter_set(percpu_counter *fbc, s64 amount);
    void counter_add(percpu_counter *fbc, s64 amount, s32 batch, uintptr_t site);
    s64 counter_sum(percpu_counter *fbc);
    int counter_compare(percpu_counter *fbc, s64 rhs, s32 batch);
    void counter_sync(percpu_counter *fbc, uintptr_t site);

    size_t areas() const { return areas_.size(); }

private:
    struct Area {
        uintptr_t hi = 0;                 // end of CPU 0's copy
        std::vector<char *> base;         // base[cpu]: start of that CPU's copy
        std::unique_ptr<char[]> copies;   // static areas: the copies for CPUs 1..n-1
        bool dynamic = false;
    };
    const Area *find(uintptr_t a) const;
    void check_preemptible(const char *op, uintptr_t site);
    void misuse(const char *what, const void *p, uintptr_t site);

    Kernel &k_;
    unsigned cpus_;
    std::map<uintptr_t, Area> areas_;   // keyed by the start of CPU 0's copy
    std::set<uintptr_t> reported_;      // call sites already reported (one report each)
};

}  // namespace kshim
