// kunit_try_catch_run (6.1's lib/kunit/try-catch.c behaviour): a function in a kthread an assertion or throw can end.
#include "kernel.hpp"
#include "kthread/kthread.hpp"
#include "kunit/kunit.hpp"
#include "printk/log.hpp"
#include "sched/scheduler.hpp"

#include "linux/errno.h"
#include "linux/kern_levels.h"
#include "linux/sched.h"
#include "kunit/test.h"

namespace kshim {

namespace {

// What the try thread runs: try(context), then it marks that try returned (not thrown, not killed).
struct TryRun {
    kunit_try_catch *tc;
    bool returned = false;
};

int try_thread(void *data)
{
    auto *run = static_cast<TryRun *>(data);
    run->tc->try_fn(run->tc->context);
    run->returned = true;
    return 0;
}

}  // namespace

void Kunit::try_catch_run(kunit_try_catch *tc, void *context)
{
    tc->context = context;
    tc->try_completion = nullptr;
    tc->try_result = 0;
    TryRun run{tc};
    Task *t = k_.kthreads().create(try_thread, &run, "kunit_try_catch_thread", -1);
    if (!t) {   // kthread_create failed: 6.1 calls catch at once
        tc->catch_fn(tc->context);
        return;
    }
    k_.sched().wake(t, TASK_NORMAL);
    if (!wait_for(t)) {
        tc->try_result = -ETIMEDOUT;
        k_.sched().kill(t);
    } else if (!run.returned && tc->try_result == 0) {
        // Thrown through another try-catch (an assertion on the case), or died of an oops.
        tc->try_result = thrower_ == t ? -EFAULT : -EINTR;
    }
    try_catch_result(tc);
}

void Kunit::try_catch_result(kunit_try_catch *tc)
{
    const int code = tc->try_result;
    if (code == 0)
        return;
    const char *name = tc->test ? tc->test->name : "?";
    if (code == -EFAULT)
        tc->try_result = 0;   // thrown: the catch function's business
    else if (code == -EINTR)
        k_.log().print(KERN_ERR KUNIT_SUBTEST_INDENT "# %s: try faulted\n", name);
    else if (code == -ETIMEDOUT)
        k_.log().print(KERN_ERR KUNIT_SUBTEST_INDENT "# %s: try timed out\n", name);
    else
        k_.log().print(KERN_ERR KUNIT_SUBTEST_INDENT "# %s: Unknown error: %d\n", name, code);
    tc->catch_fn(tc->context);
}

}  // namespace kshim
