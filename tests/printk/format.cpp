// Tests of the kernel printf engine against output recorded from a real Linux 6.1 kernel.
#include "printk/format.hpp"

#include <catch2/catch.hpp>

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

namespace {

// Formats into a large buffer and checks the returned length matches what was stored.
std::string kfmt(const char *fmt, ...)
{
    char buf[1024];
    std::memset(buf, 'Z', sizeof(buf));
    va_list ap;
    va_start(ap, fmt);
    const int n = kshim::vformat(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    REQUIRE(n >= 0);
    REQUIRE(static_cast<std::size_t>(n) == std::strlen(buf));
    return std::string(buf, static_cast<std::size_t>(n));
}

void *err_ptr(long err)
{
    return reinterpret_cast<void *>(err);
}

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

TEST_CASE("MAC addresses print in all %pM and %pm variants", "[printk]")
{
    const unsigned char mac[6] = {0xde, 0xad, 0xbe, 0xef, 0x01, 0x02};
    CHECK(kfmt("%pM|%pMR|%pm|%pmR|%pMF|%20pM|%-20pm|", mac, mac, mac, mac, mac, mac, mac) ==
          "de:ad:be:ef:01:02|02:01:ef:be:ad:de|deadbeef0102|0201efbeadde|de-ad-be-ef-01-02|   de:ad:be:ef:01:02|"
          "deadbeef0102        |");
    CHECK(kfmt("[%pM]", "\x00\x11\x22\x33\x44\x55") == "[00:11:22:33:44:55]");
}

TEST_CASE("IPv4 and IPv6 addresses print like the kernel", "[printk]")
{
    const unsigned char ip[4] = {10, 0, 1, 200};
    CHECK(kfmt("%pI4|%pi4|%pI4h|%pI4l|%pI4n|%pI4b|%18pI4|", ip, ip, ip, ip, ip, ip, ip) ==
          "10.0.1.200|010.000.001.200|200.1.0.10|200.1.0.10|10.0.1.200|10.0.1.200|        10.0.1.200|");
    CHECK(kfmt("[%pI4]", "\x7f\x00\x00\x01") == "[127.0.0.1]");
    const unsigned char v6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    const unsigned char mapped[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 168, 1, 2};
    CHECK(kfmt("%pI6|%pi6|%pI6c|%pI6c|", v6, v6, v6, mapped) ==
          "2001:0db8:0000:0000:0000:0000:0000:0001|20010db8000000000000000000000001|2001:db8::1|::ffff:192.168.1.2|");
    const unsigned char single_zero[16] = {0, 1, 0, 0, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7};
    const unsigned char all_zero[16] = {};
    const unsigned char tail_zero[16] = {0x20, 0x01};
    const unsigned char two_runs[16] = {0, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 3, 0, 0};
    const unsigned char isatap[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0, 0x5e, 0xfe, 10, 1, 2, 3};
    CHECK(kfmt("%pI6c|%pI6c|%pI6c|%pI6c|%pI6c", single_zero, all_zero, tail_zero, two_runs, isatap) ==
          "1:0:2:3:4:5:6:7|::|2001::|1::2:0:0:3:0|fe80::200:5efe:10.1.2.3");
    CHECK(kfmt("%pI6", isatap) == "fe80:0000:0000:0000:0200:5efe:0a01:0203");
}

TEST_CASE("socket addresses print with optional port, flow and scope via %pIS", "[printk]")
{
    const unsigned char sin[16] = {2, 0, 0x1f, 0x90, 192, 168, 0, 1};
    unsigned char sin6[28] = {10, 0, 0x00, 0x50, 0xf1, 0x02, 0, 3};
    sin6[8] = 0xfe;
    sin6[9] = 0x80;
    sin6[23] = 1;
    sin6[24] = 5;
    const unsigned char unix_sa[4] = {1, 0};
    CHECK(kfmt("%pIS|%pISp|%pISc|%pISpc|%pISpfsc|%pIS|%piS|%piSp|%pISpl", sin, sin, sin6, sin6, sin6, unix_sa, sin,
               sin, sin) ==
          "192.168.0.1|192.168.0.1:8080|fe80::1|[fe80::1]:80|[fe80::1]:80/16908291%5|(einval)|192.168.000.001|"
          "192.168.000.001:8080|1.0.168.192:8080");
    CHECK(kfmt("%pIS|%piS|%pISf|%pISs", sin6, sin6, sin6, sin6) ==
          "fe80:0000:0000:0000:0000:0000:0000:0001|fe800000000000000000000000000001|"
          "[fe80:0000:0000:0000:0000:0000:0000:0001]/16908291|[fe80:0000:0000:0000:0000:0000:0000:0001]%5");
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
