// C API bridges for KUnit (kunit/test.h, kunit/assert.h, kunit/try-catch.h).
#include "kernel.hpp"
#include "kunit/assert.hpp"
#include "kunit/kunit.hpp"
#include "kunit/string_stream.hpp"

#include "linux/kernel.h"
#include "kunit/static_stub.h"
#include "kunit/test-bug.h"
#include "kunit/test.h"

using kshim::Kernel;
using kshim::Kunit;
using kshim::KunitResources;
using kshim::KunitStringStream;

extern "C" {

bool kunit_enabled(void) { return true; }
size_t kunit_suite_num_test_cases(struct kunit_suite *suite) { return Kunit::num_cases(suite); }
unsigned int kunit_test_case_num(struct kunit_suite *suite, struct kunit_case *test_case)
{
    return Kunit::case_number(suite, test_case);
}
enum kunit_status kunit_suite_has_succeeded(struct kunit_suite *suite) { return Kunit::suite_status(suite); }

// An assertion does not come back: its task ends inside failed().
void kunit_do_failed_assertion(struct kunit *test, const struct kunit_loc *loc, enum kunit_assert_type type,
                               const struct kunit_assert *assert, assert_format_t assert_format, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Kernel::get().kunit().failed(test, *loc, type, assert, assert_format, fmt, ap);
    va_end(ap);
}

void kunit_try_catch_throw(struct kunit_try_catch *try_catch) { Kernel::get().kunit().throw_case(try_catch); }
void kunit_try_catch_run(struct kunit_try_catch *try_catch, void *context)
{
    Kernel::get().kunit().try_catch_run(try_catch, context);
}

void *kunit_kmalloc_array(struct kunit *test, size_t n, size_t size, gfp_t gfp)
{
    return Kernel::get().kunit().alloc(test, n, size, gfp, _RET_IP_);
}
void kunit_kfree(struct kunit *test, const void *ptr) { Kernel::get().kunit().free(test, ptr); }
void kunit_cleanup(struct kunit *test) { Kernel::get().kunit().cleanup(test); }
void kunit_init_test(struct kunit *test, const char *name, char *log) { Kunit::init_test(test, name, log); }

struct kunit *kunit_get_current_test(void) { return Kernel::get().kunit().current_test(); }
void __kunit_fail_current_test(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Kernel::get().kunit().fail_current(file, line, fmt, ap);
    va_end(ap);
}

int __kunit_add_resource(struct kunit *test, kunit_resource_init_t init, kunit_resource_free_t free,
                         struct kunit_resource *res, void *data)
{
    return KunitResources::add(test, init, free, res, data);
}
void kunit_remove_resource(struct kunit *test, struct kunit_resource *res) { KunitResources::remove(test, res); }
int kunit_destroy_resource(struct kunit *test, kunit_resource_match_t match, void *match_data)
{
    return KunitResources::destroy(test, match, match_data);
}

int kunit_add_action(struct kunit *test, kunit_action_t *action, void *ctx)
{
    return KunitResources::add_action(test, action, ctx);
}
int kunit_add_action_or_reset(struct kunit *test, kunit_action_t *action, void *ctx)
{
    return KunitResources::add_action_or_reset(test, action, ctx);
}
void kunit_remove_action(struct kunit *test, kunit_action_t *action, void *ctx)
{
    KunitResources::remove_action(test, action, ctx);
}
void kunit_release_action(struct kunit *test, kunit_action_t *action, void *ctx)
{
    KunitResources::release_action(test, action, ctx);
}

void *kunit_get_static_stub_address(struct kunit *test, void *real_fn_addr)
{
    return KunitResources::stub_for(test, real_fn_addr);
}
void __kunit_activate_static_stub(struct kunit *test, void *real_fn_addr, void *replacement_addr)
{
    KunitResources::activate_stub(test, real_fn_addr, replacement_addr);
}
void kunit_deactivate_static_stub(struct kunit *test, void *real_fn_addr)
{
    KunitResources::deactivate_stub(test, real_fn_addr);
}

// kshim keeps no per-test log (6.1 keeps one for debugfs): there is never a buffer to fill.
void kunit_log_append(char *log, const char *fmt, ...)
{
    (void)log;
    (void)fmt;
}

void kunit_assert_prologue(const struct kunit_loc *loc, enum kunit_assert_type type, struct string_stream *stream)
{
    kshim::kunit_prologue(stream->text, *loc, type);
}
void kunit_fail_assert_format(const struct kunit_assert *, const struct va_format *message,
                              struct string_stream *stream)
{
    kshim::kunit_format_fail(stream->text, message);
}
void kunit_unary_assert_format(const struct kunit_assert *assert, const struct va_format *message,
                               struct string_stream *stream)
{
    kshim::kunit_format_unary(stream->text, *reinterpret_cast<const kunit_unary_assert *>(assert), message);
}
void kunit_ptr_not_err_assert_format(const struct kunit_assert *assert, const struct va_format *message,
                                     struct string_stream *stream)
{
    kshim::kunit_format_not_err(stream->text, *reinterpret_cast<const kunit_ptr_not_err_assert *>(assert), message);
}
void kunit_binary_assert_format(const struct kunit_assert *assert, const struct va_format *message,
                                struct string_stream *stream)
{
    kshim::kunit_format_binary(stream->text, *reinterpret_cast<const kunit_binary_assert *>(assert), message);
}
void kunit_binary_ptr_assert_format(const struct kunit_assert *assert, const struct va_format *message,
                                    struct string_stream *stream)
{
    kshim::kunit_format_binary_ptr(stream->text, *reinterpret_cast<const kunit_binary_ptr_assert *>(assert),
                                   message);
}
void kunit_binary_str_assert_format(const struct kunit_assert *assert, const struct va_format *message,
                                    struct string_stream *stream)
{
    kshim::kunit_format_binary_str(stream->text, *reinterpret_cast<const kunit_binary_str_assert *>(assert),
                                   message);
}

void kunit_mem_assert_format(const struct kunit_assert *assert, const struct va_format *message,
                             struct string_stream *stream)
{
    kshim::kunit_format_mem(stream->text, *reinterpret_cast<const kunit_mem_assert *>(assert), message);
}

// 6.1's lib/kunit/string-stream.h (a KUnit-internal header, which string-stream-test.c includes).
struct string_stream *alloc_string_stream(struct kunit *test, gfp_t gfp)
{
    return KunitStringStream::alloc(Kernel::get().kunit().resources(), test, gfp);
}
int string_stream_vadd(struct string_stream *stream, const char *fmt, va_list args)
{
    return KunitStringStream::vadd(stream, fmt, args);
}
int string_stream_add(struct string_stream *stream, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = KunitStringStream::vadd(stream, fmt, ap);
    return va_end(ap), r;
}
char *string_stream_get_string(struct string_stream *stream)
{
    return KunitStringStream::get_string(Kernel::get().kunit().resources(), stream);
}
int string_stream_append(struct string_stream *stream, struct string_stream *other)
{
    return KunitStringStream::append(Kernel::get().kunit().resources(), stream, other);
}
bool string_stream_is_empty(struct string_stream *stream) { return KunitStringStream::is_empty(stream); }
void string_stream_destroy(struct string_stream *stream) { KunitStringStream::destroy(stream); }

}  // extern "C"
