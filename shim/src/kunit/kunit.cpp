// KUnit's runner (6.1's lib/kunit/test.c and try-catch.c behaviour): suites, cases in tasks, KTAP.
#include "kunit/kunit.hpp"

#include <algorithm>
#include <cstdio>

#include "debug/report.hpp"
#include "kernel.hpp"
#include "kthread/kthread.hpp"
#include "kunit/assert.hpp"
#include "mm/memory.hpp"
#include "printk/log.hpp"
#include "sched/scheduler.hpp"

#include "linux/errno.h"
#include "linux/jiffies.h"
#include "linux/kern_levels.h"
#include "linux/module.h"
#include "linux/sched.h"
#include "kunit/test.h"

namespace kshim {

namespace {

// What a case's task needs: handed to it as its kthread data.
struct CaseRun {
    Kunit *self;
    kunit_suite *suite;
    kunit_case *c;
    kunit *test;
};

int case_thread(void *data)
{
    auto *run = static_cast<CaseRun *>(data);
    return run->self->case_body(run->suite, run->c, run->test);
}

}  // namespace

Kunit::Kunit(Kernel &k) : k_(k), resources_(k.mm())
{
    k.reports().set_case_hook({[this] { return current_test() != nullptr; }, [this] { case_died(); },
                               [this](const char *api) { case_lacks(api); }});
}

kunit *Kunit::current_test() const
{
    return case_task_ && k_.sched().running() == case_task_ ? case_test_ : nullptr;
}

void Kunit::case_died()
{
    kunit *test = case_test_;
    test->try_catch.try_result = -EINTR;
    k_.kthreads().exit(-EINTR);
}

void Kunit::case_lacks(const char *api)
{
    kunit *test = case_test_;
    WRITE_ONCE(test->status, KUNIT_SKIPPED);
    snprintf(test->status_comment, KUNIT_STATUS_COMMENT_SIZE, "kshim does not implement %s", api);
    throw_case(&test->try_catch);
}

void Kunit::init_test(kunit *test, const char *name, char *log)
{
    spin_lock_init(&test->lock);
    INIT_LIST_HEAD(&test->resources);
    test->name = name;
    test->log = log;
    if (log)
        log[0] = '\0';
    test->status = KUNIT_SUCCESS;
    test->status_comment[0] = '\0';
}

void Kunit::fail_current(const char *file, int line, const char *fmt, va_list ap)
{
    kunit *test = current_test();
    if (!test)
        return;
    kunit_set_failure(test);
    std::string msg = Reports::message(fmt, ap);
    k_.log().print(KERN_ERR KUNIT_SUBTEST_INDENT "# %s: %s:%d: %s\n", test->name, file, line, msg.c_str());
}

int Kunit::case_body(kunit_suite *suite, kunit_case *c, kunit *test)
{
    int err = suite->init ? suite->init(test) : 0;
    if (err) {
        k_.log().print(KERN_ERR KUNIT_SUBTEST_INDENT "# %s: failed to initialize: %d\n", test->name, err);
        kunit_set_failure(test);
    } else {
        c->run_case(test);
    }
    case_exit(suite, test);
    // The case returned: a throw of its try-catch from a thread it started (an assertion inside
    // kunit_try_catch_run) ended only that thread, and the runner must not finish the case again.
    test->try_catch.try_result = 0;
    return 0;
}

size_t Kunit::num_cases(const kunit_suite *suite)
{
    size_t n = 0;
    for (const kunit_case *c = suite->test_cases; c->run_case; ++c)
        ++n;
    return n;
}

unsigned Kunit::case_number(const kunit_suite *suite, const kunit_case *c)
{
    unsigned i = 1;
    for (const kunit_case *tc = suite->test_cases; tc->run_case; ++tc, ++i)
        if (tc == c)
            return i;
    return 0;
}

kunit_status Kunit::suite_status(const kunit_suite *suite)
{
    if (suite->suite_init_err)
        return KUNIT_FAILURE;
    kunit_status st = KUNIT_SKIPPED;
    for (const kunit_case *c = suite->test_cases; c->run_case; ++c) {
        if (c->status == KUNIT_FAILURE)
            return KUNIT_FAILURE;
        if (c->status == KUNIT_SUCCESS)
            st = KUNIT_SUCCESS;
    }
    return st;
}

void Kunit::Stats::add(kunit_status s)
{
    passed += s == KUNIT_SUCCESS;
    failed += s == KUNIT_FAILURE;
    skipped += s == KUNIT_SKIPPED;
    ++total;
}

void Kunit::Stats::add(const Stats &o)
{
    passed += o.passed;
    failed += o.failed;
    skipped += o.skipped;
    total += o.total;
}

bool Kunit::run_module(struct module *mod)
{
    if (cfg_.list) {
        list_module(mod);
        return true;
    }
    std::vector<SelectedSuite> suites = select(mod);
    if (suites.empty())
        return true;
    // The executor's header (6.1 prints it for built-in suites; kshim runs a module's as its own run).
    k_.log().print(KERN_INFO "KTAP version 1\n");
    k_.log().print(KERN_INFO "1..%zu\n", suites.size());
    bool ok = true;
    for (size_t i = 0; i < suites.size(); ++i)
        ok = run_suite(suites[i].suite, i + 1) && ok;
    return ok;
}

bool Kunit::run_suite(kunit_suite *suite, size_t number)
{
    suite->status_comment[0] = '\0';
    suite->suite_init_err = 0;
    k_.reports().add_taint(kTaintTest);
    // A failed suite_init: its cases do not run, the suite fails.
    if (suite->suite_init && (suite->suite_init_err = suite->suite_init(suite)) != 0)
        k_.log().print(KERN_ERR KUNIT_SUBTEST_INDENT "# %s: " KUNIT_SUBTEST_INDENT "# failed to initialize (%d)\n",
                       suite->name, suite->suite_init_err);
    else
        run_cases(suite);
    kunit_status st = suite_status(suite);
    print_result("", st, number, suite->name, suite->status_comment);
    failed_suites_ += st == KUNIT_FAILURE;
    return st != KUNIT_FAILURE;
}

void Kunit::run_cases(kunit_suite *suite)
{
    k_.log().print(KERN_INFO KUNIT_SUBTEST_INDENT "KTAP version 1\n");
    k_.log().print(KERN_INFO KUNIT_SUBTEST_INDENT "# Subtest: %s\n", suite->name);
    k_.log().print(KERN_INFO KUNIT_SUBTEST_INDENT "1..%zu\n", num_cases(suite));
    Stats cases, params;
    kunit_case *c;
    kunit_suite_for_each_test_case(suite, c) {
        kunit test{};
        c->status = KUNIT_SKIPPED;
        Stats p = c->generate_params ? run_params(suite, c, &test) : run_case(suite, c, &test);
        print_stats(KUNIT_SUBTEST_INDENT, c->name, p);
        print_result(KUNIT_SUBTEST_INDENT, c->status, case_number(suite, c), c->name, test.status_comment);
        cases.add(c->status);
        params.add(p);
    }
    if (suite->suite_exit)
        suite->suite_exit(suite);
    print_stats("", suite->name, cases);
    print_stats("", "Totals", params);
}

Kunit::Stats Kunit::run_case(kunit_suite *suite, kunit_case *c, kunit *test)
{
    Stats s;
    run_in_task(suite, c, test);
    s.add(test->status);
    return s;
}

Kunit::Stats Kunit::run_params(kunit_suite *suite, kunit_case *c, kunit *test)
{
    Stats s;
    char desc[KUNIT_PARAM_DESC_SIZE] = "";
    test->param_value = c->generate_params(nullptr, desc);
    k_.log().print(KERN_INFO KUNIT_SUBTEST_INDENT KUNIT_SUBTEST_INDENT "KTAP version 1\n");
    k_.log().print(KERN_INFO KUNIT_SUBTEST_INDENT KUNIT_SUBTEST_INDENT "# Subtest: %s\n", c->name);
    while (test->param_value) {
        run_in_task(suite, c, test);
        if (desc[0] == '\0')
            snprintf(desc, sizeof desc, "param-%d", test->param_index);
        k_.log().print(KERN_INFO KUNIT_SUBTEST_INDENT KUNIT_SUBTEST_INDENT "%s %d %s\n",
                       kunit_status_to_ok_not_ok(test->status), test->param_index + 1, desc);
        desc[0] = '\0';
        test->param_value = c->generate_params(test->param_value, desc);
        test->param_index++;
        s.add(test->status);
    }
    return s;
}

void Kunit::run_in_task(kunit_suite *suite, kunit_case *c, kunit *test)
{
    init_test(test, c->name, c->log);
    CaseRun run{this, suite, c, test};
    kunit_try_catch &tc = test->try_catch;
    tc = kunit_try_catch{test, nullptr, 0, nullptr, nullptr, &run};
    const Counts before = counts();
    Task *t = k_.kthreads().create(case_thread, &run, "kunit_try_catch_thread", -1);
    case_task_ = t;
    case_test_ = test;
    k_.sched().wake(t, TASK_NORMAL);
    if (!wait_for(t))
        give_up(t, test);
    else
        finish_run(suite, test);
    case_task_ = nullptr;
    case_test_ = nullptr;
    if (cfg_.strict)
        check_strict(test, before);
    // The worst result over the case's parameters.
    if (test->status == KUNIT_FAILURE)
        c->status = KUNIT_FAILURE;
    else if (c->status != KUNIT_FAILURE && test->status == KUNIT_SUCCESS)
        c->status = KUNIT_SUCCESS;
}

void Kunit::finish_run(kunit_suite *suite, kunit *test)
{
    kunit_try_catch &tc = test->try_catch;
    if (tc.try_result == -EFAULT) {
        tc.try_result = 0;   // thrown: the case's business; the runner finishes the case for it
        case_exit(suite, test);
    } else if (tc.try_result == -EINTR) {
        // Its task died of an oops or BUG: later kernels' wording (6.1 waits out its 300 s).
        k_.log().print(KERN_ERR KUNIT_SUBTEST_INDENT "# %s: try faulted\n", test->name);
        k_.log().print(KERN_ERR KUNIT_SUBTEST_INDENT
                       "# %s: internal error occurred preventing test case from running: %d\n",
                       test->name, -EINTR);
        kunit_set_failure(test);
        cleanup(test);   // the resources only: suite->exit is not run, the case's state is unknown
    }
}

Kunit::Counts Kunit::counts() const
{
    Reports &r = k_.reports();
    return {r.bugs() + r.warnings(), k_.mm().live_count()};
}

void Kunit::check_strict(kunit *test, const Counts &before)
{
    const Counts now = counts();
    if (now.reports > before.reports) {
        k_.log().print(KERN_ERR KUNIT_SUBTEST_INDENT "# %s: kshim: %u report(s) during the case (--strict)\n",
                       test->name, now.reports - before.reports);
        kunit_set_failure(test);
    }
    if (now.live > before.live) {
        k_.log().print(KERN_ERR KUNIT_SUBTEST_INDENT "# %s: kshim: %zu object(s) leaked by the case (--strict)\n",
                       test->name, now.live - before.live);
        kunit_set_failure(test);
    }
}

void Kunit::give_up(Task *t, kunit *test)
{
    test->try_catch.try_result = -ETIMEDOUT;
    k_.sched().kill(t);
    k_.log().print(KERN_ERR KUNIT_SUBTEST_INDENT "# %s: try timed out\n", test->name);
    k_.log().print(KERN_ERR KUNIT_SUBTEST_INDENT "# %s: test case timed out\n", test->name);
    kunit_set_failure(test);
    cleanup(test);   // the blocks only: suite->exit is not run, the case's state is unknown
}

bool Kunit::wait_for(Task *t)
{
    Scheduler &s = k_.sched();
    Task *self = s.running();
    long left = kCaseTimeoutSec * HZ;
    while (t->alive() && left > 0) {
        t->exit_waiters.push_back(self);
        self->ts.__state = TASK_UNINTERRUPTIBLE;
        left = s.schedule_timeout(left);
    }
    auto &w = t->exit_waiters;
    w.erase(std::remove(w.begin(), w.end(), self), w.end());
    return !t->alive();
}

void Kunit::case_exit(kunit_suite *suite, kunit *test)
{
    if (suite->exit)
        suite->exit(test);
    cleanup(test);
}

void Kunit::print_stats(const char *prefix, const char *name, const Stats &s)
{
    if (s.total <= 1)   // 6.1's default stats_enabled=1: only for more than one subtest
        return;
    k_.log().print(KERN_INFO "%s# %s: pass:%lu fail:%lu skip:%lu total:%lu\n", prefix, name, s.passed, s.failed,
                   s.skipped, s.total);
}

void Kunit::print_result(const char *indent, kunit_status s, size_t n, const char *name, const char *comment)
{
    bool skip = s == KUNIT_SKIPPED;
    k_.log().print(KERN_INFO "%s%s %zu %s%s%s\n", indent, kunit_status_to_ok_not_ok(s), n, name,
                   skip ? " # SKIP " : "", skip ? comment : "");
}

void Kunit::failed(kunit *test, const kunit_loc &loc, kunit_assert_type type, const kunit_assert *a,
                   assert_format_t format, const char *fmt, va_list ap)
{
    kunit_set_failure(test);
    string_stream s;
    kunit_prologue(s.text, loc, type);
    va_list copy;
    va_copy(copy, ap);
    va_format msg{fmt, &copy};
    format(a, &msg, &s);
    va_end(copy);
    k_.log().print(KERN_ERR KUNIT_SUBTEST_INDENT "# %s: %s", test->name, s.text.c_str());
    if (type == KUNIT_ASSERTION)
        throw_case(&test->try_catch);
}

void Kunit::fail_at(kunit *test, const kunit_loc &loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    static const kunit_fail_assert rec{};
    failed(test, loc, KUNIT_EXPECTATION, &rec.assert, kunit_fail_assert_format, fmt, ap);
    va_end(ap);
}

void Kunit::throw_case(kunit_try_catch *tc)
{
    tc->try_result = -EFAULT;
    thrower_ = k_.sched().running();
    k_.kthreads().exit(-EFAULT);
}

void *Kunit::alloc(kunit *test, size_t n, size_t size, gfp_t gfp, uintptr_t site)
{
    return resources_.alloc(test, n, size, gfp, site);
}

void Kunit::free(kunit *test, const void *p)
{
    if (!p || KunitResources::free(test, p))
        return;
    // As 6.1's kunit_kfree, which fails the case from lib/kunit/test.c.
    static const kunit_loc loc{741, "lib/kunit/test.c"};
    fail_at(test, loc, "kunit_kfree: %px already freed or not allocated by kunit", p);
}

}  // namespace kshim
