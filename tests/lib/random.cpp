// Tests for shim/src/lib/random.cpp: get_random_* are deterministic per seed, and the derived helpers keep their ranges.
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <set>
#include <vector>

#include "kernel.hpp"
#include "kshim/testing.hpp"

#include "linux/random.h"

using kshim::testing::TestKernel;

namespace {

// A quiet kernel whose generator starts from `seed` (TestKernel has no seed option). Host side;
// no other kernel may exist.
std::unique_ptr<kshim::Kernel> kernel_with(uint64_t seed)
{
    kshim::Options o;
    o.console_fd = -1;
    o.seed = seed;
    return std::make_unique<kshim::Kernel>(o);
}

// The first n get_random_u64() values of a kernel created with `seed`. Host side, as above.
std::vector<uint64_t> stream_of(uint64_t seed, size_t n)
{
    auto k = kernel_with(seed);
    std::vector<uint64_t> out;
    for (size_t i = 0; i < n; ++i)
        out.push_back(get_random_u64());
    return out;
}

}  // namespace

TEST_CASE("get_random_u64 is splitmix64 over the kernel's seed", "[lib]")
{
    // The published splitmix64 outputs for state 0.
    CHECK(stream_of(0, 3) == std::vector<uint64_t>{0xe220a8397b1dcdafull, 0x6e789e6aa1b965f4ull,
                                                   0x06c45d188009454full});
}

TEST_CASE("The same seed gives the same numbers and another seed other numbers", "[lib]")
{
    std::vector<uint64_t> a = stream_of(42, 64), b = stream_of(42, 64), c = stream_of(43, 64);
    CHECK(a == b);
    for (size_t i = 0; i < a.size(); ++i)
        CHECK(a[i] != c[i]);
    CHECK(std::set<uint64_t>(a.begin(), a.end()).size() == a.size());  // no repeats in a stream
}

TEST_CASE("Two test kernels one after the other draw the same stream", "[lib]")
{
    std::vector<uint32_t> first, second;
    {
        TestKernel k;
        for (int i = 0; i < 16; ++i)
            first.push_back(get_random_u32());
    }
    TestKernel k;
    for (int i = 0; i < 16; ++i)
        second.push_back(get_random_u32());
    CHECK(first == second);
    CHECK(first != std::vector<uint32_t>(16, first[0]));
}

TEST_CASE("get_random_u32 and the narrow helpers take the low bits of the next 64-bit value", "[lib]")
{
    std::vector<uint64_t> s = stream_of(7, 6);
    auto k = kernel_with(7);
    CHECK(get_random_u32() == (uint32_t)s[0]);
    CHECK(get_random_u16() == (uint16_t)s[1]);
    CHECK(get_random_u8() == (uint8_t)s[2]);
    CHECK(get_random_int() == (unsigned)s[3]);
    CHECK(get_random_long() == (unsigned long)s[4]);
    CHECK(get_random_u64() == s[5]);
}

TEST_CASE("get_random_bytes fills the buffer from successive values, a partial tail using one whole value", "[lib]")
{
    std::vector<uint64_t> s = stream_of(9, 3);
    auto k = kernel_with(9);
    std::array<unsigned char, 13> buf{};
    get_random_bytes(buf.data(), buf.size());
    CHECK(std::memcmp(buf.data(), &s[0], 8) == 0);
    CHECK(std::memcmp(buf.data() + 8, &s[1], 5) == 0);
    CHECK(get_random_u64() == s[2]);
    get_random_bytes(buf.data(), 0);   // no bytes: draws nothing
}

TEST_CASE("prandom_u32_max and get_random_u32_below stay below their ceiling", "[lib]")
{
    TestKernel k;
    for (uint32_t ceil : {1u, 2u, 3u, 10u, 1000u, 0x80000000u, 0xffffffffu}) {
        bool ok = true;
        for (int i = 0; i < 2000; ++i)
            ok = ok && prandom_u32_max(ceil) < ceil && get_random_u32_below(ceil) < ceil;
        INFO("ceil " << ceil);
        CHECK(ok);
    }
    CHECK(prandom_u32_max(0) == 0);   // Linux 6.1: scaling by 0
}

TEST_CASE("prandom_u32_max scales the next get_random_u32 by its ceiling", "[lib]")
{
    std::vector<uint64_t> s = stream_of(5, 2);
    auto k = kernel_with(5);
    CHECK(prandom_u32_max(10) == (uint32_t)(((uint64_t)(uint32_t)s[0] * 10) >> 32));
    CHECK(get_random_u32_below(1000) == (uint32_t)(((uint64_t)(uint32_t)s[1] * 1000) >> 32));
}

TEST_CASE("get_random_u32_below covers every value of a small range about evenly", "[lib]")
{
    TestKernel k;
    std::array<int, 10> hits{};
    for (int i = 0; i < 10000; ++i)
        ++hits[get_random_u32_below(10)];
    for (int h : hits) {
        CHECK(h > 900);
        CHECK(h < 1100);
    }
}

TEST_CASE("get_random_u32_inclusive stays within [floor, ceil] and reaches both ends", "[lib]")
{
    TestKernel k;
    std::set<uint32_t> got;
    bool ok = true;
    for (int i = 0; i < 2000; ++i) {
        uint32_t v = get_random_u32_inclusive(5, 9);
        ok = ok && v >= 5 && v <= 9;
        got.insert(v);
    }
    CHECK(ok);
    CHECK(got == std::set<uint32_t>{5, 6, 7, 8, 9});
    CHECK(get_random_u32_inclusive(7, 7) == 7);
}
