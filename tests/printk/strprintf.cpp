// Tests for strprintf/vstrprintf (shim/src/printk/strprintf.cpp): kernel conversions into a std::string of any length.
#include "printk/strprintf.hpp"

#include <catch2/catch.hpp>

#include "kfmt.hpp"
#include "printk/format.hpp"

#include <cstdarg>
#include <string>

using kshim_test::err_ptr;

namespace {

// Calls vstrprintf through a variadic wrapper, as a caller forwarding its own arguments does.
std::string via_v(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    std::string s = kshim::vstrprintf(fmt, ap);
    va_end(ap);
    return s;
}

// A symbol formatter that names every address with `len` letters.
size_t g_name_len = 0;
void long_names(std::string &out, const void *, char kind)
{
    out.append(g_name_len, kind);
}

// Installs a symbol formatter for one test and puts the previous one back.
struct FormatterScope {
    kshim::SymbolFormatter old = kshim::symbol_formatter();
    explicit FormatterScope(kshim::SymbolFormatter f) { kshim::set_symbol_formatter(f); }
    ~FormatterScope() { kshim::set_symbol_formatter(old); }
};

}  // namespace

TEST_CASE("strprintf of an empty format or an empty argument is the empty string", "[printk]")
{
    CHECK(kshim::strprintf("%s", "").empty());
    CHECK(kshim::strprintf("%.0s", "abc").empty());
    CHECK(via_v("%s", "").empty());
}

TEST_CASE("strprintf applies widths, flags, lengths and %% like the kernel's vsnprintf", "[printk]")
{
    CHECK(kshim::strprintf("%s=%d|%5d|%-5d|%05d|%#x|%lu|%lld|%c|%%|%.3s", "n", -3, 42, 42, 42, 255, 123456789UL,
                           -5LL, 'z', "abcdef") == "n=-3|   42|42   |00042|0xff|123456789|-5|z|%|abc");
    CHECK(via_v("[%-8s] [%8.3s] [%hhd] [%zu]", "ab", "abcdef", 300, size_t{7}) == "[ab      ] [     abc] [44] [7]");
}

TEST_CASE("strprintf uses the kernel's conversions, not libc's", "[printk]")
{
    CHECK(kshim::strprintf("%pe|%pe", err_ptr(-12), err_ptr(-2)) == "-ENOMEM|-ENOENT");
    CHECK(kshim::strprintf("%p", nullptr) == "0000000000000000");  // libc would print "(nil)"
}

TEST_CASE("strprintf keeps a NUL that %c writes, on the short and the long path", "[printk]")
{
    CHECK(kshim::strprintf("a%cb", 0) == std::string("a\0b", 3));
    std::string pad(2000, 'p');
    CHECK(kshim::strprintf("%s%cq", pad.c_str(), 0) == pad + std::string("\0q", 2));
}

TEST_CASE("strprintf returns the whole result at every length around its stack buffer", "[printk]")
{
    for (size_t len : {1u, 1022u, 1023u, 1024u, 1025u, 2047u, 4096u, 100000u}) {
        INFO("length " << len);
        std::string s(len, 'x');
        s.back() = 'y';
        CHECK(kshim::strprintf("%s", s.c_str()) == s);
        CHECK(via_v("%s", s.c_str()) == s);
    }
}

TEST_CASE("A long strprintf result formats every argument after the long one", "[printk]")
{
    // The second formatting pass must see the arguments from the start again.
    std::string big(3000, 'b');
    std::string want = "<" + big + ">-42-tail-0x2a";
    CHECK(kshim::strprintf("<%s>-%d-%s-%#x", big.c_str(), 42, "tail", 42) == want);
    CHECK(via_v("<%s>-%d-%s-%#x", big.c_str(), 42, "tail", 42) == want);
    CHECK(kshim::strprintf("%2000d|", 7) == std::string(1999, ' ') + "7|");
}

TEST_CASE("strprintf names code addresses through the installed symbol formatter, however long", "[printk]")
{
    FormatterScope scope(&long_names);
    void *code = reinterpret_cast<void *>(&long_names);
    g_name_len = 5;
    CHECK(kshim::strprintf("[%pS] [%ps] [%pB]", code, code, code) == "[SSSSS] [sssss] [BBBBB]");
    g_name_len = 1500;
    CHECK(kshim::strprintf("%pS|%d", code, 9) == std::string(1500, 'S') + "|9");
}
