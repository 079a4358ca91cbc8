// C API bridges for per-CPU areas (linux/percpu.h, percpu-defs.h).
#include <cstdint>

#include "kernel.hpp"
#include "mm/percpu.hpp"

#include "linux/gfp.h"
#include "linux/percpu.h"
#include "linux/percpu_counter.h"

using kshim::Kernel;

#define SITE ((uintptr_t)__builtin_return_address(0))

extern "C" {

void *kshim_per_cpu_ptr(const void *ptr, int cpu) { return Kernel::get().percpu().ptr(ptr, cpu, SITE); }
void *kshim_this_cpu_ptr(const void *ptr, const char *op) { return Kernel::get().percpu().this_ptr(ptr, op, SITE); }

void *__alloc_percpu(size_t size, size_t align) { return Kernel::get().percpu().alloc(size, align, GFP_KERNEL, SITE); }
void *__alloc_percpu_gfp(size_t size, size_t align, gfp_t gfp) { return Kernel::get().percpu().alloc(size, align, gfp, SITE); }
void free_percpu(void *pdata) { Kernel::get().percpu().free(pdata, SITE); }

}  // extern "C"

// percpu_counter (linux/percpu_counter.h).
extern "C" {

int __percpu_counter_init(struct percpu_counter *fbc, s64 amount, gfp_t gfp, struct lock_class_key *)
{
    return Kernel::get().percpu().counter_init(fbc, amount, gfp, SITE);
}

void percpu_counter_destroy(struct percpu_counter *fbc) { Kernel::get().percpu().counter_destroy(fbc, SITE); }
void percpu_counter_set(struct percpu_counter *fbc, s64 amount) { Kernel::get().percpu().counter_set(fbc, amount); }

void percpu_counter_add_batch(struct percpu_counter *fbc, s64 amount, s32 batch)
{
    Kernel::get().percpu().counter_add(fbc, amount, batch, SITE);
}

s64 __percpu_counter_sum(struct percpu_counter *fbc) { return Kernel::get().percpu().counter_sum(fbc); }

int __percpu_counter_compare(struct percpu_counter *fbc, s64 rhs, s32 batch)
{
    return Kernel::get().percpu().counter_compare(fbc, rhs, batch);
}

void percpu_counter_sync(struct percpu_counter *fbc) { Kernel::get().percpu().counter_sync(fbc, SITE); }

}  // extern "C"
