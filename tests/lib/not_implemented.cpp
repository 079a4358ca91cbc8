// APIs that exist only so code compiles report "kshim: NAME is not implemented" when called.
#include <catch2/catch.hpp>

#include "kshim/testing.hpp"

#include "linux/err.h"
#include "linux/string.h"

TEST_CASE("A not-implemented API reports itself by name, counts as a BUG and returns an error", "[lib]")
{
    kshim::testing::TestKernel k;
    long r = k.run_task([] {
        void *p = memdup_user(nullptr, 4);
        void *q = vmemdup_user(nullptr, 4);
        return (IS_ERR(p) && PTR_ERR(p) == -ENOSYS && PTR_ERR(q) == -ENOSYS) ? 0L : 1L;
    });
    CHECK(r == 0);
    CHECK(k.log_contains("kshim: memdup_user is not implemented"));
    CHECK(k.log_contains("kshim: vmemdup_user is not implemented"));
    CHECK(k.bugs() == 2);
}
