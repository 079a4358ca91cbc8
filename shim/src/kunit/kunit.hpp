// KUnit's runner: a module's suites run when it loads, each case in its own kernel task, KTAP out.
#pragma once

#include <cstdarg>
#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "kunit/assert.h"
#include "kshim/internal/kunit_types.h"

struct module;

namespace kshim {

class Kernel;
struct Task;

class Kunit {
public:
    explicit Kunit(Kernel &k) : k_(k) {}

    // Runs the suites of a module entering the kernel (COMING, before its init, as 6.1's
    // module notifier does), printing KTAP as 6.1's executor and kunit_run_tests do. Returns
    // whether every case passed or skipped. Process context (the insmod task); sleeps.
    bool run_module(struct module *mod);
    // Suites that failed since the kernel started (the runner's exit status). Atomic-safe.
    unsigned failed_suites() const { return failed_suites_; }

    // kunit_do_failed_assertion: prints the check's failure and fails the case; an assertion
    // then ends the case's task (never returns). In the case's task, or one it started.
    void failed(kunit *test, const kunit_loc &loc, kunit_assert_type type, const kunit_assert *a,
                assert_format_t format, const char *fmt, va_list ap);
    // kunit_try_catch_throw: ends the running case's task; the runner cleans up. Never returns.
    [[noreturn]] void throw_case(kunit_try_catch *tc);

    // The case's managed memory (kunit_kmalloc_array, kunit_kfree), freed by cleanup() when
    // the case ends. Sleep as gfp allows.
    void *alloc(kunit *test, size_t n, size_t size, gfp_t gfp, uintptr_t site);
    void free(kunit *test, const void *p, uintptr_t site);
    void cleanup(kunit *test);   // may sleep
    // A case's task body (6.1's kunit_try_run_case): suite->init, the case, suite->exit and
    // cleanup; an assertion or kunit_skip ends the task early. In the case's task; sleeps.
    int case_body(kunit_suite *suite, kunit_case *c, kunit *test);

    // kunit_suite_num_test_cases, kunit_test_case_num (1-based, 0 if absent) and
    // kunit_suite_has_succeeded (failed if suite_init or any case failed; skipped if no case ran
    // but skipped ones). Atomic-safe.
    static size_t num_cases(const kunit_suite *suite);
    static unsigned case_number(const kunit_suite *suite, const kunit_case *c);
    static kunit_status suite_status(const kunit_suite *suite);

private:
    // pass/fail/skip counters, as 6.1's kunit_result_stats.
    struct Stats {
        unsigned long passed = 0, failed = 0, skipped = 0, total = 0;
        void add(kunit_status s);
        void add(const Stats &o);
    };
    // The parts of run_module, all in the runner's task (may sleep).
    bool run_suite(kunit_suite *suite, size_t number);
    void run_cases(kunit_suite *suite);                               // header, cases, suite_exit, stats
    Stats run_case(kunit_suite *suite, kunit_case *c, kunit *test);     // a plain case
    Stats run_params(kunit_suite *suite, kunit_case *c, kunit *test);   // each parameter in turn
    void run_in_task(kunit_suite *suite, kunit_case *c, kunit *test);   // one run, try-catch
    bool wait_for(Task *t);                                         // false: it timed out
    void give_up(Task *t, kunit *test);                             // timed out: kill t, fail the case
    void print_stats(const char *prefix, const char *name, const Stats &s);
    void print_result(const char *indent, kunit_status s, size_t n, const char *name,
                      const char *comment);
    void case_exit(kunit_suite *suite, kunit *test);                // suite->exit, then cleanup
    // An expectation failure the runtime reports itself, as KUNIT_FAIL at loc would.
    void fail_at(kunit *test, const kunit_loc &loc, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

    static constexpr unsigned kTaintTest = 18;             // TAINT_TEST ('N')
    static constexpr long kCaseTimeoutSec = 300;            // as 6.1's kunit_test_timeout

    Kernel &k_;
    std::unordered_map<kunit *, std::vector<void *>> allocs_;   // each case's managed blocks
    unsigned failed_suites_ = 0;
};

}  // namespace kshim
