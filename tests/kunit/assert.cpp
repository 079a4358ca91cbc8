// KUnit's failure text: each record class's lines in 6.1's wording, literals left out, the message last.
#include <catch2/catch.hpp>

#include <cstdarg>
#include <string>

#include "kunit/assert.hpp"

namespace {

const kunit_binary_assert_text kEqText{"==", "a", "5"};

// Formats one record with a message built from fmt and its arguments, as the runtime does.
template <typename F>
std::string with_message(F format, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_format msg{fmt, &ap};
    std::string out;
    format(out, &msg);
    va_end(ap);
    return out;
}

}  // namespace

TEST_CASE("The prologue names the check's kind and its file and line", "[kunit]")
{
    std::string out;
    kshim::kunit_prologue(out, kunit_loc{12, "drivers/x.c"}, KUNIT_EXPECTATION);
    kshim::kunit_prologue(out, kunit_loc{3, "y.c"}, KUNIT_ASSERTION);
    CHECK(out == "EXPECTATION FAILED at drivers/x.c:12\nASSERTION FAILED at y.c:3\n");
}

TEST_CASE("An integer comparison shows the value of each operand that is not its own literal", "[kunit]")
{
    std::string out;
    kshim::kunit_format_binary(out, kunit_binary_assert{{}, &kEqText, 4, 5}, nullptr);
    CHECK(out == "    Expected a == 5, but\n        a == 4\n");
    out.clear();
    const kunit_binary_assert_text both{"<", "x", "y"};
    kshim::kunit_format_binary(out, kunit_binary_assert{{}, &both, -1, -2}, nullptr);
    CHECK(out == "    Expected x < y, but\n        x == -1\n        y == -2");
    // "05" is not the literal spelling of 5: its value is shown.
    out.clear();
    const kunit_binary_assert_text padded{"==", "a", "05"};
    kshim::kunit_format_binary(out, kunit_binary_assert{{}, &padded, 4, 5}, nullptr);
    CHECK(out == "    Expected a == 05, but\n        a == 4\n        05 == 5");
}

TEST_CASE("A check's message follows its values on a line of its own", "[kunit]")
{
    std::string out = with_message(
        [](std::string &o, const va_format *m) {
            kshim::kunit_format_binary(o, kunit_binary_assert{{}, &kEqText, 4, 5}, m);
        },
        "got %d, want %s", 4, "five");
    CHECK(out == "    Expected a == 5, but\n        a == 4\n\ngot 4, want five");
    std::string fail = with_message([](std::string &o, const va_format *m) { kshim::kunit_format_fail(o, m); },
                                    "plain %d", 1);
    CHECK(fail == "plain 1");
}

TEST_CASE("A boolean check says which truth it expected", "[kunit]")
{
    std::string out;
    kshim::kunit_format_unary(out, kunit_unary_assert{{}, "ready", true}, nullptr);
    kshim::kunit_format_unary(out, kunit_unary_assert{{}, "busy", false}, nullptr);
    CHECK(out == "    Expected ready to be true, but is false\n    Expected busy to be false, but is true\n");
}

TEST_CASE("A pointer check prints both pointers in full and an error pointer's errno", "[kunit]")
{
    std::string out;
    const kunit_binary_assert_text t{"==", "p", "q"};
    kshim::kunit_format_binary_ptr(out, kunit_binary_ptr_assert{{}, &t, (void *)0x1000, nullptr}, nullptr);
    CHECK(out == "    Expected p == q, but\n        p == 0000000000001000\n        q == 0000000000000000");
    out.clear();
    kshim::kunit_format_not_err(out, kunit_ptr_not_err_assert{{}, "dev", (void *)-12L}, nullptr);
    kshim::kunit_format_not_err(out, kunit_ptr_not_err_assert{{}, "buf", nullptr}, nullptr);
    CHECK(out == "    Expected dev is not error, but is: -12\n    Expected buf is not null, but is\n");
}

TEST_CASE("A string check quotes the values of operands that are not their own literal", "[kunit]")
{
    std::string out;
    const kunit_binary_assert_text t{"==", "name", "\"eth0\""};
    kshim::kunit_format_binary_str(out, kunit_binary_str_assert{{}, &t, "wlan0", "eth0"}, nullptr);
    CHECK(out == "    Expected name == \"eth0\", but\n        name == \"wlan0\"\n");
    out.clear();
    const kunit_binary_assert_text vars{"!=", "a", "b"};
    kshim::kunit_format_binary_str(out, kunit_binary_str_assert{{}, &vars, "x", "x"}, nullptr);
    CHECK(out == "    Expected a != b, but\n        a == \"x\"\n        b == \"x\"");
}
