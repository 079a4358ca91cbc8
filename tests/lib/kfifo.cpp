// Tests for kfifo (shim/src/lib/kfifo.cpp, linux/kfifo.h): the real kernel's results, allocation rounding, wrap-around, stubs.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kshim/testing.hpp"
#include "support/log_match.hpp"
#include "support/oracle.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/kfifo.h"

using kshim::testing::TestKernel;
using namespace kshim_test;

TEST_CASE("kfifo_api's byte, int and record fifos give the real kernel's results", "[lib][kfifo]")
{
    OracleRun r = run_against_oracle("kfifo_api");
    CHECK(r.exit_code == 0);
    REQUIRE(r.want.size() > 30);
    CHECK(r.got == r.want);
}

TEST_CASE("kfifo_alloc rounds the size up to a power of two and refuses fewer than 2 elements", "[lib][kfifo]")
{
    TestKernel k;
    k.run_task([] {
        DECLARE_KFIFO_PTR(f, unsigned int);
        for (unsigned want : {2u, 3u, 4u, 5u, 1000u, 1024u, 1025u}) {
            REQUIRE(kfifo_alloc(&f, want, GFP_KERNEL) == 0);
            unsigned round = 1;
            while (round < want)
                round <<= 1;
            CHECK(kfifo_size(&f) == round);
            CHECK(kfifo_esize(&f) == sizeof(unsigned int));
            kfifo_free(&f);
        }
        CHECK(kfifo_alloc(&f, 1, GFP_KERNEL) == -EINVAL);
        CHECK(kfifo_alloc(&f, 0, GFP_KERNEL) == -EINVAL);
        CHECK(kfifo_size(&f) == 1);   // mask 0
        CHECK_FALSE(kfifo_initialized(&f));
        return 0L;
    });
    CHECK(k.live_allocations() == 0);
}

TEST_CASE("kfifo in/out keep FIFO order across the wrap of the ring and of the 32-bit counters", "[lib][kfifo]")
{
    TestKernel k;
    k.run_task([] {
        DECLARE_KFIFO(f, int, 8);
        INIT_KFIFO(f);
        f.kfifo.in = f.kfifo.out = 0xfffffffcu;   // four elements before the counters wrap
        int next_in = 0, next_out = 0;
        for (int round = 0; round < 20; ++round) {
            int buf[5];
            for (int &v : buf)
                v = next_in++;
            unsigned n = kfifo_in(&f, buf, 5);
            next_in -= 5 - (int)n;
            int got[8];
            unsigned m = kfifo_out(&f, got, 3);
            for (unsigned i = 0; i < m; ++i)
                CHECK(got[i] == next_out++);
            CHECK(kfifo_len(&f) <= 8);
        }
        int v;
        while (kfifo_get(&f, &v))
            CHECK(v == next_out++);
        CHECK(next_out == next_in);
        return 0L;
    });
}

TEST_CASE("kfifo_to_user and kfifo_from_user report that user memory is not implemented and copy nothing", "[lib][kfifo]")
{
    TestKernel k;
    k.run_task([] {
        DECLARE_KFIFO(f, unsigned char, 16);
        INIT_KFIFO(f);
        unsigned copied = 7;
        CHECK(kfifo_to_user(&f, (void *)nullptr, 4, &copied) == -ENOSYS);
        CHECK(copied == 0);
        copied = 7;
        CHECK(kfifo_from_user(&f, (const void *)nullptr, 4, &copied) == -ENOSYS);
        CHECK(copied == 0);
        return 0L;
    });
    CHECK(count_lines(k, "kshim: kfifo_to_user is not implemented") == 1);
    CHECK(count_lines(k, "kshim: kfifo_from_user is not implemented") == 1);
}

TEST_CASE("a kfifo_alloc buffer that a module never frees is in its leak report", "[lib][kfifo]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("kfifo_api"), {"leak=1"}) == 0);
    CHECK(k.unload("kfifo_api").leaks == 1);
    CHECK(count_lines(k, "unreferenced object 0x") == 1);
    CHECK(count_lines(k, "kfifo_api_init") >= 1);   // the backtrace names the module's caller
}
