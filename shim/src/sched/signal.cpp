// Signals to kthreads: allow_signal, sending, the pending set and what it does to interruptible sleeps.
#include "kernel.hpp"
#include "sched/scheduler.hpp"

#include "linux/errno.h"
#include "linux/sched.h"
#include "linux/signal.h"

namespace kshim {

namespace {
uint64_t bit_of(int sig) { return 1ull << (sig - 1); }
bool valid(int sig) { return sig >= 1 && sig <= 64; }
}  // namespace

int Scheduler::send_signal(Task *t, int sig)
{
    if (!valid(sig))
        return -EINVAL;
    if (!(t->sig_allowed & bit_of(sig)) || !t->alive())
        return 0;   // ignored: a kthread's default disposition
    t->sig_pending() |= bit_of(sig);
    wake(t, TASK_INTERRUPTIBLE | (sig == SIGKILL ? TASK_WAKEKILL : 0));
    return 0;
}

void Scheduler::allow_signal(int sig, bool allow)
{
    if (!valid(sig))
        return;
    Task &t = current_or_boot();
    if (allow) {
        t.sig_allowed |= bit_of(sig);
    } else {
        t.sig_allowed &= ~bit_of(sig);
        t.sig_pending() &= ~bit_of(sig);
    }
}

bool Scheduler::signal_pending_state(unsigned state, const Task &t)
{
    if (!(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)) || !signal_pending(t))
        return false;
    return (state & TASK_INTERRUPTIBLE) || signal_has(t, SIGKILL);
}

int Scheduler::dequeue_signal()
{
    Task &t = current_or_boot();
    for (int sig = 1; sig <= 64; ++sig)
        if (signal_has(t, sig)) {
            t.sig_pending() &= ~bit_of(sig);
            return sig;
        }
    return 0;
}

}  // namespace kshim
