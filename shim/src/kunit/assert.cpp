// KUnit's failure text (6.1's lib/kunit/assert.c wording): prologue, the values, the message.
#include "kunit/assert.hpp"

#include <cstring>

#include "printk/strprintf.hpp"

#include "kunit/test.h"

namespace kshim {

namespace {

// The check's own message on a line of its own, when it has one.
void add_message(std::string &out, const va_format *msg)
{
    if (msg && msg->fmt)
        out += "\n" + strprintf("%pV", msg);
}

// Is text the decimal spelling of value ("5" for 5)? Then the value is not repeated.
bool is_literal(const char *text, long long value) { return std::to_string(value) == text; }

// Is text the quoted literal of value ("\"abc\"" for abc)? As 6.1, only the prefix is compared.
bool is_str_literal(const char *text, const char *value)
{
    size_t n = std::strlen(text);
    return n >= 2 && text[0] == '"' && text[n - 1] == '"' && std::strncmp(text + 1, value, n - 2) == 0;
}

// buf's bytes as 6.2's hex dump: 16 a line, each that differs from other's in <>, the others in spaces.
void add_hexdump(std::string &out, const unsigned char *buf, const unsigned char *other, size_t n)
{
    out += KUNIT_SUBSUBTEST_INDENT;
    for (size_t i = 0; i < n; ++i) {
        if (i && i % 16 == 0)
            out += "\n" KUNIT_SUBSUBTEST_INDENT;
        out += strprintf(buf[i] != other[i] ? "<%02x>" : " %02x ", buf[i]);
    }
}

void add_expected(std::string &out, const kunit_binary_assert_text &t)
{
    out += strprintf(KUNIT_SUBTEST_INDENT "Expected %s %s %s, but\n", t.left_text, t.operation, t.right_text);
}

}  // namespace

void kunit_prologue(std::string &out, const kunit_loc &loc, kunit_assert_type type)
{
    out += strprintf("%s FAILED at %s:%d\n", type == KUNIT_ASSERTION ? "ASSERTION" : "EXPECTATION", loc.file,
                     loc.line);
}

void kunit_format_fail(std::string &out, const va_format *msg)
{
    if (msg && msg->fmt)
        out += strprintf("%pV", msg);
}

void kunit_format_unary(std::string &out, const kunit_unary_assert &a, const va_format *msg)
{
    out += strprintf(KUNIT_SUBTEST_INDENT "Expected %s to be %s, but is %s\n", a.condition,
                     a.expected_true ? "true" : "false", a.expected_true ? "false" : "true");
    add_message(out, msg);
}

void kunit_format_not_err(std::string &out, const kunit_ptr_not_err_assert &a, const va_format *msg)
{
    if (!a.value)
        out += strprintf(KUNIT_SUBTEST_INDENT "Expected %s is not null, but is\n", a.text);
    else if (IS_ERR(a.value))
        out += strprintf(KUNIT_SUBTEST_INDENT "Expected %s is not error, but is: %ld\n", a.text, PTR_ERR(a.value));
    add_message(out, msg);
}

void kunit_format_binary(std::string &out, const kunit_binary_assert &a, const va_format *msg)
{
    add_expected(out, *a.text);
    if (!is_literal(a.text->left_text, a.left_value))
        out += strprintf(KUNIT_SUBSUBTEST_INDENT "%s == %lld\n", a.text->left_text, a.left_value);
    if (!is_literal(a.text->right_text, a.right_value))
        out += strprintf(KUNIT_SUBSUBTEST_INDENT "%s == %lld", a.text->right_text, a.right_value);
    add_message(out, msg);
}

void kunit_format_binary_ptr(std::string &out, const kunit_binary_ptr_assert &a, const va_format *msg)
{
    add_expected(out, *a.text);
    out += strprintf(KUNIT_SUBSUBTEST_INDENT "%s == %px\n", a.text->left_text, a.left_value);
    out += strprintf(KUNIT_SUBSUBTEST_INDENT "%s == %px", a.text->right_text, a.right_value);
    add_message(out, msg);
}

void kunit_format_binary_str(std::string &out, const kunit_binary_str_assert &a, const va_format *msg)
{
    add_expected(out, *a.text);
    if (!is_str_literal(a.text->left_text, a.left_value))
        out += strprintf(KUNIT_SUBSUBTEST_INDENT "%s == \"%s\"\n", a.text->left_text, a.left_value);
    if (!is_str_literal(a.text->right_text, a.right_value))
        out += strprintf(KUNIT_SUBSUBTEST_INDENT "%s == \"%s\"", a.text->right_text, a.right_value);
    add_message(out, msg);
}

void kunit_format_mem(std::string &out, const kunit_mem_assert &a, const va_format *msg)
{
    const char *null_side = !a.left_value ? a.text->left_text : !a.right_value ? a.text->right_text : nullptr;
    if (null_side) {
        out += strprintf(KUNIT_SUBTEST_INDENT "Expected %s is not null, but is\n", null_side);
        return;
    }
    auto *l = static_cast<const unsigned char *>(a.left_value);
    auto *r = static_cast<const unsigned char *>(a.right_value);
    add_expected(out, *a.text);
    out += strprintf(KUNIT_SUBSUBTEST_INDENT "%s ==\n", a.text->left_text);
    add_hexdump(out, l, r, a.size);
    out += "\n";
    out += strprintf(KUNIT_SUBSUBTEST_INDENT "%s ==\n", a.text->right_text);
    add_hexdump(out, r, l, a.size);
    add_message(out, msg);
}

}  // namespace kshim
