// Per-CPU areas: the copies behind per_cpu_ptr, alloc_percpu/free_percpu, the preemption check.
#include "mm/percpu.hpp"

#include <cstring>

#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"
#include "mm/memory.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"
#include "sched/task.hpp"

#include "linux/gfp.h"
#include "linux/percpu.h"

namespace kshim {

namespace {
constexpr size_t kPageSize = 4096;
bool power_of_2(size_t v) { return v && !(v & (v - 1)); }
}  // namespace

PerCpu::PerCpu(Kernel &k) : k_(k), cpus_(k.sched().cpus()) {}
PerCpu::~PerCpu() = default;

void PerCpu::add_static(const void *lo, const void *hi)
{
    size_t size = (const char *)hi - (const char *)lo;
    if (!lo || size == 0)
        return;
    Area a;
    a.hi = (uintptr_t)hi;
    // Each copy keeps lo's offset in its page, so every alignment in the section (up to a
    // page: DEFINE_PER_CPU_ALIGNED, DEFINE_PER_CPU_PAGE_ALIGNED) holds in every copy.
    const uintptr_t lead = (uintptr_t)lo & (kPageSize - 1);
    const size_t stride = (lead + size + kPageSize - 1) & ~(kPageSize - 1);
    a.copies = std::make_unique<char[]>(stride * (cpus_ - 1) + kPageSize);
    char *first = (char *)(((uintptr_t)a.copies.get() + kPageSize - 1) & ~(uintptr_t)(kPageSize - 1));
    a.base.push_back((char *)lo);
    for (unsigned cpu = 1; cpu < cpus_; ++cpu) {
        char *copy = first + stride * (cpu - 1) + lead;
        std::memcpy(copy, lo, size);   // the image as loaded: the section's initialisers
        a.base.push_back(copy);
    }
    areas_[(uintptr_t)lo] = std::move(a);
}

void PerCpu::remove_static(const void *lo)
{
    areas_.erase((uintptr_t)lo);
}

void *PerCpu::alloc(size_t size, size_t align, gfp_t gfp, uintptr_t site)
{
    if (size == 0 || size > PCPU_MIN_UNIT_SIZE || !power_of_2(align) || align > kPageSize) {
        if (!(gfp & __GFP_NOWARN))
            k_.reports().warn("mm/percpu.c", 1758, site,   // where 6.1's pcpu_alloc warns
                          strprintf("illegal size (%zu) or align (%zu) for percpu allocation", size, align));
        return nullptr;
    }
    size_t unit = (size + align - 1) & ~(align - 1);
    char *p = (char *)k_.mm().kmalloc(unit * cpus_, gfp | __GFP_ZERO, site);
    if (!p)
        return nullptr;
    Area a;
    a.hi = (uintptr_t)p + size;
    a.dynamic = true;
    for (unsigned cpu = 0; cpu < cpus_; ++cpu)
        a.base.push_back(p + unit * cpu);
    areas_[(uintptr_t)p] = std::move(a);
    return p;
}

void PerCpu::free(const void *p, uintptr_t site)
{
    if (!p)
        return;
    auto it = areas_.find((uintptr_t)p);
    if (it == areas_.end() || !it->second.dynamic) {
        misuse("free_percpu", p, site);
        return;
    }
    areas_.erase(it);
    k_.mm().kfree(p, site);
}

const PerCpu::Area *PerCpu::find(uintptr_t a) const
{
    auto it = areas_.upper_bound(a);
    if (it == areas_.begin())
        return nullptr;
    --it;
    return a < it->second.hi ? &it->second : nullptr;
}

void *PerCpu::ptr(const void *p, int cpu, uintptr_t site)
{
    if (cpu < 0 || (unsigned)cpu >= cpus_) {
        misuse(strprintf("per_cpu_ptr(cpu %d >= nr_cpu_ids %u)", cpu, cpus_).c_str(), p, site);
        return (void *)p;
    }
    if (cpu == 0)
        return (void *)p;   // CPU 0's copy is the per-CPU address itself
    const Area *a = find((uintptr_t)p);
    if (!a) {
        misuse("per_cpu_ptr", p, site);
        return (void *)p;
    }
    uintptr_t off = (uintptr_t)p - (uintptr_t)a->base[0];
    return a->base[cpu] + off;
}

void *PerCpu::this_ptr(const void *p, const char *op, uintptr_t site)
{
    if (op)
        check_preemptible(op, site);
    return ptr(p, (int)k_.sched().current_or_boot().cpu, site);
}

// CONFIG_DEBUG_PREEMPT's check_preemption_disabled: fine with preemption or irqs off, and in
// a task bound to one CPU (a per-CPU kthread); otherwise one report per call site.
void PerCpu::check_preemptible(const char *op, uintptr_t site)
{
    Task &t = k_.sched().current_or_boot();
    if (t.preempt_count || t.irqs_off || t.bound || !reported_.insert(site).second)
        return;
    const std::string head = strprintf("BUG: using %s() in preemptible [%08x] code: %s/%d", op, 0, t.comm(), t.pid());
    if (!k_.reports().record(ReportKind::PercpuInPreemptible, head, site))
        return;
    k_.log().emit(3, head);
    k_.log().emit(4, "caller is " + k_.symbols().text(site, 'S'));
    k_.reports().dump_stack(4, 3);
}

void PerCpu::misuse(const char *what, const void *p, uintptr_t site)
{
    k_.reports().warn(__FILE__, __LINE__, site,
                      strprintf("kshim: %s of %#lx, which is not a per-CPU address", what, (unsigned long)p));
}

}  // namespace kshim
