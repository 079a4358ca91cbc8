// APIs that exist only so code compiles report "kshim: NAME is not implemented" when called.
#include <catch2/catch.hpp>

#include "kshim/testing.hpp"

#include "asm/special_insns.h"
#include "linux/err.h"
#include "linux/string.h"

TEST_CASE("A not-implemented API reports itself by name, counts as a BUG and returns an error", "[lib]")
{
    kshim::testing::TestKernel k;
    long r = k.run_task([] {
        void *q = vmemdup_user(nullptr, 4);
        return (IS_ERR(q) && PTR_ERR(q) == -ENOSYS) ? 0L : 1L;
    });
    CHECK(r == 0);
    CHECK(k.log_contains("kshim: vmemdup_user is not implemented"));
    CHECK(k.bugs() == 1);
}

TEST_CASE("read_cr0 sees a running kernel's CR0 with write protection on; write_cr0 reports itself", "[lib]")
{
    kshim::testing::TestKernel k;
    unsigned long cr0 = 0;
    k.run_task([&cr0] {
        cr0 = read_cr0();
        write_cr0(cr0 & ~(1UL << 16));
        return 0L;
    });
    CHECK((cr0 & (1UL << 16)) != 0);   // WP
    CHECK((cr0 & 0x80000001UL) == 0x80000001UL);   // PG and PE
    CHECK(k.log_contains("kshim: write_cr0 is not implemented"));
    CHECK(k.bugs() == 1);
}
