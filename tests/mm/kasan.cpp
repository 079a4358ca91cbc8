// Tests for the ASan build's KASAN-worded reports (shim/src/mm/kasan.cpp); they run only with KSHIM_SANITIZE=address.
#include <catch2/catch.hpp>

#include <string>

#include "support/oracle.hpp"
#include "support/sanitizer.hpp"
#include "support/subprocess.hpp"

namespace {

bool has(const std::string &text, const std::string &needle) { return text.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("In the ASan build a write past a kmalloc object's size is KASAN's slab-out-of-bounds at the write", "[mm]")
{
    KSHIM_ONLY_UNDER_ASAN();
    auto run = kshim_test::run_test_module("slub_redzone", "1s");
    CHECK(run.exit_code != 0);
    CHECK(has(run.out, "BUG: KASAN: slab-out-of-bounds in redzone_fill+"));
    CHECK(has(run.out, "Write of size 1 at addr "));
    CHECK(has(run.out, " by task insmod/100"));
    CHECK(has(run.out, "Allocated by task 100:"));
    CHECK(has(run.out, " which belongs to the cache kmalloc-32 of size 32"));
    CHECK(has(run.out, "The buggy address is located 0 bytes to the right of"));
    CHECK(has(run.out, " 20-byte region ["));
    CHECK(!has(run.out, "slub_redzone: freed"));  // the run ended at the write
    CHECK(has(run.err, "ERROR: AddressSanitizer: use-after-poison"));
}

TEST_CASE("In the ASan build a write after kfree is KASAN's use-after-free with the freeing stack", "[mm]")
{
    KSHIM_ONLY_UNDER_ASAN();
    auto run = kshim_test::run_test_module("slub_uaf", "1s");
    CHECK(run.exit_code != 0);
    CHECK(has(run.out, "BUG: KASAN: use-after-free in uaf_touch+"));
    CHECK(has(run.out, "Write of size 4 at addr "));
    CHECK(has(run.out, "Freed by task 100:"));
    CHECK(has(run.out, "The buggy address is located 0 bytes inside of"));
}

TEST_CASE("In the ASan build a module that uses only what it allocated runs clean", "[mm]")
{
    KSHIM_ONLY_UNDER_ASAN();
    auto run = kshim_test::run_test_module("slub_clean", "1s", {"--strict"});
    CHECK(run.exit_code == 0);
    CHECK(!has(run.out, "KASAN"));
    CHECK(!has(run.err, "AddressSanitizer"));
}
