// Tests for IDR and IDA (shim/src/lib/idr.cpp) and the ds_api module (llist, hashtable, static keys, idr, ida, xarray) against the real kernel.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kshim/testing.hpp"
#include "support/log_match.hpp"
#include "support/oracle.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/idr.h"

using kshim::testing::TestKernel;
using namespace kshim_test;

TEST_CASE("ds_api's llist, hashtable, static key, idr, ida and xarray results match the real kernel", "[lib][idr]")
{
    OracleRun r = run_against_oracle("ds_api");
    CHECK(r.exit_code == 0);
    REQUIRE(r.want.size() > 40);
    CHECK(r.got == r.want);
}

TEST_CASE("idr_alloc hands out the lowest free id from start to end (exclusive), -ENOSPC when full, -EINVAL for a negative start", "[lib][idr]")
{
    TestKernel k;
    k.run_task([] {
        DEFINE_IDR(idr);
        int a, b;
        CHECK(idr_alloc(&idr, &a, 10, 12, GFP_KERNEL) == 10);
        CHECK(idr_alloc(&idr, &b, 10, 12, GFP_KERNEL) == 11);
        CHECK(idr_alloc(&idr, &b, 10, 12, GFP_KERNEL) == -ENOSPC);
        CHECK(idr_alloc(&idr, &b, INT_MAX, 0, GFP_KERNEL) == INT_MAX);     // end <= 0: up to INT_MAX
        CHECK(idr_alloc(&idr, &b, INT_MAX, 0, GFP_KERNEL) == -ENOSPC);
        CHECK(idr_alloc(&idr, &b, -1, 0, GFP_KERNEL) == -EINVAL);
        CHECK(idr_find(&idr, 10) == &a);
        CHECK(idr_remove(&idr, 10) == &a);
        CHECK(idr_find(&idr, 10) == nullptr);
        CHECK(idr_alloc(&idr, nullptr, 10, 11, GFP_KERNEL) == 10);   // NULL: allocated, finds NULL
        CHECK(idr_alloc(&idr, &a, 10, 11, GFP_KERNEL) == -ENOSPC);
        CHECK(idr_replace(&idr, &a, 10) == nullptr);
        CHECK(idr_find(&idr, 10) == &a);
        CHECK(idr_replace(&idr, &a, 12) == ERR_PTR(-ENOENT));
        idr_destroy(&idr);
        CHECK(idr_is_empty(&idr));
        return 0L;
    });
    CHECK(k.warnings() == 1);
}

TEST_CASE("idr_alloc_cyclic goes on from the last id and wraps to start once the range is used up", "[lib][idr]")
{
    TestKernel k;
    k.run_task([] {
        struct idr idr;
        idr_init(&idr);
        int x;
        std::vector<int> got;
        for (int i = 0; i < 4; ++i)
            got.push_back(idr_alloc_cyclic(&idr, &x, 1, 4, GFP_KERNEL));
        CHECK(got == std::vector<int>{1, 2, 3, -ENOSPC});
        idr_remove(&idr, 1);
        CHECK(idr_alloc_cyclic(&idr, &x, 1, 4, GFP_KERNEL) == 1);   // wrapped
        CHECK(idr_get_cursor(&idr) == 2);
        idr_destroy(&idr);
        return 0L;
    });
}

TEST_CASE("ida_alloc_range gives the lowest free id, and ida_free of a free id warns as 6.1 does", "[lib][idr]")
{
    TestKernel k;
    k.run_task([] {
        DEFINE_IDA(ida);
        CHECK(ida_alloc(&ida, GFP_KERNEL) == 0);
        CHECK(ida_alloc_range(&ida, 5, 6, GFP_KERNEL) == 5);
        CHECK(ida_alloc_range(&ida, 5, 6, GFP_KERNEL) == 6);
        CHECK(ida_alloc_range(&ida, 5, 6, GFP_KERNEL) == -ENOSPC);
        CHECK(ida_alloc_range(&ida, 0x80000000u, ~0u, GFP_KERNEL) == -ENOSPC);   // min beyond INT_MAX
        CHECK(ida_simple_get(&ida, 0, 0, GFP_KERNEL) == 1);                       // end 0: no limit
        ida_free(&ida, 5);
        CHECK(ida_alloc_min(&ida, 2, GFP_KERNEL) == 2);
        ida_free(&ida, 40);
        ida_destroy(&ida);
        CHECK(ida_is_empty(&ida));
        return 0L;
    });
    CHECK(count_lines(k, "ida_free called for id=40 which is not allocated.") == 1);
    CHECK(count_lines(k, "at lib/idr.c:527 ") == 1);
}
