// Tests for static keys (shim/src/lib/static_key.cpp, linux/jump_label.h): counts, branches, misuse warnings.
#include <catch2/catch.hpp>

#include "kshim/testing.hpp"
#include "support/log_match.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/jump_label.h"

using kshim::testing::TestKernel;
using kshim_test::count_lines;

TEST_CASE("static branches follow enable/disable and the inc/dec user count", "[lib][static_key]")
{
    TestKernel k;
    k.run_task([] {
        DEFINE_STATIC_KEY_FALSE(f);
        DEFINE_STATIC_KEY_TRUE(t);
        CHECK_FALSE(static_branch_unlikely(&f));
        CHECK(static_branch_likely(&t));
        static_branch_inc(&f);
        static_branch_inc(&f);
        CHECK(static_key_count(&f.key) == 2);
        static_branch_dec(&f);
        CHECK(static_key_enabled(&f));
        static_branch_dec(&f);
        CHECK_FALSE(static_key_enabled(&f));
        static_branch_disable(&t);
        static_branch_disable(&t);   // already off: nothing
        CHECK_FALSE(static_branch_likely(&t));
        static_branch_enable(&t);
        CHECK(static_key_enabled(&t));
        return 0L;
    });
    CHECK(k.warnings() == 0);
}

TEST_CASE("static_branch_dec of a key with no users, and enable or disable of a counted key, warn as 6.1 does", "[lib][static_key]")
{
    TestKernel k;
    k.run_task([] {
        DEFINE_STATIC_KEY_FALSE(f);
        static_branch_dec(&f);
        CHECK(static_key_count(&f.key) == 0);
        static_branch_inc(&f);
        static_branch_inc(&f);
        static_branch_disable(&f);   // two users: stays enabled
        static_branch_enable(&f);
        CHECK(static_key_count(&f.key) == 2);
        return 0L;
    });
    CHECK(count_lines(k, "at kernel/jump_label.c:279 ") == 1);
    CHECK(count_lines(k, "at kernel/jump_label.c:231 ") == 1);
    CHECK(count_lines(k, "at kernel/jump_label.c:200 ") == 1);
    CHECK(k.warnings() == 3);
}
