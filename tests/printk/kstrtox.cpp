// Tests of kstrto*, simple_strto* and sscanf against results recorded from a real Linux 6.1 kernel.
#include "printk/kstrtox.hpp"

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdarg>
#include <cstddef>
#include <string>

extern "C" {
int kstrtoint(const char *s, unsigned int base, int *res);
int kstrtoul(const char *s, unsigned int base, unsigned long *res);
int kstrtobool(const char *s, bool *res);
long simple_strtol(const char *cp, char **endp, unsigned int base);
int kshim_sscanf(const char *buf, const char *fmt, ...);
}

namespace {

// Result of one kstrto* call: the return code and the value left in *res.
template <typename T>
struct Parsed {
    int rc;
    T value;
};

template <typename T>
Parsed<T> parse(int (*fn)(const char *, unsigned int, T *), const char *s, unsigned int base)
{
    T value = static_cast<T>(77);
    const int rc = fn(s, base, &value);
    return {rc, value};
}

int scan(const char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const int n = kshim::vscan(buf, fmt, ap);
    va_end(ap);
    return n;
}

} // namespace

TEST_CASE("kstrtoint accepts one trailing newline, a plus sign and base prefixes", "[printk]")
{
    auto ok = [](const char *s, unsigned base, int v) {
        const auto r = parse(kshim::kstrtoint, s, base);
        CHECK(r.rc == 0);
        CHECK(r.value == v);
    };
    ok("12\n", 10, 12);
    ok("+12", 10, 12);
    ok("0x1f", 0, 31);
    ok("0x1f", 16, 31);
    ok("0X1F", 0, 31);
    ok("1f", 16, 31);
    ok("010", 0, 8);
    ok("0", 0, 0);
    ok("-0", 10, 0);
    ok("-0x10", 0, -16);
    ok("11", 2, 3);
    ok("11", 3, 4);
    ok("2147483647", 10, 2147483647);
    ok("-2147483648", 10, -2147483647 - 1);
}

TEST_CASE("kstrtoint rejects blanks, junk, bare signs and prefixes without digits", "[printk]")
{
    for (const char *bad : {"  12", "12a", "", "-", "+", "0x", "1\n\n", "\n", "08", "-+1", "+-1", "12 "}) {
        INFO(bad);
        const auto r = parse(kshim::kstrtoint, bad, 0);
        CHECK(r.rc == -EINVAL);
        CHECK(r.value == 77);
    }
    CHECK(parse(kshim::kstrtoint, "0x", 16).rc == -EINVAL);
    CHECK(parse(kshim::kstrtoint, "0x1F", 10).rc == -EINVAL);
    CHECK(parse(kshim::kstrtoint, "z", 36).rc == -EINVAL);
}

TEST_CASE("kstrto* report -ERANGE when the value does not fit the type", "[printk]")
{
    CHECK(parse(kshim::kstrtoint, "3000000000", 10).rc == -ERANGE);
    CHECK(parse(kshim::kstrtoint, "2147483648", 10).rc == -ERANGE);
    CHECK(parse(kshim::kstrtoint, "-2147483649", 10).rc == -ERANGE);
    CHECK(parse(kshim::kstrtouint, "4294967296", 10).rc == -ERANGE);
    CHECK(parse(kshim::kstrtou8, "256", 10).rc == -ERANGE);
    CHECK(parse(kshim::kstrtos8, "-129", 10).rc == -ERANGE);
    CHECK(parse(kshim::kstrtos8, "128", 10).rc == -ERANGE);
    CHECK(parse(kshim::kstrtos16, "-32769", 10).rc == -ERANGE);
    CHECK(parse(kshim::kstrtoull, "18446744073709551616", 10).rc == -ERANGE);
    CHECK(parse(kshim::kstrtoull, "99999999999999999999x", 10).rc == -ERANGE);
    CHECK(parse(kshim::kstrtoull, "1ffffffffffffffff", 16).rc == -ERANGE);
    CHECK(parse(kshim::kstrtoll, "-9223372036854775809", 10).rc == -ERANGE);
    CHECK(parse(kshim::kstrtoll, "9223372036854775808", 10).rc == -ERANGE);
}

TEST_CASE("kstrto* accept the extreme values of each type", "[printk]")
{
    CHECK(parse(kshim::kstrtouint, "4294967295", 10).value == 4294967295u);
    CHECK(parse(kshim::kstrtou8, "255", 10).value == 255);
    CHECK(parse(kshim::kstrtos8, "-128", 10).value == -128);
    CHECK(parse(kshim::kstrtou16, "0xffff", 0).value == 65535);
    CHECK(parse(kshim::kstrtoull, "18446744073709551615", 10).value == 18446744073709551615ULL);
    CHECK(parse(kshim::kstrtoull, "ffffffffffffffff", 16).value == 18446744073709551615ULL);
    CHECK(parse(kshim::kstrtoll, "-9223372036854775808", 10).value == -9223372036854775807LL - 1);
    CHECK(parse(kshim::kstrtol, "-0777", 0).value == -511);
    CHECK(parse(kshim::kstrtoul, "+0x10\n", 0).value == 16);
}

TEST_CASE("unsigned kstrto* reject a minus sign, even on zero", "[printk]")
{
    CHECK(parse(kshim::kstrtoul, "-1", 10).rc == -EINVAL);
    CHECK(parse(kshim::kstrtouint, "-0", 10).rc == -EINVAL);
    CHECK(parse(kshim::kstrtoll, "", 10).rc == -EINVAL);
}

TEST_CASE("kstrtobool accepts the Linux 6.1 spellings by their first characters", "[printk]")
{
    auto val = [](const char *s) {
        bool b = false;
        const int rc = kshim::kstrtobool(s, &b);
        return rc == 0 ? (b ? 1 : 0) : rc;
    };
    for (const char *yes : {"y", "Y", "1", "on", "ON", "oN", "t", "T", "true", "yes", "1abc", "onx"}) {
        INFO(yes);
        CHECK(val(yes) == 1);
    }
    for (const char *no : {"n", "N", "0", "off", "OFF", "of", "f", "False", "no", "oFx"}) {
        INFO(no);
        CHECK(val(no) == 0);
    }
    for (const char *bad : {"o", "enable", "", "x", "2", " 1"}) {
        INFO(bad);
        CHECK(val(bad) == -EINVAL);
    }
    bool b = true;
    CHECK(kshim::kstrtobool(nullptr, &b) == -EINVAL);
}

TEST_CASE("simple_strto* stop at the first invalid character and report it", "[printk]")
{
    auto ul = [](const char *s, unsigned base, unsigned long v, const char *rest) {
        char *end = nullptr;
        CHECK(kshim::simple_strtoul(s, &end, base) == v);
        CHECK(std::string(end) == rest);
    };
    ul("0x1fzz", 0, 31, "zz");
    ul("0x", 0, 0, "x");
    ul("0xg", 16, 0, "g");
    ul("  12", 10, 0, "  12");
    ul("+12", 10, 0, "+12");
    ul("0778", 0, 63, "8");
    ul("1a", 1, 0, "1a");
    char *end = nullptr;
    CHECK(kshim::simple_strtol("-0x1fq", &end, 0) == -31);
    CHECK(std::string(end) == "q");
    CHECK(kshim::simple_strtol("-", &end, 0) == 0);
    CHECK(*end == '\0');
    CHECK(kshim::simple_strtoull("99999999999999999999z", &end, 10) == 7766279631452241919ULL);
    CHECK(std::string(end) == "z");
    CHECK(kshim::simple_strtoll("-9223372036854775808", &end, 10) == -9223372036854775807LL - 1);
    CHECK(kshim::simple_strtoul("12", nullptr, 10) == 12);
}

TEST_CASE("the C entry points forward to the same parsers", "[printk]")
{
    int i = 0;
    CHECK(kstrtoint("0x1f", 16, &i) == 0);
    CHECK(i == 31);
    unsigned long ul = 0;
    CHECK(kstrtoul("-1", 10, &ul) == -EINVAL);
    bool b = false;
    CHECK(kstrtobool("on", &b) == 0);
    CHECK(b);
    char *end = nullptr;
    CHECK(simple_strtol("-42x", &end, 10) == -42);
    CHECK(*end == 'x');
}

TEST_CASE("sscanf converts numbers, words and characters like the kernel", "[printk]")
{
    int n1 = -1, n2 = -1;
    unsigned ux = 0;
    char s1[16] = {}, s2[16] = {};
    CHECK(scan("  12 abc 0x1f", "%d %s %x", &n1, s1, &ux) == 3);
    CHECK((n1 == 12 && std::string(s1) == "abc" && ux == 31));
    CHECK(scan("12abc", "%d%n%s", &n1, &n2, s1) == 2);
    CHECK((n2 == 2 && std::string(s1) == "abc"));
    CHECK(scan("12345", "%2d%3d", &n1, &n2) == 2);
    CHECK((n1 == 12 && n2 == 345));
    int n3 = 0;
    CHECK(scan("0x10 010 10", "%i %i %i", &n1, &n2, &n3) == 3);
    CHECK((n1 == 16 && n2 == 8 && n3 == 10));
    CHECK(scan("x:5", "x:%d", &n1) == 1);
    CHECK(n1 == 5);
    CHECK(scan("abcdef", "%3s%s", s1, s2) == 2);
    CHECK((std::string(s1) == "abc" && std::string(s2) == "def"));
    CHECK(scan("5%6", "%d%%%d", &n1, &n2) == 2);
    CHECK((n1 == 5 && n2 == 6));
    CHECK(scan("ff", "%X", &ux) == 1);
    CHECK(ux == 255);
    CHECK(scan("17", "%o", &ux) == 1);
    CHECK(ux == 15);
    CHECK(scan("\n12", "%d", &n1) == 1);
    CHECK(n1 == 12);
    CHECK(scan("12", "%1s", s1) == 1);
    CHECK(std::string(s1) == "1");
}

TEST_CASE("sscanf length modifiers store truncated values like the kernel", "[printk]")
{
    signed char hh = 0;
    unsigned char uhh = 0;
    short sh = 0;
    CHECK(scan("-5 300 -1", "%hhd %hhu %hd", &hh, &uhh, &sh) == 3);
    CHECK((hh == -5 && uhh == 44 && sh == -1));
    unsigned long long ull = 0;
    long lv = 0;
    std::size_t zz = 0;
    CHECK(scan("123456789012 -9 77", "%llu %ld %zu", &ull, &lv, &zz) == 3);
    CHECK((ull == 123456789012ULL && lv == -9 && zz == 77));
    unsigned ux = 5;
    CHECK(scan("4294967296", "%u", &ux) == 1);
    CHECK(ux == 0);
}

TEST_CASE("sscanf stops at the first mismatch and counts only stored conversions", "[printk]")
{
    int n1 = 0, n2 = -1;
    unsigned ux = 9;
    char c1 = 0, cs[8] = {};
    CHECK(scan("abc", "%d", &n1) == 0);
    CHECK(scan("", "%d", &n1) == 0);
    CHECK(scan("y:5", "x:%d", &n1) == 0);
    CHECK(scan("-", "%d", &n1) == 0);
    CHECK(scan("- 5", "%d", &n1) == 0);
    CHECK(scan("+7", "%u", &ux) == 0);
    CHECK(scan("-7", "%u", &ux) == 0);
    CHECK(scan("12", "%d %d", &n1, &n2) == 1);
    CHECK(scan("1 2", "%d%*d", &n1) == 1);
    CHECK(scan("12 ", "%d %n", &n1, &n2) == 1);
    CHECK(n2 == 3);
    n2 = -1;
    CHECK(scan("abc", "ab%n", &n2) == 0);
    CHECK(n2 == 2);
    CHECK(scan("0x", "%x", &ux) == 1);
    CHECK(ux == 0);
    CHECK(scan("ab", "%c", &c1) == 1);
    CHECK(c1 == 'a');
    CHECK(scan("a b", "%c%c", &c1, cs) == 2);
    CHECK(cs[0] == ' ');
    CHECK(scan("abc", "%5c", cs) == 1);
    CHECK(std::string(cs, 3) == "abc");
}

TEST_CASE("sscanf matches bracket sets that need a width", "[printk]")
{
    char a[8] = {}, b[8] = {}, c[8] = {};
    CHECK(kshim_sscanf("00:0a:95", "%2[^:]:%2[^:]:%2[^:]", a, b, c) == 3);
    CHECK((std::string(a) == "00" && std::string(b) == "0a" && std::string(c) == "95"));
    CHECK(kshim_sscanf("abc", "%[abc]", a) == 0);
    CHECK(kshim_sscanf("xyz", "%3[abc]", a) == 0);
    CHECK(kshim_sscanf("abcx", "%3[abc]x", a) == 1);
    CHECK(std::string(a) == "abc");
    int i = 0;
    CHECK(kshim_sscanf("1 2", "%d %t", &i) == 1);
}
