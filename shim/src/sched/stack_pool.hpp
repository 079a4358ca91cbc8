// Guard-paged fiber stacks, recycled so that creating a task costs no mmap in steady state.
#pragma once

#include <boost/context/stack_context.hpp>

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace kshim {

class StackPool {
public:
    explicit StackPool(size_t size) : size_(size) {}
    ~StackPool();
    StackPool(const StackPool &) = delete;
    StackPool &operator=(const StackPool &) = delete;

    boost::context::stack_context get();
    void put(const boost::context::stack_context &sc);
    size_t size() const { return size_; }
    // The guard page of a stack whose top is `sp`: faults there are stack overflows.
    static bool in_guard(const boost::context::stack_context &sc, uintptr_t addr);
    // The addresses in_guard() accepts, [lo, hi); {0, 0} for no stack. Atomic-safe.
    static std::pair<uintptr_t, uintptr_t> guard_range(const boost::context::stack_context &sc);

private:
    size_t size_;
    std::vector<boost::context::stack_context> free_;
};

// Boost.Context stack allocator that draws from a pool and reports the stack to its task.
struct PooledStack {
    StackPool *pool;
    boost::context::stack_context *slot;
    boost::context::stack_context allocate()
    {
        *slot = pool->get();
        return *slot;
    }
    void deallocate(boost::context::stack_context &sc) noexcept
    {
        pool->put(sc);
        *slot = {};
    }
};

}  // namespace kshim
