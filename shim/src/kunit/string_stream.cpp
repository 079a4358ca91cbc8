// 6.1's KUnit string streams (lib/kunit/string-stream.c behaviour) over the runtime's string_stream.
#include "kunit/string_stream.hpp"

#include <cstring>
#include <new>

#include "printk/strprintf.hpp"
#include "kunit/resource.hpp"

#include "linux/err.h"
#include "linux/errno.h"

namespace kshim {

namespace {

// A stream and what its case must know to copy strings out of it.
struct Stream : string_stream {
    kunit *test;
    gfp_t gfp;
};

void delete_stream(void *p) { delete static_cast<Stream *>(p); }

}  // namespace

string_stream *KunitStringStream::alloc(KunitResources &res, kunit *test, gfp_t gfp)
{
    auto *s = new (std::nothrow) Stream{};
    if (!s)
        return static_cast<string_stream *>(ERR_PTR(-ENOMEM));
    s->test = test;
    s->gfp = gfp;
    if (res.add_action(test, delete_stream, s)) {
        delete s;
        return static_cast<string_stream *>(ERR_PTR(-ENOMEM));
    }
    return s;
}

int KunitStringStream::vadd(string_stream *s, const char *fmt, va_list ap)
{
    s->text += vstrprintf(fmt, ap);
    s->fragments++;
    return 0;
}

char *KunitStringStream::get_string(KunitResources &res, string_stream *s)
{
    auto *st = static_cast<Stream *>(s);
    auto *buf = static_cast<char *>(res.alloc(st->test, 1, s->text.size() + 1, st->gfp, 0));
    if (buf)
        std::memcpy(buf, s->text.c_str(), s->text.size() + 1);
    return buf;
}

int KunitStringStream::append(KunitResources &res, string_stream *s, string_stream *other)
{
    char *text = get_string(res, other);
    if (!text)
        return -ENOMEM;
    s->text += text;
    s->fragments++;
    return 0;
}

void KunitStringStream::destroy(string_stream *s)
{
    s->text.clear();
    s->fragments = 0;
}

}  // namespace kshim
