// Tests for KFENCE (shim/src/mm/kfence.cpp): guarded objects fault at the bad access and are reported in mm/kfence's wording.
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include "debug/report.hpp"
#include "kernel.hpp"
#include "kshim/testing.hpp"
#include "mm/kfence.hpp"
#include "mm/memory.hpp"
#include "support/sanitizer.hpp"
#include "support/subprocess.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/gfp.h"
#include "linux/slab.h"

using kshim::testing::TestKernel;

namespace {

// Index of the first log text matching re at or after from, or texts.size().
size_t find_line(const std::vector<std::string> &texts, const std::string &re, size_t from = 0)
{
    std::regex r(re);
    for (size_t i = from; i < texts.size(); ++i)
        if (std::regex_match(texts[i], r))
            return i;
    return texts.size();
}

const std::string kFn = R"(\+0x[0-9a-f]+/0x[0-9a-f]+ \[kfence_bugs\])";

// Loads kfence_bugs with bug=B in a kernel guarding every allocation; returns its log.
std::vector<std::string> run_bug(TestKernel &k, const std::string &bug)
{
    REQUIRE(k.load(kshim_test::test_module("kfence_bugs"), {"bug=" + bug}) == 0);
    CHECK(k.log_contains("kfence_bugs: bug=" + bug + " done"));
    return k.log_texts();
}

}  // namespace

TEST_CASE("A write past a guarded kmalloc object faults at the write and is reported as KFENCE's out-of-bounds write", "[mm]")
{
    KSHIM_SKIP_UNDER_ASAN("ASan replaces KFENCE: its own report ends the run");
    TestKernel k;
    auto t = run_bug(k, "oob_write");
    size_t bug = find_line(t, "^BUG: KFENCE: out-of-bounds write in kf_write_past" + kFn + "$");
    REQUIRE(bug + 12 < t.size());
    CHECK(std::regex_match(t[bug - 1], std::regex("^=+$")));
    CHECK(t[bug + 1].empty());
    CHECK(std::regex_match(t[bug + 2], std::regex(R"(^Out-of-bounds write at 0x[0-9a-f]+ \(32B right of kfence-#\d+\):$)")));
    CHECK(std::regex_match(t[bug + 3], std::regex("^ kf_write_past" + kFn + "$")));
    size_t obj = find_line(t, R"(^kfence-#\d+: 0x[0-9a-f]+-0x[0-9a-f]+, size=32, cache=kmalloc-32$)", bug);
    REQUIRE(obj + 3 < t.size());
    CHECK(find_line(t, "^ kf_record_bug" + kFn + "$", bug) < obj);  // the access stack's callers
    CHECK(t[obj + 1].empty());
    CHECK(std::regex_match(t[obj + 2], std::regex(R"(^allocated by task 100 on cpu \d at 0\.000000s:$)")));
    CHECK(std::regex_match(t[obj + 3], std::regex("^ kf_record_bug" + kFn + "$")));
    CHECK(find_line(t, "^freed by task.*", bug) == t.size());  // still allocated at the fault
    size_t cpu = find_line(t, R"(^CPU: \d PID: 100 Comm: insmod .*)", obj);
    REQUIRE(cpu + 2 < t.size());
    CHECK(t[cpu + 1] == "Hardware name: kshim userspace kernel emulation");
    CHECK(std::regex_match(t[cpu + 2], std::regex("^=+$")));
    // Reported once, then the write went ahead and the object was freed normally.
    CHECK(k.bugs() == 1);
    CHECK(k.report_count("kfence-out-of-bounds") == 1);
    auto r = k.reports();
    REQUIRE(r.size() == 1);
    CHECK(r[0].detector == "kfence");
    CHECK(r[0].function == "kf_write_past");
    CHECK(r[0].text.rfind("BUG: KFENCE: out-of-bounds write in kf_write_past+", 0) == 0);
    CHECK((k.kernel().reports().taint() & (1ul << kshim::TaintBadPage)) != 0);
    CHECK(k.unload("kfence_bugs").leaks == 0);
}

TEST_CASE("A read past a guarded object is KFENCE's out-of-bounds read and the read goes on", "[mm]")
{
    KSHIM_SKIP_UNDER_ASAN("ASan replaces KFENCE: its own report ends the run");
    TestKernel k;
    auto t = run_bug(k, "oob_read");
    size_t bug = find_line(t, "^BUG: KFENCE: out-of-bounds read in kf_read_past[.a-z0-9]*" + kFn + "$");
    REQUIRE(bug + 2 < t.size());
    CHECK(std::regex_match(t[bug + 2], std::regex(R"(^Out-of-bounds read at 0x[0-9a-f]+ \(32B right of kfence-#\d+\):$)")));
    CHECK(k.log_contains("kfence_bugs: read 0 past the end"));  // the guard page reads as zeroes
    CHECK(k.report_count("kfence") == 1);
}

TEST_CASE("A write after kfree of a guarded object is KFENCE's use-after-free write with both stacks", "[mm]")
{
    KSHIM_SKIP_UNDER_ASAN("ASan replaces KFENCE: its own report ends the run");
    TestKernel k;
    auto t = run_bug(k, "uaf_write");
    size_t bug = find_line(t, "^BUG: KFENCE: use-after-free write in kf_update" + kFn + "$");
    REQUIRE(bug + 3 < t.size());
    CHECK(std::regex_match(t[bug + 2], std::regex(R"(^Use-after-free write at 0x[0-9a-f]+ \(in kfence-#\d+\):$)")));
    CHECK(std::regex_match(t[bug + 3], std::regex("^ kf_update" + kFn + "$")));
    size_t obj = find_line(t, R"(^kfence-#\d+: 0x[0-9a-f]+-0x[0-9a-f]+, size=32, cache=kmalloc-32$)", bug);
    size_t freed = find_line(t, R"(^freed by task 100 on cpu \d at 0\.000000s:$)", obj);
    REQUIRE(freed + 1 < t.size());
    CHECK(t[freed - 1].empty());
    CHECK(std::regex_match(t[freed + 1], std::regex("^ kf_record_bug" + kFn + "$")));
    CHECK(k.report_count("kfence-use-after-free") == 1);
    CHECK(k.bugs() == 1);
}

TEST_CASE("A read after kfree of a guarded object is KFENCE's use-after-free read", "[mm]")
{
    KSHIM_SKIP_UNDER_ASAN("ASan replaces KFENCE: its own report ends the run");
    TestKernel k;
    auto t = run_bug(k, "uaf_read");
    CHECK(find_line(t, "^BUG: KFENCE: use-after-free read in kf_peek" + kFn + "$") < t.size());
    CHECK(find_line(t, R"(^Use-after-free read at 0x[0-9a-f]+ \(in kfence-#\d+\):$)") < t.size());
    CHECK(k.log_contains("kfence_bugs: read 0 after free"));  // kzalloc'd, never written
    CHECK(k.report_count("kfence-use-after-free") == 1);
}

TEST_CASE("A write into a guarded object's slack is found at kfree as KFENCE's memory corruption", "[mm]")
{
    KSHIM_SKIP_UNDER_ASAN("ASan replaces KFENCE: its own report ends the run");
    TestKernel k;
    auto t = run_bug(k, "corrupt");
    size_t bug = find_line(t, "^BUG: KFENCE: memory corruption in kf_corrupt" + kFn + "$");
    REQUIRE(bug + 2 < t.size());
    // Byte 20 of a 20-byte object aligned in kmalloc-32: the first of its 12 canary bytes.
    CHECK(std::regex_match(t[bug + 2], std::regex(R"(^Corrupted memory at 0x[0-9a-f]+ \[ ! \. \. \. \. \. \. \. \. \. \. \. \] \(in kfence-#\d+\):$)")));
    CHECK(find_line(t, R"(^kfence-#\d+: 0x[0-9a-f]+-0x[0-9a-f]+, size=20, cache=kmalloc-32$)", bug) < t.size());
    CHECK(k.report_count("kfence-memory-corruption") == 1);
}

TEST_CASE("A second kfree of a guarded object is KFENCE's invalid free", "[mm]")
{
    KSHIM_SKIP_UNDER_ASAN("ASan replaces KFENCE: its own report ends the run");
    TestKernel k;
    auto t = run_bug(k, "double_free");
    size_t bug = find_line(t, "^BUG: KFENCE: invalid free in kf_record_bug" + kFn + "$");
    REQUIRE(bug + 2 < t.size());
    CHECK(std::regex_match(t[bug + 2], std::regex(R"(^Invalid free of 0x[0-9a-f]+ \(in kfence-#\d+\):$)")));
    CHECK(k.report_count("kfence-invalid-free") == 1);
}

TEST_CASE("A kmem_cache object is guarded too and its report names the cache", "[mm]")
{
    KSHIM_SKIP_UNDER_ASAN("ASan replaces KFENCE: its own report ends the run");
    TestKernel k;
    auto t = run_bug(k, "cache_oob");
    size_t bug = find_line(t, "^BUG: KFENCE: out-of-bounds write in kf_write_past" + kFn + "$");
    REQUIRE(bug < t.size());
    CHECK(std::regex_match(t[bug + 2], std::regex(R"(^Out-of-bounds write at 0x[0-9a-f]+ \(24B right of kfence-#\d+\):$)")));
    CHECK(find_line(t, R"(^kfence-#\d+: 0x[0-9a-f]+-0x[0-9a-f]+, size=24, cache=kf_cache$)", bug) < t.size());
    CHECK(k.bugs() == 1);  // kmem_cache_destroy found no object left
}

TEST_CASE("Modules that use exactly what they allocated get no KFENCE report", "[mm]")
{
    KSHIM_SKIP_UNDER_ASAN("ASan replaces KFENCE");
    TestKernel k;
    run_bug(k, "none");
    REQUIRE(k.load(kshim_test::test_module("slub_clean")) == 0);
    // ksize of a guarded object is its size, as 6.1's kfence_ksize says.
    CHECK(k.log_contains("slub_clean: ksize(kmalloc(100)) = 100"));
    CHECK(k.unload("slub_clean").leaks == 0);
    CHECK(k.unload("kfence_bugs").leaks == 0);
    CHECK(k.bugs() == 0);
    CHECK(k.report_count("kfence") == 0);
    CHECK(k.kernel().mm().kfence().guarded() > 0);
}

TEST_CASE("With KFENCE off the same bug is left to SLUB debug", "[mm]")
{
    KSHIM_SKIP_UNDER_ASAN("its module corrupts memory on purpose: ASan ends the run at the access");
    kshim::testing::Config cfg;
    cfg.kfence_sample_ms = 0;
    TestKernel k(cfg);
    REQUIRE(k.load(kshim_test::test_module("kfence_bugs"), {"bug=corrupt"}) == 0);
    CHECK(k.report_count("kfence") == 0);
    CHECK(k.kernel().mm().kfence().guarded() == 0);
    CHECK(k.log_contains("Right Redzone overwritten"));
}

TEST_CASE("Sampled KFENCE guards one allocation per interval of kernel time", "[mm]")
{
    KSHIM_SKIP_UNDER_ASAN("KFENCE is off in the ASan build");
    kshim::testing::Config cfg;
    cfg.kfence_sample_ms = 100;
    TestKernel k(cfg);
    kshim::Memory &mm = k.kernel().mm();
    size_t before = mm.kfence().guarded();
    k.run_task([&] {
        void *a = kmalloc(16, GFP_KERNEL), *b = kmalloc(16, GFP_KERNEL);
        kfree(a);
        kfree(b);
        return 0L;
    });
    CHECK(mm.kfence().guarded() == before);  // the gate first opens 100 ms after boot
    size_t mid = mm.kfence().guarded();
    k.run_for(150'000'000ull);
    k.run_task([&] {
        void *a = kmalloc(16, GFP_KERNEL), *b = kmalloc(16, GFP_KERNEL);
        kfree(a);
        kfree(b);
        return 0L;
    });
    CHECK(mm.kfence().guarded() - mid == 1);
}

TEST_CASE("Guarded objects honour their cache's alignment and end as close to the guard page as it allows", "[mm]")
{
    KSHIM_SKIP_UNDER_ASAN("KFENCE is off in the ASan build");
    TestKernel k;
    k.run_task([&] {
        auto *a = static_cast<char *>(kmalloc(32, GFP_KERNEL));
        auto *b = static_cast<char *>(kmalloc(20, GFP_KERNEL));
        auto *c = static_cast<char *>(kmalloc(96, GFP_KERNEL));
        CHECK(k.kernel().mm().kfence().owns(a));
        CHECK(((uintptr_t)a + 32) % 4096 == 0);
        CHECK((uintptr_t)b % 32 == 0);  // kmalloc-32's natural alignment
        CHECK(((uintptr_t)b + 32) % 4096 == 0);
        CHECK(((uintptr_t)c + 96) % 4096 == 0);
        CHECK(ksize(b) == 20);
        kfree(a);
        kfree(b);
        kfree(c);
        return 0L;
    });
    CHECK(k.bugs() == 0);
}

TEST_CASE("The runner takes --kfence=all, off or a sample interval and rejects anything else", "[mm]")
{
    KSHIM_SKIP_UNDER_ASAN("KFENCE is off in the ASan build");
    auto bad = kshim_test::run_process({kshim_test::kshim_run(), kshim_test::test_module("kfence_bugs"), "--kfence=often"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("invalid value for --kfence: 'often'") != std::string::npos);
    auto all = kshim_test::run_process({kshim_test::kshim_run(), kshim_test::test_module("kfence_bugs"), "bug=uaf_write",
                                        "--kfence=all", "--strict"});
    CHECK(all.exit_code == 1);
    CHECK(all.out.find("BUG: KFENCE: use-after-free write in kf_update+") != std::string::npos);
    CHECK(all.out.find("kfence_bugs: bug=uaf_write done") != std::string::npos);
    auto off = kshim_test::run_process({kshim_test::kshim_run(), kshim_test::test_module("kfence_bugs"), "bug=uaf_write",
                                        "--kfence=off"});
    CHECK(off.out.find("KFENCE") == std::string::npos);
}
