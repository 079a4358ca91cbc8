// KUnit's runner: a module's suites run when it loads, each case in its own kernel task, KTAP out.
#pragma once

#include <cstdarg>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "kunit/assert.h"
#include "kunit/resource.hpp"
#include "kshim/internal/kunit_types.h"

struct module;

namespace kshim {

class Kernel;
struct Task;

// How the runner runs suites (its options): which cases, list or run, strictness.
struct KunitConfig {
    std::string filter;   // "suite_glob[.case_glob]" as 6.1's kunit.filter_glob; empty: all
    bool list = false;    // print "suite.case" lines (6.1's kunit.action=list) instead of running
    bool strict = false;  // a WARNING, BUG report or leaked object during a case fails it
};

class Kunit {
public:
    explicit Kunit(Kernel &k);
    void configure(const KunitConfig &c) { cfg_ = c; }

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
    // kunit_try_catch_run: tc->try(context) in a new kthread, waited for (300 s at most); if it
    // threw, died or timed out, tc->catch(context) runs here (try_catch.cpp). Process context;
    // sleeps.
    void try_catch_run(kunit_try_catch *tc, void *context);

    // The case's managed memory (kunit_kmalloc_array, kunit_kfree: a block it did not give
    // fails the case), freed with its other resources by cleanup() when the case ends. Sleep as
    // gfp allows.
    void *alloc(kunit *test, size_t n, size_t size, gfp_t gfp, uintptr_t site);
    void free(kunit *test, const void *p);
    void cleanup(kunit *test) { KunitResources::cleanup(test); }   // may sleep
    KunitResources &resources() { return resources_; }
    // kunit_init_test: a fresh struct kunit for a case. Atomic-safe.
    static void init_test(kunit *test, const char *name, char *log);
    // kunit_get_current_test: the case whose own task is running, else nullptr. Atomic-safe.
    kunit *current_test() const;
    // __kunit_fail_current_test: "FILE:LINE: msg" and the running case fails. Atomic-safe.
    void fail_current(const char *file, int line, const char *fmt, va_list ap);
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
    void finish_run(kunit_suite *suite, kunit *test);                  // what the task's end means
    // The hooks Reports calls in a case's task (installed at construction): the task died of
    // a BUG or oops (it ends, the case fails), or called an API kshim lacks (the case skips).
    [[noreturn]] void case_died();
    [[noreturn]] void case_lacks(const char *api);
    // --strict: a report or a leaked object during the case fails it (before: the counts at its start).
    struct Counts {
        unsigned reports = 0;
        size_t live = 0;
    };
    Counts counts() const;
    void check_strict(kunit *test, const Counts &before);
    // A suite the filter selects: the module's own, or (some cases filtered out) a copy with
    // only the selected cases, as 6.1's kunit_filter_suites makes (select.cpp).
    struct SelectedSuite {
        kunit_suite *suite = nullptr;
        std::unique_ptr<kunit_suite> copy;
        std::vector<kunit_case> cases;   // the copy's cases, ending with an empty one
    };
    std::vector<SelectedSuite> select(struct module *mod) const;
    bool case_selected(const kunit_case *c) const;
    void list_module(struct module *mod);    // --list: "suite.case" lines, nothing runs
    bool wait_for(Task *t);                                         // false: it timed out
    void give_up(Task *t, kunit *test);                             // timed out: kill t, fail the case
    void print_stats(const char *prefix, const char *name, const Stats &s);
    void print_result(const char *indent, kunit_status s, size_t n, const char *name,
                      const char *comment);
    void case_exit(kunit_suite *suite, kunit *test);                // suite->exit, then cleanup
    void try_catch_result(kunit_try_catch *tc);                     // 6.1's messages, then catch
    // An expectation failure the runtime reports itself, as KUNIT_FAIL at loc would.
    void fail_at(kunit *test, const kunit_loc &loc, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

    static constexpr unsigned kTaintTest = 18;             // TAINT_TEST ('N')
    static constexpr long kCaseTimeoutSec = 300;            // as 6.1's kunit_test_timeout

    Kernel &k_;
    KunitResources resources_;
    KunitConfig cfg_;
    unsigned failed_suites_ = 0;
    Task *case_task_ = nullptr;    // the running case's own task (current->kunit_test), or none
    Task *thrower_ = nullptr;      // the task throw_case last ended (try_catch_run reads it)
    kunit *case_test_ = nullptr;
};

}  // namespace kshim
