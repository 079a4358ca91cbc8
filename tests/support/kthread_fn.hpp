// Test helper: a kthread that runs a C++ function, so a test's lambdas can capture their state.
#pragma once

#include <functional>

#include "linux/kthread.h"

namespace kshim_test {

// The function a kthread runs; must outlive the thread. Its return value is 0.
struct Thread {
    std::function<void()> fn;
    static int run(void *p)
    {
        static_cast<Thread *>(p)->fn();
        return 0;
    }
};

// kthread_run() of t.fn under `name`. May sleep (called from a kernel task).
inline task_struct *start(Thread &t, const char *name) { return kthread_run(&Thread::run, &t, "%s", name); }

}  // namespace kshim_test
