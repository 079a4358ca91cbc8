// Tests for the deterministic arena under kmalloc, kmem_cache and vmalloc.
#include "../../shim/src/mm/arena.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <set>
#include <vector>

using kshim::Arena;
using FreeResult = kshim::Arena::FreeResult;

namespace {

std::uintptr_t addr(const void *p) { return reinterpret_cast<std::uintptr_t>(p); }

// Resident set size of this process in bytes.
std::size_t rss_bytes() {
    std::FILE *f = std::fopen("/proc/self/statm", "r");
    unsigned long total = 0, resident = 0;
    if (f != nullptr) {
        if (std::fscanf(f, "%lu %lu", &total, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    return resident * 4096;
}

// Runs a fixed pseudo-random mix of calls and records every returned offset.
std::vector<std::uintptr_t> scripted_offsets(Arena &a) {
    std::vector<std::uintptr_t> out;
    std::vector<void *> live;
    Arena::Cache *c = a.create_cache(40, 0);
    std::uint32_t x = 12345;
    for (int i = 0; i < 20000; ++i) {
        x = x * 1103515245u + 12345u;
        std::uint32_t r = x >> 8;
        void *p = nullptr;
        if (r % 3 == 0 && !live.empty()) {
            std::size_t k = r % live.size();
            a.free(live[k]);
            live[k] = live.back();
            live.pop_back();
            continue;
        }
        if (r % 11 == 0)
            p = a.allocate_pages(1 + r % 50000);
        else if (r % 7 == 0)
            p = a.allocate(8193 + r % 40000);
        else if (r % 5 == 0)
            p = a.cache_alloc(c);
        else
            p = a.allocate(1 + r % 3000);
        REQUIRE(p != nullptr);
        out.push_back(addr(p) - a.base());
        live.push_back(p);
    }
    for (void *p : live) a.free(p);
    REQUIRE(a.destroy_cache(c));
    return out;
}

// True if every byte of [p, p + n) still holds tag.
bool intact(const unsigned char *p, std::size_t n, unsigned char tag) {
    for (std::size_t k = 0; k < n; ++k)
        if (p[k] != tag) return false;
    return true;
}

int ctor_calls = 0;
void count_ctor(void *p) {
    ++ctor_calls;
    std::memset(p, 0x77, 24);
}

}  // namespace

TEST_CASE("kmalloc sizes round up to the SLUB size classes like ksize() on Linux 6.1", "[mm]") {
    Arena a;
    struct Case { std::size_t size, want; };
    // 13/100/200/5000/70000 were read from ksize() on a real 6.1 kernel.
    const Case cases[] = {{1, 8},     {8, 8},       {9, 16},     {13, 16},   {17, 32},
                          {64, 64},   {65, 96},     {96, 96},    {97, 128},  {100, 128},
                          {129, 192}, {193, 256},   {200, 256},  {257, 512}, {1000, 1024},
                          {2048, 2048}, {4097, 8192}, {5000, 8192}, {8192, 8192},
                          {8193, 16384}, {70000, 131072}};
    for (const Case &c : cases) {
        void *p = a.allocate(c.size);
        REQUIRE(p != nullptr);
        CHECK(a.usable_size(p) == c.want);
        CHECK(a.free(p) == FreeResult::Freed);
    }
    CHECK(a.allocate(0) == nullptr);
    CHECK(a.size_class(100)->object_size() == 128);
    CHECK(a.size_class(8193) == nullptr);
}

TEST_CASE("allocate_pages rounds to whole pages without power-of-two rounding", "[mm]") {
    Arena a;
    void *p = a.allocate_pages(70000);
    REQUIRE(p != nullptr);
    CHECK(a.usable_size(p) == 73728);
    CHECK(addr(p) % 4096 == 0);
    void *q = a.allocate_pages(1);
    CHECK(a.usable_size(q) == 4096);
    CHECK(a.used_pages() == 19);
    CHECK(a.free(p) == FreeResult::Freed);
    CHECK(a.free(q) == FreeResult::Freed);
    CHECK(a.used_pages() == 0);
}

TEST_CASE("Allocations are aligned the way kmalloc guarantees", "[mm]") {
    Arena a;
    const std::size_t sizes[] = {8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 65536};
    for (std::size_t s : sizes)
        for (int i = 0; i < 10; ++i) CHECK(addr(a.allocate(s)) % s == 0);
    for (int i = 0; i < 100; ++i) {
        CHECK(addr(a.allocate(96)) % 32 == 0);
        CHECK(addr(a.allocate(192)) % 64 == 0);
        CHECK(addr(a.allocate(13)) % 8 == 0);
    }
    void *p = a.allocate(40, 64);
    CHECK(addr(p) % 64 == 0);
    CHECK(a.usable_size(p) == 64);
    void *q = a.allocate(80, 64);  // kmalloc-96 is only 32-aligned
    CHECK(addr(q) % 64 == 0);
    CHECK(a.usable_size(q) == 128);
    void *r = a.allocate(100, 4096);
    CHECK(addr(r) % 4096 == 0);
    CHECK(a.allocate(100, 48) == nullptr);
    CHECK(a.allocate(100, 8192) == nullptr);
}

TEST_CASE("The same call sequence gives the same addresses in successive arenas", "[mm]") {
    std::vector<std::uintptr_t> first, second;
    std::uintptr_t base1 = 0, base2 = 0;
    bool fixed1 = false, fixed2 = false;
    {
        Arena a;
        base1 = a.base();
        fixed1 = a.is_fixed();
        first = scripted_offsets(a);
    }
    {
        Arena b;
        base2 = b.base();
        fixed2 = b.is_fixed();
        second = scripted_offsets(b);
    }
    REQUIRE(first.size() > 10000);
    CHECK(first == second);
    if (fixed1 && fixed2) {
        CHECK(base1 == Arena::kDefaultBase);
        CHECK(base2 == Arena::kDefaultBase);
    }
}

TEST_CASE("A second live arena falls back to a kernel-chosen address", "[mm]") {
    Arena a(Arena::kDefaultBase, std::size_t{1} << 30);
    Arena b(Arena::kDefaultBase, std::size_t{1} << 30);
    CHECK_FALSE(b.is_fixed());
    CHECK(a.base() != b.base());
    CHECK(b.base() % (std::size_t{1} << 30) == 0);
    void *p = b.allocate(64);
    CHECK(b.owns(p));
    CHECK_FALSE(a.owns(p));
    CHECK(a.free(p) == FreeResult::NotOwned);
    CHECK(b.free(p) == FreeResult::Freed);
}

TEST_CASE("The most recently freed object is handed out next", "[mm]") {
    Arena a;
    void *x = a.allocate(32);
    void *y = a.allocate(32);
    void *z = a.allocate(32);
    CHECK(addr(y) == addr(x) + 32);
    a.free(y);
    CHECK(a.allocate(30) == y);
    a.free(x);
    a.free(z);
    CHECK(a.allocate(32) == z);
    CHECK(a.allocate(32) == x);

    // Also when the object lives in an older, full slab.
    std::vector<void *> many;
    for (int i = 0; i < 2000; ++i) many.push_back(a.allocate(32));
    a.free(many[5]);
    a.free(many[1500]);
    CHECK(a.allocate(32) == many[1500]);
    CHECK(a.allocate(32) == many[5]);
}

TEST_CASE("Freed small objects are poisoned except for the free-list link", "[mm]") {
    Arena a;
    auto *p = static_cast<unsigned char *>(a.allocate(64));
    for (int i = 0; i < 64; ++i) CHECK(p[i] == 0);  // fresh pages read as zero
    std::memset(p, 0x11, 64);
    a.free(p);
    int poisoned = 0;
    for (int i = 0; i < 64; ++i) poisoned += p[i] == Arena::kPoisonFree;
    CHECK(poisoned == 56);  // 8 bytes in the middle hold the link, as in SLUB
    auto *q = static_cast<unsigned char *>(a.allocate(64));
    REQUIRE(q == p);
    for (int i = 0; i < 64; ++i) CHECK(q[i] == Arena::kPoisonFree);  // not zeroed
}

TEST_CASE("Double and invalid frees are reported without corrupting the heap", "[mm]") {
    Arena a;
    int on_stack = 0;
    auto *p = static_cast<char *>(a.allocate(100));
    void *other = a.allocate(100);
    CHECK(a.free(p + 8) == FreeResult::Invalid);
    CHECK(a.free(p + 3) == FreeResult::Invalid);
    CHECK(a.free(p) == FreeResult::Freed);
    CHECK(a.free(p) == FreeResult::DoubleFree);
    CHECK(a.free(&on_stack) == FreeResult::NotOwned);
    CHECK(a.free(nullptr) == FreeResult::NotOwned);
    CHECK(a.free(p + 128 * 10) == FreeResult::Invalid);  // a slot never handed out
    void *again = a.allocate(100);
    CHECK(again == p);
    CHECK(a.allocate(100) != p);  // the double free did not push p twice
    CHECK(a.free(other) == FreeResult::Freed);

    void *big = a.allocate(20000);
    CHECK(a.free(static_cast<char *>(big) + 4096) == FreeResult::Invalid);
    CHECK(a.free(big) == FreeResult::Freed);
    CHECK(a.free(big) == FreeResult::DoubleFree);
    void *beyond = reinterpret_cast<void *>(a.base() + a.heap_size() / 2);
    CHECK(a.free(beyond) == FreeResult::Invalid);
}

TEST_CASE("kmem_cache objects have their own rounded size and slabs", "[mm]") {
    Arena a;
    Arena::Cache *c = a.create_cache(40, 0);
    REQUIRE(c != nullptr);
    CHECK(c->object_size() == 40);
    CHECK(c->stride() == 40);
    void *p = a.cache_alloc(c);
    void *q = a.cache_alloc(c);
    CHECK(addr(q) == addr(p) + 40);
    CHECK(a.usable_size(p) == 40);
    CHECK(a.object_start(static_cast<char *>(p) + 39) == p);

    Arena::Cache *d = a.create_cache(40, 64);
    CHECK(d->object_size() == 64);
    void *r = a.cache_alloc(d);
    CHECK(addr(r) % 64 == 0);
    CHECK(a.cache_free(d, p) == FreeResult::WrongCache);
    CHECK(a.cache_free(c, p) == FreeResult::Freed);
    CHECK(a.cache_free(c, p) == FreeResult::DoubleFree);
    CHECK(a.free(q) == FreeResult::Freed);  // kfree() of a cache object is legal

    CHECK_FALSE(a.destroy_cache(d));  // r still live: Linux complains and leaks the cache
    CHECK(a.cache_free(d, r) == FreeResult::Freed);
    CHECK(a.destroy_cache(d));
    CHECK(a.destroy_cache(c));
    CHECK(a.used_pages() == 0);
    CHECK(a.create_cache(40, 24) == nullptr);
}

TEST_CASE("Cache constructors run per slab and freed contents are kept", "[mm]") {
    Arena a;
    ctor_calls = 0;
    Arena::Cache *c = a.create_cache(24, 0, count_ctor);
    CHECK(c->object_size() == 24);
    CHECK(c->stride() == 32);  // the link lives after the object
    auto *p = static_cast<unsigned char *>(a.cache_alloc(c));
    int per_slab = ctor_calls;
    CHECK(per_slab == 128);  // one order-0 slab of 32-byte slots
    CHECK(p[0] == 0x77);
    p[0] = 0x42;
    a.cache_free(c, p);
    CHECK(p[0] == 0x42);
    CHECK(p[23] == 0x77);
    CHECK(a.cache_alloc(c) == p);
    CHECK(ctor_calls == per_slab);
}

TEST_CASE("Large runs are reused after free and come back zeroed", "[mm]") {
    Arena a;
    auto *p = static_cast<char *>(a.allocate(70000));
    REQUIRE(p != nullptr);
    CHECK(addr(p) % 131072 == 0);
    std::memset(p, 0x55, 70000);
    void *small = a.allocate(8);  // keeps p from merging into the top
    CHECK(a.free(p) == FreeResult::Freed);
    auto *q = static_cast<char *>(a.allocate(70000));
    CHECK(q == p);
    CHECK(q[0] == 0);  // MADV_DONTNEED gave the pages back
    CHECK(q[69999] == 0);
    a.free(q);

    void *v1 = a.allocate_pages(3 * 4096);
    void *v2 = a.allocate_pages(5 * 4096);
    void *v3 = a.allocate_pages(3 * 4096);
    a.free(v1);
    a.free(v2);  // merges with v1's run
    CHECK(a.allocate_pages(8 * 4096) == v1);
    a.free(v3);
    a.free(small);
}

TEST_CASE("owns is false for foreign pointers", "[mm]") {
    Arena a;
    int on_stack = 0;
    auto heap = std::make_unique<int>(0);
    CHECK_FALSE(a.owns(&on_stack));
    CHECK_FALSE(a.owns(heap.get()));
    CHECK_FALSE(a.owns(nullptr));
    CHECK_FALSE(a.owns(reinterpret_cast<void *>(a.base() - 1)));
    CHECK_FALSE(a.owns(reinterpret_cast<void *>(a.base() + a.heap_size())));
    void *p = a.allocate(16);
    CHECK(a.owns(p));
    CHECK(a.usable_size(&on_stack) == 0);
}

TEST_CASE("usable_size and object_start describe live allocations only", "[mm]") {
    Arena a;
    auto *p = static_cast<char *>(a.allocate(200));
    auto *big = static_cast<char *>(a.allocate_pages(10000));
    CHECK(a.usable_size(p + 8) == 0);
    CHECK(a.object_start(p + 255) == p);
    CHECK(a.object_start(p + 256) == nullptr);  // next slot, never handed out
    CHECK(a.object_start(big + 9999) == big);
    a.free(p);
    a.free(big);
    CHECK(a.usable_size(p) == 0);
    CHECK(a.object_start(p) == nullptr);
    CHECK(a.object_start(big) == nullptr);
}

TEST_CASE("One million live 32-byte objects cost about 32 MB", "[mm]") {
    Arena a;
    constexpr std::size_t n = 1000000;
    std::vector<void *> objs(n);
    std::size_t rss_before = rss_bytes();
    for (std::size_t i = 0; i < n; ++i) {
        objs[i] = a.allocate(32);
        if (objs[i] == nullptr) FAIL("arena exhausted at object " << i);
        std::memset(objs[i], 0xa5, 32);
    }
    std::size_t rss_growth = rss_bytes() - rss_before;
    CHECK(a.used_pages() * Arena::kPageSize == n * 32 / 4096 * 4096 + 4096);
    CHECK(rss_growth < 36u * 1024 * 1024);
    CHECK(addr(objs[n - 1]) - addr(objs[0]) == (n - 1) * 32);
    std::size_t freed = 0;
    for (void *p : objs) freed += a.free(p) == FreeResult::Freed;
    CHECK(freed == n);
    CHECK(a.used_pages() <= 10);  // min_partial empty slabs stay cached
}

TEST_CASE("Random allocation traffic never hands out overlapping memory", "[mm]") {
    Arena a;
    Arena::Cache *caches[] = {a.create_cache(40, 0), a.create_cache(200, 64),
                              a.create_cache(24, 0, count_ctor), a.create_cache(50000, 0)};
    struct Live { unsigned char *p; std::size_t size; unsigned char tag; Arena::Cache *cache; };
    std::vector<Live> live;
    std::uint32_t x = 99;
    std::size_t allocs = 0;
    for (int i = 0; i < 30000; ++i) {
        x = x * 1664525u + 1013904223u;
        std::uint32_t r = x >> 4;
        if (r % 5 < 2 && !live.empty()) {
            Live l = live[r % live.size()];
            REQUIRE(intact(l.p, l.size, l.tag));
            REQUIRE(a.object_start(l.p + l.size - 1) == l.p);
            FreeResult res = l.cache != nullptr ? a.cache_free(l.cache, l.p) : a.free(l.p);
            REQUIRE(res == FreeResult::Freed);
            live[r % live.size()] = live.back();
            live.pop_back();
            continue;
        }
        Live l{nullptr, 0, static_cast<unsigned char>(r), nullptr};
        switch (r % 4) {
        case 0: l.size = 1 + r % 9000; l.p = static_cast<unsigned char *>(a.allocate(l.size)); break;
        case 1: l.size = 1 + r % 40000; l.p = static_cast<unsigned char *>(a.allocate_pages(l.size)); break;
        case 2: l.size = 1 + r % 20000; l.p = static_cast<unsigned char *>(a.allocate(l.size, 64)); break;
        default:
            l.cache = caches[(r >> 8) % 4];
            l.size = l.cache->object_size();
            l.p = static_cast<unsigned char *>(a.cache_alloc(l.cache));
        }
        REQUIRE(l.p != nullptr);
        REQUIRE(a.usable_size(l.p) >= l.size);
        std::memset(l.p, l.tag, l.size);
        live.push_back(l);
        ++allocs;
    }
    CHECK(allocs > 15000);
    for (const Live &l : live) {
        REQUIRE(intact(l.p, l.size, l.tag));
        REQUIRE(a.free(l.p) == FreeResult::Freed);
    }
    for (Arena::Cache *c : caches) CHECK(a.destroy_cache(c));
}
