// Tests for SLUB debug (shim/src/mm/slub_debug.cpp): red zones, poison, the quarantine and SLUB's reports.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <regex>
#include <string>
#include <vector>

#include "debug/report.hpp"
#include "kernel.hpp"
#include "kshim/testing.hpp"
#include "mm/slub_debug.hpp"
#include "support/oracle.hpp"
#include "support/sanitizer.hpp"
#include "support/subprocess.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/gfp.h"
#include "linux/slab.h"

using kshim::testing::TestKernel;

namespace {

// SLUB debug's own objects: KFENCE (which would guard every allocation of a test kernel) off.
kshim::testing::Config slub_only()
{
    kshim::testing::Config c;
    c.kfence_sample_ms = 0;
    return c;
}

// Index of the first log text matching re, or texts.size().
size_t find_line(const std::vector<std::string> &texts, const std::string &re, size_t from = 0)
{
    std::regex r(re);
    for (size_t i = from; i < texts.size(); ++i)
        if (std::regex_match(texts[i], r))
            return i;
    return texts.size();
}

// A report line with what differs between runs made alike: timestamps, addresses, numbers,
// the taint flags, the page flags and the caller of kmem_cache_destroy.
std::string normalized(std::string s)
{
    s = std::regex_replace(s, std::regex(R"(^\[[^\]]*\] )"), "");
    s = std::regex_replace(s, std::regex(R"(\((Not tainted|Tainted: [^)]*)\))"), "(T)");
    s = std::regex_replace(s, std::regex(R"(\(____ptrval____\))"), "P");
    s = std::regex_replace(s, std::regex(R"(0x[0-9a-f]+)"), "0xP");
    s = std::regex_replace(s, std::regex(R"([0-9]+)"), "N");
    s = std::regex_replace(s, std::regex(R"(flags=.*)"), "flags=F");
    return std::regex_replace(s, std::regex(R"(called from .*)"), "called from F");
}

const char *kTaint = R"(\((Not tainted|Tainted: [A-Z ]+)\))";

}  // namespace

TEST_CASE("A write past a kmalloc object's requested size is reported at kfree as SLUB's Right Redzone overwritten", "[mm]")
{
    KSHIM_SKIP_UNDER_ASAN("its module corrupts memory on purpose: ASan ends the run at the access");
    TestKernel k(slub_only());
    REQUIRE(k.load(kshim_test::test_module("slub_redzone")) == 0);
    auto t = k.log_texts();
    CHECK(k.bugs() == 1);
    size_t rule = find_line(t, "^=+$");
    REQUIRE(rule + 12 < t.size());
    CHECK(std::regex_match(t[rule + 1], std::regex(std::string("^BUG kmalloc-32 ") + kTaint + ": Right Redzone overwritten$")));
    CHECK(std::regex_match(t[rule + 2], std::regex("^-+$")));
    CHECK(t[rule + 3].empty());
    // Only byte 20 was written past the 20 asked for: the fault range is one byte.
    std::smatch m;
    std::string range = t[rule + 4];
    REQUIRE(std::regex_match(range, m, std::regex(R"(^0x([0-9a-f]+)-0x([0-9a-f]+) @offset=(\d+)\. First byte 0x41 instead of 0xcc$)")));
    CHECK(m[1] == m[2]);
    CHECK(std::regex_match(t[rule + 5], std::regex(R"(^Allocated in redzone_init\+0x[0-9a-f]+/0x[0-9a-f]+ \[slub_redzone\] age=0 cpu=\d pid=100$)")));
    CHECK(std::regex_match(t[rule + 6], std::regex(R"(^ redzone_init\+0x[0-9a-f]+/0x[0-9a-f]+ \[slub_redzone\]$)")));
    size_t slab = find_line(t, R"(^Slab 0x[0-9a-f]+ objects=\d+ used=\d+ fp=0x[0-9a-f]+ flags=.*$)", rule);
    REQUIRE(slab < t.size());
    CHECK(std::regex_match(t[slab + 1], std::regex(R"(^Object 0x[0-9a-f]+ @offset=\d+ fp=0x[0-9a-f]+$)")));
    size_t obj = find_line(t, R"(^Object   [0-9a-f]+: 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41  AAAAAAAAAAAAAAAA$)", slab);
    REQUIRE(obj + 2 < t.size());
    CHECK(std::regex_match(t[obj + 1], std::regex(R"(^Object   [0-9a-f]+: 41 41 41 41 41 cc cc cc cc cc cc cc cc cc cc cc  AAAAA...........$)")));
    size_t fix = find_line(t, R"(^FIX kmalloc-32: Restoring Right Redzone 0x[0-9a-f]+-0x[0-9a-f]+=0xcc$)", obj);
    CHECK(fix < t.size());
    CHECK(find_line(t, R"(^CPU: \d PID: 100 Comm: insmod .*)", obj) < fix);
    CHECK(find_line(t, R"(^ redzone_init\+0x[0-9a-f]+/0x[0-9a-f]+ \[slub_redzone\]$)", obj) < fix);
    CHECK(k.log_contains("slub_redzone: freed"));
    CHECK((k.kernel().reports().taint() & (1ul << kshim::TaintBadPage)) != 0);
    CHECK(k.unload("slub_redzone").leaks == 0);
    CHECK(k.bugs() == 1);
}

TEST_CASE("The red zone's fault range runs from the first to the last overwritten byte", "[mm]")
{
    KSHIM_SKIP_UNDER_ASAN("its module corrupts memory on purpose: ASan ends the run at the access");
    TestKernel k(slub_only());
    REQUIRE(k.load(kshim_test::test_module("slub_redzone"), {"extra=12"}) == 0);
    auto t = k.log_texts();
    const std::string full = R"(^Object   [0-9a-f]+: 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41  AAAAAAAAAAAAAAAA$)";
    size_t row0 = find_line(t, full);
    REQUIRE(row0 < t.size());
    CHECK(find_line(t, full, row0 + 1) == row0 + 1);  // bytes 16..31 too: the whole slack
    CHECK(find_line(t, R"(^FIX kmalloc-32: Restoring Right Redzone .*=0xcc$)", row0) < t.size());
    CHECK(k.bugs() == 1);
}

TEST_CASE("A write after kfree is reported at unload as SLUB's Poison overwritten with the allocating and freeing stacks", "[mm]")
{
    KSHIM_SKIP_UNDER_ASAN("its module corrupts memory on purpose: ASan ends the run at the access");
    TestKernel k(slub_only());
    REQUIRE(k.load(kshim_test::test_module("slub_uaf")) == 0);
    CHECK(k.bugs() == 0);  // still in the quarantine: found when it is checked
    k.unload("slub_uaf");
    auto t = k.log_texts();
    CHECK(k.bugs() == 1);
    size_t bug = find_line(t, std::string("^BUG kmalloc-32 ") + kTaint + ": Poison overwritten$");
    REQUIRE(bug + 8 < t.size());
    CHECK(std::regex_match(t[bug + 3], std::regex(R"(^0x[0-9a-f]+-0x[0-9a-f]+ @offset=\d+\. First byte 0x2a instead of 0x6b$)")));
    CHECK(std::regex_match(t[bug + 4], std::regex(R"(^Allocated in uaf_init\+0x[0-9a-f]+/0x[0-9a-f]+ \[slub_uaf\] age=0 cpu=\d pid=100$)")));
    size_t freed = find_line(t, R"(^Freed in uaf_init\+0x[0-9a-f]+/0x[0-9a-f]+ \[slub_uaf\] age=0 cpu=\d pid=100$)", bug);
    CHECK(freed < t.size());
    CHECK(find_line(t, R"(^FIX kmalloc-32: Restoring Poison 0x[0-9a-f]+-0x[0-9a-f]+=0x6b$)", bug) < t.size());
}

TEST_CASE("The correct twin using every byte kmalloc, ksize, krealloc and kmem_cache give it is not flagged", "[mm]")
{
    TestKernel k(slub_only());
    REQUIRE(k.load(kshim_test::test_module("slub_clean")) == 0);
    CHECK(k.log_contains("slub_clean: ksize(kmalloc(100)) = 128"));
    CHECK(k.unload("slub_clean").leaks == 0);
    CHECK(k.bugs() == 0);
    CHECK(k.kernel().reports().taint() == 0);
}

TEST_CASE("A write past a kmem_cache object is reported with the cache's name", "[mm]")
{
    KSHIM_SKIP_UNDER_ASAN("its module corrupts memory on purpose: ASan ends the run at the access");
    TestKernel k(slub_only());
    REQUIRE(k.load(kshim_test::test_module("slub_cache_redzone")) == 0);
    auto t = k.log_texts();
    CHECK(k.bugs() == 1);
    CHECK(find_line(t, std::string("^BUG rz_cache ") + kTaint + ": Right Redzone overwritten$") < t.size());
    CHECK(find_line(t, R"(^FIX rz_cache: Restoring Right Redzone 0x[0-9a-f]+-0x[0-9a-f]+=0xcc$)") < t.size());
    CHECK(find_line(t, R"(^FIX rz_cache: Object at 0x[0-9a-f]+ not freed$)") < t.size());
    k.unload("slub_cache_redzone");
    CHECK(k.bugs() == 1);
    CHECK(k.warnings() == 1);  // the object SLUB would not free is still in the cache
    CHECK(k.log_contains("kmem_cache_destroy rz_cache: Slab cache still has objects when called from"));
}

TEST_CASE("SLUB debug's report lines match the real kernel's for a kmem_cache red zone overrun", "[mm]")
{
    KSHIM_SKIP_UNDER_ASAN("its module corrupts memory on purpose: ASan ends the run at the access");
    TestKernel k(slub_only());
    REQUIRE(k.load(kshim_test::test_module("slub_cache_redzone")) == 0);
    k.unload("slub_cache_redzone");
    std::vector<std::string> got;
    for (const std::string &t : k.log_texts())
        got.push_back(normalized(t));
    std::vector<std::string> want;
    std::regex report(R"(^(=+|-+|BUG rz_cache .*overwritten|0xP-0xP .*|Allocated in .*|Slab .*|Object 0xP .*|FIX .*|kmem_cache_destroy .*|slub_cache_redzone: .*| rz_init.*)$)");
    std::string log = kshim_test::oracle_log("slub_cache_redzone");
    size_t from = 0;
    bool shutdown = false;  // 6.1's "Objects remaining" report at destroy: kshim has only the WARNING
    while (from < log.size()) {
        size_t nl = log.find('\n', from);
        std::string line = normalized(log.substr(from, nl == std::string::npos ? nl : nl - from));
        from = nl == std::string::npos ? log.size() : nl + 1;
        if (!shutdown && line.find("Objects remaining") != std::string::npos)
            want.pop_back();  // its rule line
        shutdown = (shutdown || line.find("Objects remaining") != std::string::npos) &&
                   line.rfind("kmem_cache_destroy", 0) != 0;
        if (!shutdown && std::regex_match(line, report))
            want.push_back(line);
    }
    REQUIRE(want.size() >= 11);
    size_t at = 0;
    for (const std::string &w : want) {  // in order
        size_t i = std::find(got.begin() + (long)at, got.end(), w) - got.begin();
        INFO("real kernel line: " << w);
        CHECK(i < got.size());
        if (i < got.size())
            at = i;
    }
}

TEST_CASE("Freed objects are poisoned and not handed out again until they leave the quarantine", "[mm]")
{
    KSHIM_SKIP_UNDER_ASAN("its module corrupts memory on purpose: ASan ends the run at the access");
    TestKernel k(slub_only());
    k.run_task([] {
        auto *p = static_cast<unsigned char *>(kmalloc(32, GFP_KERNEL));
        kfree(p);
        CHECK(p[0] == kshim::SlubDebug::kPoisonFree);
        CHECK(p[31] == kshim::SlubDebug::kPoisonEnd);
        void *q = kmalloc(32, GFP_KERNEL);
        CHECK(q != p);
        kfree(q);
        return 0L;
    });
    CHECK(k.bugs() == 0);
}

TEST_CASE("A write into a quarantined object is reported when the quarantine hands it back", "[mm]")
{
    KSHIM_SKIP_UNDER_ASAN("its module corrupts memory on purpose: ASan ends the run at the access");
    TestKernel k(slub_only());
    k.run_task([] {
        auto *p = static_cast<unsigned char *>(kmalloc(64, GFP_KERNEL));
        kfree(p);
        p[10] = 0;
        for (size_t i = 0; i < kshim::SlubDebug::kQuarantineObjects; ++i)
            kfree(kmalloc(64, GFP_KERNEL));
        return 0L;
    });
    CHECK(k.bugs() == 1);
    CHECK(k.log_contains("Poison overwritten"));
    CHECK(k.log_contains("First byte 0x0 instead of 0x6b"));
}

TEST_CASE("A kmalloc object whose size is a size class still gets a red zone and keeps its natural alignment", "[mm]")
{
    KSHIM_SKIP_UNDER_ASAN("its module corrupts memory on purpose: ASan ends the run at the access");
    TestKernel k(slub_only());
    k.run_task([] {
        for (size_t n : {8, 32, 64, 256, 4096}) {
            auto *p = static_cast<unsigned char *>(kmalloc(n, GFP_KERNEL));
            CHECK((uintptr_t)p % n == 0);
            CHECK(ksize(p) == n);
            p[n] = 1;  // the bug: one byte past the object
            kfree(p);
        }
        return 0L;
    });
    CHECK(k.bugs() == 5);
    CHECK(k.log_contains("BUG kmalloc-4k"));
}
