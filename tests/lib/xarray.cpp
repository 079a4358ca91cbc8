// Tests for the xarray (shim/src/lib/xarray.cpp): 6.1's store/insert/alloc rules, error entries, iteration.
#include <catch2/catch.hpp>

#include <vector>

#include "kshim/testing.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/xarray.h"

using kshim::testing::TestKernel;

TEST_CASE("xa_store returns the old entry, NULL erases, and xa_empty is true only with no entry", "[lib][xarray]")
{
    TestKernel k;
    k.run_task([] {
        DEFINE_XARRAY(xa);
        int a, b;
        CHECK(xa_empty(&xa));
        CHECK(xa_store(&xa, 3, &a, GFP_KERNEL) == nullptr);
        CHECK(xa_store(&xa, 3, &b, GFP_KERNEL) == &a);
        CHECK_FALSE(xa_empty(&xa));
        CHECK(xa_store(&xa, 3, nullptr, GFP_KERNEL) == &b);
        CHECK(xa_empty(&xa));
        CHECK(xa_load(&xa, 3) == nullptr);
        void *err = xa_store(&xa, 1, xa_mk_internal(5), GFP_KERNEL);
        CHECK(xa_is_err(err));
        CHECK(xa_err(err) == -EINVAL);
        CHECK(xa_err(&a) == 0);
        CHECK(xa_err(xa_mk_value(7)) == 0);
        CHECK(xa_to_value(xa_mk_value(7)) == 7);
        xa_destroy(&xa);
        return 0L;
    });
    CHECK(k.warnings() == 1);
}

TEST_CASE("xa_for_each visits entries in index order and skips reserved ones; xa_find stays within max", "[lib][xarray]")
{
    TestKernel k;
    k.run_task([] {
        struct xarray xa;
        xa_init(&xa);
        int v[4];
        for (unsigned long i : {40ul, 2ul, ~0ul, 17ul})
            xa_store(&xa, i, &v[0], GFP_KERNEL);
        CHECK(xa_reserve(&xa, 20, GFP_KERNEL) == 0);
        std::vector<unsigned long> seen;
        unsigned long index;
        void *entry;
        xa_for_each(&xa, index, entry)
            seen.push_back(index);
        CHECK(seen == std::vector<unsigned long>{2, 17, 40, ~0ul});
        index = 18;
        CHECK(xa_find(&xa, &index, 39, XA_PRESENT) == nullptr);
        CHECK(index == 18);
        CHECK(xa_find(&xa, &index, 40, XA_PRESENT) == &v[0]);
        CHECK(index == 40);
        xa_destroy(&xa);
        CHECK(xa_empty(&xa));
        return 0L;
    });
}

TEST_CASE("xa_alloc needs an allocating array, skips index 0 with ALLOC1, and returns -EBUSY when the limit is full", "[lib][xarray]")
{
    TestKernel k;
    k.run_task([] {
        DEFINE_XARRAY(plain);
        DEFINE_XARRAY_ALLOC1(xa);
        int a;
        u32 id = 99;
        CHECK(xa_alloc(&plain, &id, &a, xa_limit_32b, GFP_KERNEL) == -EINVAL);
        CHECK(xa_alloc(&xa, &id, &a, XA_LIMIT(0, 2), GFP_KERNEL) == 0);
        CHECK(id == 1);
        CHECK(xa_alloc(&xa, &id, nullptr, XA_LIMIT(0, 2), GFP_KERNEL) == 0);   // NULL reserves
        CHECK(id == 2);
        CHECK(xa_load(&xa, 2) == nullptr);
        CHECK(xa_alloc(&xa, &id, &a, XA_LIMIT(0, 2), GFP_KERNEL) == -EBUSY);
        CHECK(xa_insert(&xa, 2, &a, GFP_KERNEL) == -EBUSY);
        xa_erase(&xa, 2);
        CHECK(xa_insert(&xa, 2, &a, GFP_KERNEL) == 0);
        xa_destroy(&xa);
        return 0L;
    });
    CHECK(k.warnings() == 1);
}
