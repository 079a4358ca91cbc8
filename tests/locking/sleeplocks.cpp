// Tests for the sleeping-lock helpers moved out of the bridges (shim/src/locking/sleeplocks.cpp): atomic_dec_and_mutex_lock, mutex_destroy.
#include "kshim/testing.hpp"

#include "linux/atomic.h"
#include "linux/mutex.h"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include <catch2/catch.hpp>

using kshim::testing::TestKernel;

TEST_CASE("atomic_dec_and_mutex_lock takes the mutex only for the last reference", "[locking]")
{
    TestKernel k;
    int first = -1, last = -1;
    bool held_after_last = false, held_after_first = true;
    k.run_task([&] {
        static DEFINE_MUTEX(m);
        atomic_t refs = ATOMIC_INIT(2);
        first = atomic_dec_and_mutex_lock(&refs, &m);
        held_after_first = mutex_is_locked(&m);
        last = atomic_dec_and_mutex_lock(&refs, &m);
        held_after_last = mutex_is_locked(&m);
        CHECK(atomic_read(&refs) == 0);
        mutex_unlock(&m);
        return 0L;
    });
    CHECK(first == 0);
    CHECK_FALSE(held_after_first);
    CHECK(last == 1);
    CHECK(held_after_last);
    CHECK(k.warnings() == 0);
}

TEST_CASE("mutex_destroy of a locked mutex warns as DEBUG_MUTEXES does", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        static DEFINE_MUTEX(quiet);
        mutex_destroy(&quiet);             // unlocked: no warning
        static DEFINE_MUTEX(busy);
        mutex_lock(&busy);
        mutex_destroy(&busy);
        return 0L;
    });
    CHECK(k.warnings() == 1);
    CHECK(k.log_contains("DEBUG_LOCKS_WARN_ON(mutex_is_locked(lock))"));
    CHECK(k.log_contains("kernel/locking/mutex-debug.c:103"));
}
