// Tests of the printf engine's %p extensions (shim/src/printk/format_pointer.cpp) against Linux 6.1 output.
#include <catch2/catch.hpp>

#include <cstdarg>
#include <cstdint>
#include <string>

#include "kfmt.hpp"
#include "printk/format.hpp"

using kshim_test::err_ptr;
using kshim_test::kfmt;

namespace {

// Layout of the kernel's struct va_format.
struct VaFormat {
    const char *fmt;
    va_list *va;
};

std::string with_va_format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    VaFormat vaf{fmt, &ap};
    std::string s = kfmt("<%pV|%d>", &vaf, 9);
    va_end(ap);
    return s;
}

} // namespace

TEST_CASE("NULL and error pointers print raw with %p, %px and %pK", "[printk]")
{
    CHECK(kfmt("%px|%20px|%-20p|%20p|%pK", nullptr, nullptr, nullptr, nullptr, nullptr) ==
          "0000000000000000|                   0|0                   |                   0|0000000000000000");
    CHECK(kfmt("%p|%pe|%pe|%px", err_ptr(-5), nullptr, err_ptr(-4095), err_ptr(-5)) ==
          "fffffffffffffffb|0000000000000000|-4095|fffffffffffffffb");
    CHECK(kfmt("%pX|%pQ", nullptr, nullptr) == "0000000000000000|0000000000000000");
    CHECK(kfmt("%px", reinterpret_cast<void *>(0xdeadbeefUL)) == "00000000deadbeef");
}

TEST_CASE("plain %p prints a stable 32-bit id in the 64-bit kernel's shape", "[printk]")
{
    int a = 0, b = 0;
    const std::string pa = kfmt("%p", &a);
    REQUIRE(pa.size() == 16);
    CHECK(pa.substr(0, 8) == "00000000");
    CHECK(pa.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(kfmt("%p", &a) == pa);
    CHECK(kfmt("%pK", &a) == pa);
    CHECK(kfmt("%pe", &a) == pa);
    CHECK(kfmt("%p", &b) != pa);
    CHECK(kfmt("%p", &a) != kfmt("%px", &a));
    const std::string digits = pa.substr(pa.find_first_not_of('0'));
    CHECK(kfmt("%20p", &a) == std::string(20 - digits.size(), ' ') + digits);
}

TEST_CASE("%pe names every errno the kernel knows and prints others in decimal", "[printk]")
{
    CHECK(kfmt("[%pe] [%pe] [%pe] [%d]", err_ptr(-22), err_ptr(-1000), err_ptr(-110), -5) ==
          "[-EINVAL] [-1000] [-ETIMEDOUT] [-5]");
    CHECK(kfmt("%pe|%pe|%pe|%pe|%pe|%pe|%pe|%pe|%pe", err_ptr(-11), err_ptr(-35), err_ptr(-524), err_ptr(-517),
               err_ptr(-512), err_ptr(-530), err_ptr(-41), err_ptr(-133), err_ptr(-134)) ==
          "-EAGAIN|-EDEADLK|-ENOTSUPP|-EPROBE_DEFER|-ERESTARTSYS|-ERECALLCONFLICT|-41|-EHWPOISON|-134");
    CHECK(kfmt("[%10pe][%-10pe][%.3pe][%10pe]", err_ptr(-5), err_ptr(-5), err_ptr(-5), err_ptr(-1000)) ==
          "[      -EIO][-EIO      ][-EI][     -1000]");
    CHECK(kfmt("%pe %pe %pe %pe %pe", err_ptr(-1), err_ptr(-122), err_ptr(-58), err_ptr(-531), err_ptr(-520)) ==
          "-EPERM -EDQUOT -58 -531 -520");
}

TEST_CASE("%ph prints hex bytes with the chosen separator and length", "[printk]")
{
    CHECK(kfmt("[%*ph]", 4, "\x01\x02\xab\xff") == "[01 02 ab ff]");
    CHECK(kfmt("%ph|%*phC|%*phD|%*phN|%0ph|%*ph|", "\xab\xcd", 3, "\x01\x02\x03", 3, "\x01\x02\x03", 3,
               "\x01\x02\x03", "x", -2, "\x11\x22") == "ab|01:02:03|01-02-03|010203|78|11 22|");
    unsigned char big[80];
    for (int i = 0; i < 80; ++i)
        big[i] = static_cast<unsigned char>(i);
    CHECK(kfmt("[%*ph]", 0, big) == "[]");
    CHECK(kfmt("%*phN", 80, big) ==
          "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
          "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f");
}

TEST_CASE("%pE escapes bytes by the selected classes like string_escape_mem", "[printk]")
{
    static const char in[] = "q\"\\\a\x1b\n\0\x7f\xa0\xe9z";
    CHECK(kfmt("%*pE", 12, in) == "q\"\\\\a\\e\\n\\0\\177\xa0\xe9" "z\\0");
    CHECK(kfmt("%*pEo", 12, in) == "\\161\\042\\134\\007\\033\\012\\000\\177\\240\\351\\172\\000");
    CHECK(kfmt("%*pEh", 12, in) == "\\x71\\x22\\x5c\\x07\\x1b\\x0a\\x00\\x7f\\xa0\\xe9\\x7a\\x00");
    CHECK(kfmt("%*pEho", 12, in) == kfmt("%*pEo", 12, in));
    CHECK(kfmt("%*pEc", 5, in) == "q\\\"\\\\\\a\\e");
    CHECK(kfmt("[%pE][%*pE][%*pEn]", "a\nb", 3, "a\tb", 3, "a\0b") == "[a][a\\tb][a\\0b]");
}

TEST_CASE("UUIDs print in the four %pU byte orders and cases", "[printk]")
{
    const unsigned char uu[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    CHECK(kfmt("%pU|%pUb|%pUB|%pUl|%pUL|", uu, uu, uu, uu, uu) ==
          "00010203-0405-0607-0809-0a0b0c0d0e0f|00010203-0405-0607-0809-0a0b0c0d0e0f|"
          "00010203-0405-0607-0809-0A0B0C0D0E0F|03020100-0504-0706-0809-0a0b0c0d0e0f|"
          "03020100-0504-0706-0809-0A0B0C0D0E0F|");
}

TEST_CASE("%pa and %pad print 0x and 16 hex digits whatever the width", "[printk]")
{
    const std::uint64_t pa = 0x12345678abcULL, da = 0xfeed;
    CHECK(kfmt("%pa|%pap|%pad|%20pa|%-pa", &pa, &pa, &da, &pa, &pa) ==
          "0x0000012345678abc|0x0000012345678abc|0x000000000000feed|0x0000012345678abc|0x0000012345678abc");
    const std::uint64_t features = 0x40;
    CHECK(kfmt("%pNF|%pN|%pNx", &features, &features, &features) == "0x0000000000000040|(%pN?)|(%pN?)");
}

TEST_CASE("bitmaps print as hex chunks or range lists", "[printk]")
{
    const unsigned long bits[2] = {0x8000000f000000f1UL, 0x3UL};
    CHECK(kfmt("%*pb", 66, bits) == "3,8000000f,000000f1");
    CHECK(kfmt("%*pbl", 66, bits) == "0,4-7,32-35,63-65");
    CHECK(kfmt("%*pb|%*pbl|%pb|[%*pbl]", 12, bits, 12, bits, bits, 0, bits) == "0f1|0,4-7||[]");
}

TEST_CASE("%pV formats a nested format and argument list", "[printk]")
{
    CHECK(with_va_format("%s=%d", "k", 5) == "<k=5|9>");
    CHECK(with_va_format("%s", "") == "<|9>");
}

TEST_CASE("%pS and %ps print raw addresses until a symbol formatter is installed", "[printk]")
{
    CHECK(kfmt("%pS|%ps|%pB", reinterpret_cast<void *>(0x10), reinterpret_cast<void *>(0xabc), nullptr) ==
          "0x10|0xabc|0x0");
    kshim::set_symbol_formatter([](std::string &out, const void *addr, char kind) {
        out = std::string(1, kind) + "@" + std::to_string(reinterpret_cast<std::uintptr_t>(addr));
    });
    CHECK(kfmt("[%pS] [%ps] [%pB] [%8ps]", reinterpret_cast<void *>(1), reinterpret_cast<void *>(2),
               reinterpret_cast<void *>(3), reinterpret_cast<void *>(4)) == "[S@1] [s@2] [B@3] [     s@4]");
    CHECK(kfmt("[%pSR]", reinterpret_cast<void *>(5)) == "[S@5]");
    kshim::set_symbol_formatter(nullptr);
    CHECK(kfmt("%pS", reinterpret_cast<void *>(0x10)) == "0x10");
}
