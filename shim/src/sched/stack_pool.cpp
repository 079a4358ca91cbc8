// Guard-paged fiber stacks: mapping, recycling, guard-page checks.
#include "sched/stack_pool.hpp"
#include "sched/fiber_sanitizer.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace kshim {

namespace {
constexpr size_t kGuard = 4096;
}

StackPool::~StackPool()
{
    for (auto &sc : free_)
        munmap(static_cast<char *>(sc.sp) - sc.size - kGuard, sc.size + kGuard);
}

boost::context::stack_context StackPool::get()
{
    if (!free_.empty()) {
        auto sc = free_.back();
        free_.pop_back();
        fiber_san::forget(static_cast<char *>(sc.sp) - sc.size, sc.size);
        return sc;
    }
    void *base = mmap(nullptr, size_ + kGuard, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (base == MAP_FAILED) {
        std::fputs("kshim: out of memory for task stacks\n", stderr);
        std::abort();
    }
    mprotect(base, kGuard, PROT_NONE);
    boost::context::stack_context sc;
    sc.size = size_;
    sc.sp = static_cast<char *>(base) + kGuard + size_;
    // A new mapping may lie where an unmapped stack was (a previous kernel's): clear what its
    // abandoned frames left in ASan's shadow.
    fiber_san::forget(static_cast<char *>(sc.sp) - sc.size, sc.size);
    return sc;
}

void StackPool::put(const boost::context::stack_context &sc)
{
    if (sc.sp)
        free_.push_back(sc);
}

std::pair<uintptr_t, uintptr_t> StackPool::guard_range(const boost::context::stack_context &sc)
{
    if (!sc.sp)
        return {0, 0};
    uintptr_t low = (uintptr_t)sc.sp - sc.size;
    return {low - kGuard, low + 256};
}

bool StackPool::in_guard(const boost::context::stack_context &sc, uintptr_t addr)
{
    auto [lo, hi] = guard_range(sc);
    return addr >= lo && addr < hi;
}

}  // namespace kshim
