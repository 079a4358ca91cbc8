// Tests for sysfs_emit and sysfs_emit_at (shim/src/fs/sysfs_file.cpp): scnprintf into one page, and the WARN on a bad buffer.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include "kshim/testing.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "asm/page.h"
#include "linux/sysfs.h"

using kshim::testing::TestKernel;

namespace {
struct Page {
    char *p = static_cast<char *>(std::aligned_alloc(PAGE_SIZE, PAGE_SIZE));
    ~Page() { std::free(p); }
};
}  // namespace

TEST_CASE("sysfs_emit formats into the page and sysfs_emit_at appends at an offset", "[fs][sysfs]")
{
    TestKernel k;
    Page pg;
    int n = sysfs_emit(pg.p, "%d\n", 42);
    CHECK(n == 3);
    n += sysfs_emit_at(pg.p, n, "%s\n", "next");
    CHECK(n == 8);
    CHECK(std::string(pg.p) == "42\nnext\n");
}

TEST_CASE("sysfs_emit stops at PAGE_SIZE - 1 bytes, returning what it wrote", "[fs][sysfs]")
{
    TestKernel k;
    Page pg;
    std::string big(PAGE_SIZE + 100, 'x');
    CHECK(sysfs_emit(pg.p, "%s", big.c_str()) == (int)PAGE_SIZE - 1);
    CHECK(pg.p[PAGE_SIZE - 1] == '\0');
    CHECK(sysfs_emit_at(pg.p, PAGE_SIZE - 3, "%s", "abcdef") == 2);
}

TEST_CASE("sysfs_emit on a buffer that is not page-aligned warns and writes nothing", "[fs][sysfs]")
{
    TestKernel k;
    Page pg;
    k.run_task([&pg] {
        pg.p[1] = 'u';
        CHECK(sysfs_emit(pg.p + 1, "%d", 1) == 0);
        CHECK(pg.p[1] == 'u');
        CHECK(sysfs_emit_at(pg.p, PAGE_SIZE, "%d", 1) == 0);
        CHECK(sysfs_emit_at(pg.p, -1, "%d", 1) == 0);
        return 0L;
    });
    CHECK(k.warnings() == 3);
    CHECK(k.log_contains("invalid sysfs_emit: buf:"));
    CHECK(k.log_contains("invalid sysfs_emit_at: buf:"));
    CHECK(k.log_contains(" at:4096"));
}
