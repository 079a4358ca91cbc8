// Tests of busybox's printf, echo -e escapes and ls columns, on outputs the real kernel's busybox printed.
#include <catch2/catch.hpp>

#include "runner/exec_text.hpp"

using namespace kshim;

TEST_CASE("printf formats as busybox's: widths, flags, %c, %% and a format reused for the rest", "[runner]")
{
    std::vector<std::string> errs;
    CHECK(busybox_printf("x=%d %s\\n", {"5", "abc"}, &errs) == "x=5 abc\n");
    CHECK(busybox_printf("%5s|%-4d|%x|%c|%%\\n", {"ab", "7", "255", "qz"}, &errs) == "   ab|7   |ff|q|%\n");
    CHECK(busybox_printf("%s-", {"a", "b", "c"}, &errs) == "a-b-c-");
    CHECK(busybox_printf("nofmt", {"extra"}, &errs) == "nofmt");
    CHECK(busybox_printf("%s|%d|\\n", {}, &errs) == "|0|\n");   // missing: empty and 0
    CHECK(busybox_printf("%*d:%.2s:%05.1f\\n", {"4", "7", "abc", "2.25"}, &errs) == "   7:ab:002.2\n");
    CHECK(busybox_printf("%x %o %d\\n", {"0x1f", "010", "'A"}, &errs) == "1f 10 65\n");
    CHECK(errs.empty());
}

TEST_CASE("printf reports a bad number as busybox does and prints what it parsed", "[runner]")
{
    std::vector<std::string> errs;
    CHECK(busybox_printf("%d\\n", {"abc"}, &errs) == "0\n");
    REQUIRE(errs.size() == 1);
    CHECK(errs[0] == "invalid number 'abc'");
    errs.clear();
    CHECK(busybox_printf("%d\\n", {"12x"}, &errs) == "12\n");
    CHECK(errs.size() == 1);
}

TEST_CASE("escapes: the letters, octal, hex, and \\c ending the output", "[runner]")
{
    CHECK(expand_escapes("a\\tb\\n") == "a\tb\n");
    CHECK(expand_escapes("\\0101\\x42\\\\") == "AB\\");
    CHECK(expand_escapes("\\101") == "A");
    CHECK(expand_escapes("\\q") == "\\q");
    bool stop = false;
    CHECK(expand_escapes("ab\\cde", &stop) == "ab");
    CHECK(stop);
    CHECK(busybox_printf("%b|\\n", {"x\\ty"}, nullptr) == "x\ty|\n");
}

TEST_CASE("ls lays names out in busybox's columns on an 80-column terminal", "[runner]")
{
    // tests/oracle/debugfs_values.kernel.txt
    CHECK(ls_columns({"u8", "u16", "u32", "u64", "x8", "x16", "x32", "x64", "ulong", "size_t", "atomic", "bool", "blob",
                      "twice", "sub"}) ==
          "atomic  bool    sub     u16     u64     ulong   x32     x8\n"
          "blob    size_t  twice   u32     u8      x16     x64\n");
    // tests/oracle/sysfs_kobj.kernel.txt
    CHECK(ls_columns({"value", "extra"}) == "extra  value\n");
    // a long name: three columns of 25
    CHECK(ls_columns({"a", "bb", "a_much_longer_name_here", "ccc", "Zed", "_under", "b10", "b9"}) ==
          "Zed                      a_much_longer_name_here  bb\n"
          "_under                   b10                      ccc\n"
          "a                        b9\n");
    CHECK(ls_columns({}) == "");
    CHECK(ls_columns({std::string(90, 'n'), "b"}) == "b\n" + std::string(90, 'n') + "\n");
}
