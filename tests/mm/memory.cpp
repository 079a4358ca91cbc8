// Tests for tracked allocations (shim/src/mm/memory.cpp, slab_api.cpp): kmalloc family, caches, vmalloc, misuse reports and the leak report.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <regex>
#include <string>
#include <vector>

#include "kernel.hpp"
#include "kshim/testing.hpp"
#include "mm/memory.hpp"
#include "support/subprocess.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/gfp.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/vmalloc.h"

using kshim::testing::TestKernel;

namespace {

// These tests are about the slabs: KFENCE (which guards every allocation of a test kernel, and
// has its own tests in tests/mm/kfence.cpp) is off.
kshim::testing::Config slab_only()
{
    kshim::testing::Config c;
    c.kfence_sample_ms = 0;
    return c;
}

}  // namespace

TEST_CASE("ksize reports the slab size class the object came from", "[mm]")
{
    TestKernel k(slab_only());
    std::vector<size_t> sizes;
    k.run_task([&] {
        for (size_t n : {13, 100, 200, 5000, 70000}) {
            void *p = kmalloc(n, GFP_KERNEL);
            REQUIRE(p != nullptr);
            sizes.push_back(ksize(p));
            kfree(p);
        }
        return 0L;
    });
    CHECK(sizes == std::vector<size_t>{16, 128, 256, 8192, 131072});
    CHECK(k.live_allocations() == 0);
}

TEST_CASE("kmalloc(0) returns ZERO_SIZE_PTR and kfree of NULL or ZERO_SIZE_PTR does nothing", "[mm]")
{
    TestKernel k(slab_only());
    k.run_task([] {
        void *p = kmalloc(0, GFP_KERNEL);
        CHECK(p == ZERO_SIZE_PTR);
        CHECK(ZERO_OR_NULL_PTR(p));
        CHECK(ksize(p) == 0);
        kfree(p);
        kfree(nullptr);
        return 0L;
    });
    CHECK(k.live_allocations() == 0);
    CHECK(k.bugs() == 0);
    CHECK(k.log_texts().empty());
}

TEST_CASE("kzalloc and kcalloc zero memory; kcalloc and kmalloc_array refuse overflowing sizes", "[mm]")
{
    TestKernel k(slab_only());
    k.run_task([] {
        unsigned char *z = static_cast<unsigned char *>(kzalloc(300, GFP_KERNEL));
        REQUIRE(z);
        bool zero = true;
        for (int i = 0; i < 300; ++i)
            zero &= z[i] == 0;
        CHECK(zero);
        int *c = static_cast<int *>(kcalloc(10, sizeof(int), GFP_KERNEL));
        REQUIRE(c);
        CHECK(c[0] == 0);
        CHECK(c[9] == 0);
        CHECK(kcalloc(SIZE_MAX / 2, 4, GFP_KERNEL) == nullptr);
        CHECK(kmalloc_array(SIZE_MAX / 8 + 1, 8, GFP_KERNEL) == nullptr);
        kfree(z);
        kfree(c);
        return 0L;
    });
    CHECK(k.live_allocations() == 0);
    CHECK(k.warnings() == 0);
}

TEST_CASE("krealloc keeps the contents, krealloc(NULL) allocates and size 0 frees", "[mm]")
{
    TestKernel k(slab_only());
    k.run_task([] {
        char *p = static_cast<char *>(krealloc(nullptr, 10, GFP_KERNEL));
        REQUIRE(p);
        std::memcpy(p, "abcdefghi", 10);
        char *q = static_cast<char *>(krealloc(p, 5000, GFP_KERNEL));
        REQUIRE(q);
        CHECK(std::string(q) == "abcdefghi");
        CHECK(ksize(q) == 8192);
        void *z = krealloc(q, 0, GFP_KERNEL);
        CHECK(z == ZERO_SIZE_PTR);
        return 0L;
    });
    CHECK(k.live_allocations() == 0);
    CHECK(k.bugs() == 0);
}

namespace {

int ctor_calls;
void ctor(void *p)
{
    ++ctor_calls;
    std::memset(p, 0x5a, 24);
}

}  // namespace

TEST_CASE("kmem_cache objects are constructed, tracked and freed back to their cache", "[mm]")
{
    ctor_calls = 0;
    TestKernel k(slab_only());
    k.run_task([] {
        kmem_cache *c = kmem_cache_create("kshim_test_cache", 24, 0, 0, ctor);
        REQUIRE(c);
        CHECK(kmem_cache_size(c) == 24);   // the object size, as SLUB reports it
        unsigned char *a = static_cast<unsigned char *>(kmem_cache_alloc(c, GFP_KERNEL));
        unsigned char *b = static_cast<unsigned char *>(kmem_cache_zalloc(c, GFP_KERNEL));
        REQUIRE(a);
        REQUIRE(b);
        CHECK(a != b);
        CHECK(a[0] == 0x5a);
        CHECK(a[23] == 0x5a);
        CHECK(b[0] == 0);
        CHECK(ctor_calls >= 1);
        kmem_cache_free(c, a);
        kmem_cache_free(c, b);
        kmem_cache_destroy(c);
        kmem_cache_destroy(nullptr);
        return 0L;
    });
    CHECK(k.live_allocations() == 0);
    CHECK(k.warnings() == 0);
}

TEST_CASE("Destroying a cache that still has objects warns", "[mm]")
{
    TestKernel k(slab_only());
    k.run_task([] {
        kmem_cache *c = kmem_cache_create("busy_cache", 64, 0, 0, nullptr);
        void *a = kmem_cache_alloc(c, GFP_KERNEL);
        kmem_cache_destroy(c);
        kmem_cache_free(c, a);
        kmem_cache_destroy(c);
        return 0L;
    });
    CHECK(k.warnings() == 1);
    bool found = false;
    for (auto &t : k.log_texts())
        found |= t.rfind("kmem_cache_destroy busy_cache: Slab cache still has objects when called from ", 0) == 0;
    CHECK(found);
    CHECK(k.live_allocations() == 0);
}

TEST_CASE("vmalloc, kvmalloc, kstrdup and kmemdup allocations are tracked until freed", "[mm]")
{
    TestKernel k(slab_only());
    k.run_task([] {
        void *v = vmalloc(1 << 20);
        REQUIRE(v);
        CHECK(is_vmalloc_addr(v));
        char *vz = static_cast<char *>(vzalloc(10000));
        REQUIRE(vz);
        CHECK(vz[9999] == 0);
        void *kv_small = kvmalloc(100, GFP_KERNEL);
        void *kv_big = kvmalloc(1 << 20, GFP_KERNEL);
        REQUIRE(kv_small);
        REQUIRE(kv_big);
        CHECK_FALSE(is_vmalloc_addr(kv_small));
        char *s = kstrdup("hello", GFP_KERNEL);
        REQUIRE(s);
        CHECK(std::string(s) == "hello");
        CHECK(ksize(s) == 8);
        CHECK(kstrdup(nullptr, GFP_KERNEL) == nullptr);
        const int src[3] = {1, 2, 3};
        int *d = static_cast<int *>(kmemdup(src, sizeof src, GFP_KERNEL));
        REQUIRE(d);
        CHECK(d != src);
        CHECK(d[2] == 3);
        vfree(v);
        vfree(vz);
        vfree(nullptr);
        kvfree(kv_small);
        kvfree(kv_big);
        kfree(s);
        kfree(d);
        return 0L;
    });
    CHECK(k.live_allocations() == 0);
    CHECK(k.bugs() == 0);
}

TEST_CASE("Live allocations are counted until they are freed", "[mm]")
{
    TestKernel k(slab_only());
    std::vector<void *> ps;
    k.run_task([&] {
        for (int i = 0; i < 3; ++i)
            ps.push_back(kmalloc(32, GFP_KERNEL));
        ps.push_back(vmalloc(8192));
        return 0L;
    });
    CHECK(k.live_allocations() == 4);
    k.run_task([&] {
        kfree(ps[0]);
        vfree(ps[3]);
        return 0L;
    });
    CHECK(k.live_allocations() == 2);
    k.run_task([&] {
        kfree(ps[1]);
        kfree(ps[2]);
        return 0L;
    });
    CHECK(k.live_allocations() == 0);
}

TEST_CASE("kmalloc beyond KMALLOC_MAX_SIZE fails with a warning unless __GFP_NOWARN", "[mm]")
{
    TestKernel k(slab_only());
    k.run_task([] {
        CHECK(kmalloc(KMALLOC_MAX_SIZE, GFP_KERNEL) != nullptr);
        CHECK(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN) == nullptr);
        return 0L;
    });
    CHECK(k.warnings() == 0);
    k.run_task([] {
        CHECK(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL) == nullptr);
        return 0L;
    });
    CHECK(k.warnings() == 1);
    CHECK(k.live_allocations() == 1);
}

TEST_CASE("A double kfree is reported as BUG: KASAN: double-free naming the module function", "[mm]")
{
    TestKernel k(slab_only());
    REQUIRE(k.load(kshim_test::test_module("mm_double_free")) == 0);
    CHECK(k.bugs() == 1);
    CHECK(k.log_contains("mm_double_free: survived"));
    std::regex head(R"(^BUG: KASAN: double-free in mm_double_free_init\+0x[0-9a-f]+/0x[0-9a-f]+ \[mm_double_free\]$)");
    std::regex by(R"(^Free of addr [0-9a-f]{16} by task insmod/100$)");
    bool saw_head = false, saw_by = false;
    for (auto &t : k.log_texts()) {
        saw_head |= std::regex_match(t, head);
        saw_by |= std::regex_match(t, by);
    }
    CHECK(saw_head);
    CHECK(saw_by);
    CHECK(k.unload("mm_double_free").leaks == 0);
}

TEST_CASE("What a module leaves allocated after module_exit is reported in kmemleak's format", "[mm]")
{
    TestKernel k(slab_only());
    REQUIRE(k.load(kshim_test::test_module("mm_leak")) == 0);
    k.run_for(2'000'000'000);
    auto r = k.unload("mm_leak");
    CHECK(r.leaks == 1);
    auto texts = k.log_texts();
    size_t i = 0;
    while (i < texts.size() && texts[i].rfind("kmemleak:", 0) != 0)
        ++i;
    REQUIRE(texts.size() >= i + 8);
    CHECK(texts[i] == "kmemleak: 1 new suspected memory leaks (see /sys/kernel/debug/kmemleak)");
    CHECK(std::regex_match(texts[i + 1], std::regex(R"(^unreferenced object 0x[0-9a-f]+ \(size 40\):$)")));
    CHECK(std::regex_match(texts[i + 2],
                           std::regex(R"(^  comm "insmod", pid 100, jiffies 4294892296 \(age 2\.000s\)$)")));
    CHECK(texts[i + 3] == "  hex dump (first 32 bytes):");
    CHECK(texts[i + 4] == "    6c 65 61 6b 79 21 41 41 41 41 41 41 41 41 41 41  leaky!AAAAAAAAAA");
    CHECK(texts[i + 5] == "    41 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41  AAAAAAAAAAAAAAAA");
    CHECK(texts[i + 6] == "  backtrace:");
    CHECK(std::regex_match(texts[i + 7],
                           std::regex(R"(^    \[<[0-9a-f]{16}>\] mm_leak_alloc(\.constprop\.0)?\+0x[0-9a-f]+/0x[0-9a-f]+ \[mm_leak\]$)")));
    CHECK(k.live_allocations() == 1);  // the leaked object itself
}

TEST_CASE("kmalloc_size_roundup gives the arena's size classes and page runs beyond them", "[mm]")
{
    TestKernel k(slab_only());
    std::vector<size_t> got, held;
    const size_t sizes[] = {0, 1, 8, 9, 65, 96, 97, 129, 193, 257, 4097, 8192, 8193, 20000, 70000};
    k.run_task([&] {
        for (size_t n : sizes) {
            got.push_back(kmalloc_size_roundup(n));
            void *p = kmalloc(n, GFP_KERNEL);
            held.push_back(ksize(p));
            kfree(p);
        }
        return 0L;
    });
    CHECK(got == std::vector<size_t>{0, 8, 8, 16, 96, 96, 128, 192, 256, 512, 8192, 8192, 16384, 32768,
                                     131072});
    CHECK(got == held);  // what kmalloc really hands out
}

TEST_CASE("kvmalloc falls back to vmalloc only above a page, and kvrealloc keeps the contents", "[mm]")
{
    TestKernel k(slab_only());
    bool big_is_vmalloc = false, small_failed = false, shrink_same = false;
    std::string kept;
    k.run_task([&] {
        void *big = kvmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL);
        big_is_vmalloc = big && is_vmalloc_addr(big);
        kvfree(big);
        char *p = static_cast<char *>(kvmalloc(16, GFP_KERNEL));
        std::strcpy(p, "kept");
        shrink_same = kvrealloc(p, 16, 8, GFP_KERNEL) == p;
        char *q = static_cast<char *>(kvrealloc(p, 16, 2 * PAGE_SIZE, GFP_KERNEL));
        kept = q ? q : "";
        kvfree(q);
        small_failed = kvmalloc_array(SIZE_MAX / 2, 4, GFP_KERNEL) == nullptr;
        return 0L;
    });
    CHECK(big_is_vmalloc);
    CHECK(shrink_same);
    CHECK(kept == "kept");
    CHECK(small_failed);
    CHECK(k.warnings() == 0);
    CHECK(k.kernel().mm().live_count() == 0);
}

TEST_CASE("Every array form fails quietly when n * size overflows", "[mm]")
{
    TestKernel k(slab_only());
    std::vector<void *> got;
    k.run_task([&] {
        const size_t n = SIZE_MAX / 2;
        got.push_back(kmalloc_array(n, 4, GFP_KERNEL));
        got.push_back(kcalloc(n, 4, GFP_KERNEL));
        got.push_back(kvmalloc_array(n, 4, GFP_KERNEL));
        got.push_back(kvcalloc(n, 4, GFP_KERNEL));
        got.push_back(vmalloc_array(n, 4));
        got.push_back(vcalloc(n, 4));
        void *p = kmalloc(8, GFP_KERNEL);
        got.push_back(krealloc_array(p, n, 4, GFP_KERNEL));
        kfree(p);
        return 0L;
    });
    CHECK(got == std::vector<void *>(7, nullptr));
    CHECK(k.warnings() == 0);
}
