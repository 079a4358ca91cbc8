// Tests of the kernel printf engine (shim/src/printk/format.cpp) against output recorded from a real Linux 6.1 kernel.
#include "printk/format.hpp"

#include <catch2/catch.hpp>

#include "kfmt.hpp"
#include "kshim/testing.hpp"

#include <cstdarg>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

extern "C" {
int kshim_snprintf(char *buf, std::size_t size, const char *fmt, ...);
int kshim_sprintf(char *buf, const char *fmt, ...);
int scnprintf(char *buf, std::size_t size, const char *fmt, ...);
char *kasprintf(unsigned int gfp, const char *fmt, ...);
void kfree(const void *p);
}

using kshim_test::err_ptr;
using kshim_test::kfmt;

TEST_CASE("the pr_info oracle line formats exactly as on Linux 6.1", "[printk]")
{
    CHECK(kfmt("%s %5d|%-5d|%05d|%x|%#x|%lu|%lld|%c|%%|%.3s|%pe", "fmt", 42, 42, 42, 255, 255,
               123456789UL, -5LL, 'z', "abcdef", err_ptr(-12)) ==
          "fmt    42|42   |00042|ff|0xff|123456789|-5|z|%|abc|-ENOMEM");
}

TEST_CASE("string widths, signs, sizes and a NULL pointer print like the kernel", "[printk]")
{
    CHECK(kfmt("[%-8s] [%8.3s] [%+d] [% d] [%lx] [%#o] [%hhd] [%hd] [%zu] [%zd] [%p]", "ab", "abcdef", 5, 5,
               -1UL, 8, 300, 70000, std::size_t{7}, std::ptrdiff_t{-7}, nullptr) ==
          "[ab      ] [     abc] [+5] [ 5] [ffffffffffffffff] [010] [44] [4464] [7] [-7] [0000000000000000]");
}

TEST_CASE("char, precision and hex case variants print like the kernel", "[printk]")
{
    CHECK(kfmt("[%5c] [%-3c|] [%.0d] [%.3d] [%08.3d] [%x] [%X] [%#X] [%llu] [%li]", 'a', 'b', 0, 7, 7, 0xdead,
               0xbeef, 0xbeef, 18446744073709551615ULL, -3L) ==
          "[    a] [b  |] [0] [007] [00000007] [dead] [BEEF] [0XBEEF] [18446744073709551615] [-3]");
    CHECK(kfmt("[%c][%3c][%-3c][%03c][%c]", 'A', 'B', 'C', 'D', 0x141) == "[A][  B][C  ][  D][A]");
}

TEST_CASE("the alternate form and zero padding follow the kernel, not C99", "[printk]")
{
    CHECK(kfmt("%#x|%#o|%#X|%#08x|%08.3x|%-08d|%+u|% u|%+x|%05d|%-+5d|% 05d|%+.0d|%#.3o|%#5o", 0, 0, 0, 255, 255,
               5, 5, 5, 5, -42, 7, 7, 0, 8, 8) ==
          "0x0|0|0X0|0x0000ff|000000ff|5       |5|5|5|-0042|+7   | 0007|+0|0010|  010");
    CHECK(kfmt("%.40d|", 1) == "0000000000000000000000000000000000000001|");
}

TEST_CASE("length modifiers truncate and sign-extend like the kernel", "[printk]")
{
    CHECK(kfmt("%hhx|%hhd|%hx|%hd|%hu|%lld|%llx|%lo|%ld", 0x1ff, 0x80, 0x12345, 0x8000, -1,
               static_cast<long long>(INT64_MIN), -1LL, 8UL, -1L) ==
          "ff|-128|2345|-32768|65535|-9223372036854775808|ffffffffffffffff|10|-1");
    CHECK(kfmt("%Lu|%Ld|", 5ULL, -6LL) == "5|-6|");
    CHECK(kfmt("%td|%tx|", std::ptrdiff_t{-3}, std::ptrdiff_t{255}) == "-3|ff|");
    CHECK(kfmt("%zd|%zx|%zu", std::ptrdiff_t{-1}, SIZE_MAX, SIZE_MAX) ==
          "-1|ffffffffffffffff|18446744073709551615");
}

TEST_CASE("star width and precision take arguments, negative ones as the kernel does", "[printk]")
{
    CHECK(kfmt("[%.*s][%.*s][%*s][%-*d][%*d]", -1, "abc", 2, "abc", -5, "ab", 3, 1, -4, 2) ==
          "[][ab][ab   ][1  ][2   ]");
    CHECK(kfmt("[%5%][%-5%]") == "[%][%]");
}

TEST_CASE("a bare precision dot leaves the precision unset", "[printk]")
{
    CHECK(kfmt("[%.d][%.s][%5.2s][%-#10x][%+05d][%#-8o][% -5d]", 5, "abc", "xyz", 255, -42, 8, 3) ==
          "[5][abc][   xy][0xff      ][-0042][010     ][ 3   ]");
    CHECK(kfmt("[%*d][%-*d]", 20, -3, 20, -3) == "[                  -3][-3                  ]");
    CHECK(kfmt("[%020px]", reinterpret_cast<void *>(0x1234)) == "[00000000000000001234]");
}

TEST_CASE("length modifiers on %c and %s are ignored", "[printk]")
{
    CHECK(kfmt("[%lc][%ls][%hs][%hhc]", 'x', "str", "hs", 'y') == "[x][str][hs][y]");
    CHECK(kfmt("%pks|%pus|%pkx", "kern", "user", "x") == "kern|user|(einval)");
}

TEST_CASE("unsupported conversions stop formatting where they occur", "[printk]")
{
    CHECK(kfmt("a%nb", nullptr) == "a");
    CHECK(kfmt("x%fy%d", 1, 2) == "x");
    CHECK(kfmt("%qd|", 5LL).empty());
    CHECK(kfmt("%Zd|", std::size_t{5}).empty());
    CHECK(kfmt("%jd|", 5LL).empty());
    CHECK(kfmt("tail%") == "tail");
    CHECK(kfmt("%dz", 3) == "3z");
}

TEST_CASE("bad string pointers print (null) or (efault) within the precision", "[printk]")
{
    const char *null_str = nullptr;
    CHECK(kfmt("%.3s|%10s|%-8s|%s|%s|%.20s", null_str, null_str, null_str, reinterpret_cast<char *>(16),
               static_cast<char *>(err_ptr(-3)), null_str) == "(nu|    (null)|(null)  |(efault)|(efault)|(null)");
    CHECK(kfmt("%pM|%pI4|%pU|%ph|%pV|%pa", nullptr, nullptr, nullptr, nullptr, nullptr, nullptr) ==
          "(null)|(null)|(null)|(null)|(null)|(null)");
}

TEST_CASE("snprintf returns the would-be length and truncates with a NUL", "[printk]")
{
    char buf[8];
    CHECK(kshim_snprintf(buf, 4, "%s", "abcdef") == 6);
    CHECK(std::string(buf) == "abc");
    CHECK(kshim_snprintf(buf, 4, "%d", 123456) == 6);
    CHECK(std::string(buf) == "123");
    CHECK(kshim_snprintf(nullptr, 0, "%d-%s", 123456, "xy") == 9);
    std::memset(buf, 'Q', sizeof(buf));
    CHECK(kshim_snprintf(buf, 0, "abc") == 3);
    CHECK(buf[0] == 'Q');
    CHECK(kshim_snprintf(buf, static_cast<std::size_t>(INT32_MAX) + 1, "abc") == 0);
    CHECK(kshim_sprintf(buf, "%03d!", 7) == 4);
    CHECK(std::string(buf) == "007!");
}

TEST_CASE("scnprintf returns what was stored, 0 for an empty buffer", "[printk]")
{
    char buf[8];
    CHECK(scnprintf(buf, 4, "%s", "abcdef") == 3);
    CHECK(std::string(buf) == "abc");
    CHECK(scnprintf(buf, 0, "%d", 123456) == 0);
    CHECK(scnprintf(buf, 1, "%d", 123456) == 0);
    CHECK(buf[0] == '\0');
    CHECK(scnprintf(buf, sizeof(buf), "%d", 42) == 2);
}

TEST_CASE("kasprintf returns a kmalloc'ed copy of the whole output", "[printk]")
{
    kshim::testing::TestKernel k;
    char *s = kasprintf(0, "%s-%d-%pe", "dev", 3, err_ptr(-19));
    REQUIRE(s != nullptr);
    CHECK(std::string(s) == "dev-3--ENODEV");
    kfree(s);
}

TEST_CASE("decimals of every length print whole, on both sides of each power of ten", "[printk]")
{
    unsigned long long p = 1;
    for (int digits = 1; digits <= 20; ++digits, p *= 10) {
        INFO(p);
        CHECK(kfmt("%llu", p) == std::to_string(p));
        CHECK(kfmt("%llu", p - 1) == std::to_string(p - 1));
        CHECK(kfmt("%lld", -static_cast<long long>(p / 10 + 1)) == std::to_string(-static_cast<long long>(p / 10 + 1)));
        if (digits == 20)
            break;  // 10^20 does not fit
    }
    CHECK(kfmt("%llu", ~0ULL) == "18446744073709551615");
    CHECK(kfmt("%lld", static_cast<long long>(1ULL << 63)) == "-9223372036854775808");
    char buf[6];
    CHECK(kshim_snprintf(buf, sizeof buf, "%u", 4294967295u) == 10);
    CHECK(std::string(buf) == "42949");
}
