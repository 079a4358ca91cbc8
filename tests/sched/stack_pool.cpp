// Tests for the guard-paged fiber stacks (shim/src/sched/stack_pool.cpp): sizes, the guard page, reuse, unmapping.
#include "sched/stack_pool.hpp"

#include <catch2/catch.hpp>

#include <boost/context/fiber.hpp>

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

namespace {

constexpr size_t kSize = 64 * 1024;

uintptr_t page_size()
{
    return uintptr_t(sysconf(_SC_PAGESIZE));
}

uintptr_t top(const boost::context::stack_context &sc)
{
    return reinterpret_cast<uintptr_t>(sc.sp);
}

uintptr_t bottom(const boost::context::stack_context &sc)
{
    return top(sc) - sc.size;
}

// True if the kernel can read the byte at addr: write(2) from it into a pipe fails with
// EFAULT instead of faulting the test, so PROT_NONE pages are probed without a crash.
bool readable(uintptr_t addr)
{
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    ssize_t n = write(fds[1], reinterpret_cast<const void *>(addr), 1);
    int err = errno;
    close(fds[0]);
    close(fds[1]);
    if (n < 0)
        CHECK(err == EFAULT);
    return n == 1;
}

// True if the page holding addr is mapped at all (mincore fails with ENOMEM otherwise).
bool mapped(uintptr_t addr)
{
    unsigned char vec = 0;
    void *page = reinterpret_cast<void *>(addr & ~(page_size() - 1));
    return mincore(page, page_size(), &vec) == 0;
}

// The /proc/self/maps line that holds addr.
struct MapsLine {
    uintptr_t lo = 0, hi = 0;
    std::string perms;
};

MapsLine maps_line(uintptr_t addr)
{
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
        MapsLine m;
        char dash = 0;
        std::istringstream in(line);
        in >> std::hex >> m.lo >> dash >> m.hi >> m.perms;
        if (addr >= m.lo && addr < m.hi)
            return m;
    }
    return {};
}

}  // namespace

TEST_CASE("A stack from the pool has the pool's size and is writable from its lowest to its highest byte", "[sched]")
{
    kshim::StackPool pool(kSize);
    CHECK(pool.size() == kSize);
    boost::context::stack_context sc = pool.get();
    REQUIRE(sc.sp != nullptr);
    CHECK(sc.size == kSize);
    CHECK(top(sc) % page_size() == 0);
    auto *low = reinterpret_cast<volatile char *>(bottom(sc));
    auto *high = reinterpret_cast<volatile char *>(top(sc) - 1);
    *low = 1;
    *high = 2;
    CHECK(*low == 1);
    CHECK(*high == 2);
    MapsLine m = maps_line(bottom(sc));
    CHECK(m.lo == bottom(sc));  // the guard below ends where the stack begins
    CHECK(m.hi >= top(sc));
    CHECK(m.perms.substr(0, 3) == "rw-");
    pool.put(sc);
}

TEST_CASE("A stack's guard is the one PROT_NONE page just below its lowest byte", "[sched]")
{
    kshim::StackPool pool(kSize);
    boost::context::stack_context sc = pool.get();
    uintptr_t guard = bottom(sc) - page_size();
    MapsLine m = maps_line(guard);
    INFO("guard line " << std::hex << m.lo << "-" << m.hi << " " << m.perms);
    CHECK(m.perms.substr(0, 3) == "---");
    CHECK(m.lo <= guard);
    CHECK(m.hi == bottom(sc));
    CHECK(mapped(guard));           // part of the stack's mapping, not a hole
    CHECK_FALSE(readable(guard));
    CHECK_FALSE(readable(bottom(sc) - 1));
    CHECK(readable(bottom(sc)));
    CHECK(readable(top(sc) - 1));
    pool.put(sc);
}

TEST_CASE("guard_range starts at the guard page and in_guard accepts only addresses near it", "[sched]")
{
    kshim::StackPool pool(kSize);
    boost::context::stack_context sc = pool.get();
    auto [lo, hi] = kshim::StackPool::guard_range(sc);
    CHECK(lo == bottom(sc) - page_size());
    CHECK(hi > bottom(sc));                  // the whole guard page, and a little slack above it
    CHECK(hi - bottom(sc) < page_size());
    CHECK(kshim::StackPool::in_guard(sc, lo));
    CHECK(kshim::StackPool::in_guard(sc, bottom(sc) - 1));
    CHECK(kshim::StackPool::in_guard(sc, hi - 1));
    CHECK_FALSE(kshim::StackPool::in_guard(sc, lo - 1));
    CHECK_FALSE(kshim::StackPool::in_guard(sc, hi));
    CHECK_FALSE(kshim::StackPool::in_guard(sc, top(sc) - 1));
    pool.put(sc);
}

TEST_CASE("An empty stack context has no guard range and is ignored when released", "[sched]")
{
    boost::context::stack_context none;
    CHECK(kshim::StackPool::guard_range(none) == std::pair<uintptr_t, uintptr_t>{0, 0});
    CHECK_FALSE(kshim::StackPool::in_guard(none, 0));
    kshim::StackPool pool(kSize);
    pool.put(none);
    boost::context::stack_context sc = pool.get();  // a mapped stack, not the empty one back
    CHECK(sc.sp != nullptr);
    CHECK(sc.size == kSize);
    pool.put(sc);
}

TEST_CASE("A released stack is handed out again, most recently released first", "[sched]")
{
    kshim::StackPool pool(kSize);
    boost::context::stack_context a = pool.get();
    pool.put(a);
    boost::context::stack_context again = pool.get();
    CHECK(again.sp == a.sp);
    CHECK(again.size == a.size);

    boost::context::stack_context b = pool.get();
    CHECK(b.sp != a.sp);
    CHECK((top(b) <= bottom(a) - page_size() || bottom(b) - page_size() >= top(a)));  // disjoint
    pool.put(again);
    pool.put(b);
    CHECK(pool.get().sp == b.sp);
    CHECK(pool.get().sp == a.sp);
    boost::context::stack_context c = pool.get();  // the pool is empty: a new mapping
    CHECK(c.sp != a.sp);
    CHECK(c.sp != b.sp);
    pool.put(a);
    pool.put(b);
    pool.put(c);
}

TEST_CASE("Destroying the pool unmaps the stacks it holds, guard pages included", "[sched]")
{
    uintptr_t guard = 0, high = 0;
    {
        kshim::StackPool pool(kSize);
        boost::context::stack_context sc = pool.get();
        guard = bottom(sc) - page_size();
        high = top(sc) - 1;
        pool.put(sc);
        REQUIRE(mapped(guard));
        REQUIRE(mapped(high));
    }
    CHECK_FALSE(mapped(guard));
    CHECK_FALSE(mapped(high));
}

TEST_CASE("A fiber on a PooledStack runs on the pool's stack and returns it when it ends", "[sched]")
{
    namespace ctx = boost::context;
    kshim::StackPool pool(kSize);
    ctx::stack_context slot;
    uintptr_t local = 0;
    ctx::stack_context seen;
    {
        ctx::fiber f(std::allocator_arg, kshim::PooledStack{&pool, &slot}, [&](ctx::fiber &&main) {
            volatile int here = 0;
            local = reinterpret_cast<uintptr_t>(&here);
            seen = slot;
            return std::move(main);
        });
        std::move(f).resume();
    }
    REQUIRE(seen.sp != nullptr);
    CHECK(seen.size == kSize);
    CHECK(local >= bottom(seen));
    CHECK(local < top(seen));
    CHECK(slot.sp == nullptr);        // deallocate cleared the task's slot
    CHECK(pool.get().sp == seen.sp);  // and put the stack back for the next task
}
