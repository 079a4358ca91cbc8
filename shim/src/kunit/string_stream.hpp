// 6.1's lib/kunit/string-stream.h API (KUnit-internal, used by its string-stream-test.c): a text built in pieces, freed when the case ends.
#pragma once

#include <cstdarg>

#include "kunit/assert.hpp"
#include "kshim/internal/kunit_types.h"
#include "linux/types.h"

namespace kshim {

class KunitResources;

// Each as 6.1's function of the same name. alloc: the stream, released with the case's
// resources (ERR_PTR(-ENOMEM) if it cannot be). vadd: 0, or -ENOMEM. get_string: a copy from
// kunit_kzalloc (NULL when that fails). is_empty: nothing added since the stream was made or
// cleared. destroy: clears it (the case's end frees it). Sleep as the stream's gfp allows.
struct KunitStringStream {
    static string_stream *alloc(KunitResources &res, kunit *test, gfp_t gfp);
    static int vadd(string_stream *s, const char *fmt, va_list ap);
    static char *get_string(KunitResources &res, string_stream *s);
    static int append(KunitResources &res, string_stream *s, string_stream *other);
    static bool is_empty(const string_stream *s) { return s->fragments == 0; }
    static void destroy(string_stream *s);
};

}  // namespace kshim
