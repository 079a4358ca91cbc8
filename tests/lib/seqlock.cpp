// Tests for linux/seqlock.h and linux/cleanup.h (header-only): sequences, retries, waiting readers, lock guards.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kshim/testing.hpp"
#include "support/kthread_fn.hpp"
#include "support/oracle.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/cleanup.h"
#include "linux/delay.h"
#include "linux/mutex.h"
#include "linux/rcupdate.h"
#include "linux/seqlock.h"
#include "linux/spinlock.h"

using kshim::testing::TestKernel;
using namespace kshim_test;

TEST_CASE("seqlock_api's sequences, retries, irq/bh forms and lock guards match the real kernel", "[lib][seqlock]")
{
    OracleRun r = run_against_oracle("seqlock_api");
    CHECK(r.exit_code == 0);
    REQUIRE(r.want.size() > 20);
    CHECK(r.got == r.want);
}

TEST_CASE("a seqcount reader waits while a writer is inside its write section, then reads the new even sequence", "[lib][seqlock]")
{
    TestKernel k;
    seqcount_t sc = SEQCNT_ZERO(sc);
    int data = 0;
    unsigned seen = 99;
    int read_value = -1;
    uint64_t read_at = 0;
    k.run_task([&] {
        Thread writer{[&] {
            raw_write_seqcount_begin(&sc);
            data = 1;
            msleep(10);   // a bug in Linux (a writer must not sleep), but it shows the reader waiting
            data = 2;
            raw_write_seqcount_end(&sc);
        }};
        Thread reader{[&] {
            unsigned s;
            do {
                s = read_seqcount_begin(&sc);
                read_value = data;
            } while (read_seqcount_retry(&sc, s));
            seen = s;
            read_at = k.now_ns();
        }};
        start(writer, "writer");
        msleep(1);
        start(reader, "reader");
        msleep(50);
        return 0L;
    });
    CHECK(seen == 2);
    CHECK(read_value == 2);
    CHECK(read_at >= 10'000'000);
}

TEST_CASE("read_seqretry is true exactly when a write happened since read_seqbegin", "[lib][seqlock]")
{
    TestKernel k;
    k.run_task([] {
        DEFINE_SEQLOCK(sl);
        unsigned s = read_seqbegin(&sl);
        CHECK_FALSE(read_seqretry(&sl, s));
        write_seqlock(&sl);
        CHECK(raw_read_seqcount(&sl.seqcount) == 1);
        CHECK(spin_is_locked(&sl.lock));
        write_sequnlock(&sl);
        CHECK(read_seqretry(&sl, s));
        s = read_seqbegin(&sl);
        CHECK(s == 2);
        read_seqlock_excl(&sl);   // a locking reader leaves the sequence alone
        read_sequnlock_excl(&sl);
        CHECK_FALSE(read_seqretry(&sl, s));
        return 0L;
    });
    CHECK(k.bugs() == 0);
}

namespace {
DEFINE_MUTEX(guard_mutex);

int locked_early_return(bool early)
{
    guard(mutex)(&guard_mutex);
    if (early)
        return mutex_is_locked(&guard_mutex) ? 1 : -1;
    return 2;
}
}  // namespace

TEST_CASE("guard() releases its lock on every way out of the scope, scoped_guard() after its statement", "[lib][cleanup]")
{
    TestKernel k;
    k.run_task([] {
        CHECK(locked_early_return(true) == 1);
        CHECK_FALSE(mutex_is_locked(&guard_mutex));
        CHECK(locked_early_return(false) == 2);
        CHECK_FALSE(mutex_is_locked(&guard_mutex));
        DEFINE_SPINLOCK(l);
        int body = 0;
        scoped_guard(spinlock_irqsave, &l) {
            body++;
            CHECK(spin_is_locked(&l));
            CHECK(irqs_disabled());
        }
        CHECK(body == 1);
        CHECK_FALSE(spin_is_locked(&l));
        CHECK_FALSE(irqs_disabled());
        {
            guard(rcu)();
            CHECK(rcu_read_lock_held());
        }
        CHECK(preempt_count() == 0);
        return 0L;
    });
    CHECK(k.bugs() == 0);
}
