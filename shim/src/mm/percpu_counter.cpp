// percpu_counter: a shared count plus a per-CPU delta folded in once it reaches the batch.
#include <cstdlib>

#include "kernel.hpp"
#include "mm/percpu.hpp"

#include "linux/percpu_counter.h"

namespace kshim {

int PerCpu::counter_init(percpu_counter *fbc, s64 amount, gfp_t gfp, uintptr_t site)
{
    fbc->count = amount;
    INIT_LIST_HEAD(&fbc->list);
    fbc->counters = (s32 *)alloc(sizeof(s32), alignof(s32), gfp, site);
    return fbc->counters ? 0 : -ENOMEM;
}

void PerCpu::counter_destroy(percpu_counter *fbc, uintptr_t site)
{
    if (!fbc->counters)
        return;
    free(fbc->counters, site);
    fbc->counters = nullptr;
}

void PerCpu::counter_set(percpu_counter *fbc, s64 amount)
{
    for (unsigned cpu = 0; cpu < cpus_; ++cpu)
        *(s32 *)ptr(fbc->counters, (int)cpu, 0) = 0;
    fbc->count = amount;
}

// The CPU's delta plus amount: folded into count (the delta back to 0) once its magnitude
// reaches batch, else kept in the delta.
void PerCpu::counter_add(percpu_counter *fbc, s64 amount, s32 batch, uintptr_t site)
{
    s32 *mine = (s32 *)this_ptr(fbc->counters, nullptr, site);
    s64 count = *mine + amount;
    if (std::llabs(count) >= batch) {
        fbc->count += count;
        *mine = 0;
    } else {
        *mine += (s32)amount;
    }
}

s64 PerCpu::counter_sum(percpu_counter *fbc)
{
    s64 ret = fbc->count;
    for (unsigned cpu = 0; cpu < cpus_; ++cpu)   // every possible CPU is online in kshim
        ret += *(s32 *)ptr(fbc->counters, (int)cpu, 0);
    return ret;
}

// -1, 0 or 1 as count compares with rhs: the cheap count when it is further from rhs than
// every CPU's delta could make up, the exact sum otherwise.
int PerCpu::counter_compare(percpu_counter *fbc, s64 rhs, s32 batch)
{
    s64 count = fbc->count;
    if (std::llabs(count - rhs) > (s64)batch * cpus_)
        return count > rhs ? 1 : -1;
    count = counter_sum(fbc);
    return count > rhs ? 1 : count < rhs ? -1 : 0;
}

void PerCpu::counter_sync(percpu_counter *fbc, uintptr_t site)
{
    s32 *mine = (s32 *)this_ptr(fbc->counters, nullptr, site);
    fbc->count += *mine;
    *mine = 0;
}

}  // namespace kshim
