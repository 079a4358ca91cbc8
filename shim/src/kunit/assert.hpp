// KUnit's failure text: the lines a failed expectation or assertion prints, in 6.1's wording.
#pragma once

#include <cstdarg>
#include <string>

#include "kunit/assert.h"

// The kernel's struct va_format (linux/printk.h), which %pV prints: a format and its arguments.
struct va_format {
    const char *fmt;
    va_list *va;
};

// A failed check's text as it is built (printed as one kunit_err record), and 6.1's
// lib/kunit/string-stream.h stream that string-stream-test.c uses (string_stream.cpp).
struct string_stream {
    std::string text;
    size_t fragments = 0;   // string_stream_add calls since the last clear (6.1's is_empty)
};

namespace kshim {

// Each appends to out what 6.1's formatter of the same record class prints; msg is the
// check's own message (a NULL fmt: none). All atomic-safe; they allocate.
void kunit_prologue(std::string &out, const kunit_loc &loc, kunit_assert_type type);
void kunit_format_fail(std::string &out, const va_format *msg);
void kunit_format_unary(std::string &out, const kunit_unary_assert &a, const va_format *msg);
void kunit_format_not_err(std::string &out, const kunit_ptr_not_err_assert &a, const va_format *msg);
void kunit_format_binary(std::string &out, const kunit_binary_assert &a, const va_format *msg);
void kunit_format_binary_ptr(std::string &out, const kunit_binary_ptr_assert &a, const va_format *msg);
void kunit_format_binary_str(std::string &out, const kunit_binary_str_assert &a, const va_format *msg);
// Post-6.1 (6.2's MEMEQ/MEMNEQ): both buffers as hex, 16 bytes a line, differing bytes in <>.
void kunit_format_mem(std::string &out, const kunit_mem_assert &a, const va_format *msg);

}  // namespace kshim
