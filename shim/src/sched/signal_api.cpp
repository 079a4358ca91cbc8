// C API bridges for signals to tasks (linux/signal.h, linux/sched/signal.h).
#include "kernel.hpp"
#include "sched/scheduler.hpp"

#include "linux/sched/signal.h"

using kshim::Kernel;
using kshim::Scheduler;
using kshim::Task;

extern "C" {

int kshim_signal_pending(struct task_struct *p) { return Scheduler::signal_pending(*Task::of(p)); }
int kshim_signal_has(struct task_struct *p, int sig) { return Scheduler::signal_has(*Task::of(p), sig); }
int send_sig(int sig, struct task_struct *p, int) { return Kernel::get().sched().send_signal(Task::of(p), sig); }
int send_sig_info(int sig, struct kernel_siginfo *, struct task_struct *p) { return Kernel::get().sched().send_signal(Task::of(p), sig); }
void flush_signals(struct task_struct *t) { Task::of(t)->sig_pending() = 0; }
int kernel_dequeue_signal(void) { return Kernel::get().sched().dequeue_signal(); }
void allow_signal(int sig) { Kernel::get().sched().allow_signal(sig, true); }
void disallow_signal(int sig) { Kernel::get().sched().allow_signal(sig, false); }

}  // extern "C"
