// C API bridges for kernel timers (linux/timer.h).
#include "debug/debugobjects.hpp"
#include "debug/onstack.hpp"
#include "kernel.hpp"
#include "time/timer.hpp"

#include "linux/smp.h"
#include "linux/timer.h"

using kshim::Kernel;

namespace {
kshim::TimerLists &timers() { return Kernel::get().timer_lists(); }
unsigned here() { return kshim_smp_processor_id(); }
}

extern "C" {

void add_timer(struct timer_list *timer) { timers().arm(timer, timer->expires, here()); }
void add_timer_on(struct timer_list *timer, int cpu) { timers().arm(timer, timer->expires, (unsigned)cpu); }
int mod_timer(struct timer_list *timer, unsigned long expires) { return timers().arm(timer, expires, here()); }

int mod_timer_pending(struct timer_list *timer, unsigned long expires) { return timers().rearm_pending(timer, expires, here()); }
int timer_reduce(struct timer_list *timer, unsigned long expires) { return timers().reduce(timer, expires, here()); }

int del_timer(struct timer_list *timer) { return timers().disarm(timer); }
int try_to_del_timer_sync(struct timer_list *timer) { return timers().try_disarm(timer); }
int del_timer_sync(struct timer_list *timer) { return timers().disarm(timer); }

void destroy_timer_on_stack(struct timer_list *timer)
{
    Kernel::get().destroy_on_stack({timer, timer + 1, (uintptr_t)__builtin_return_address(0)});
}

void init_timer_key(struct timer_list *timer, void (*func)(struct timer_list *), unsigned int flags, const char *,
                    struct lock_class_key *)
{
    timers().init(timer, func, flags, (uintptr_t)__builtin_return_address(0));
}

void init_timer_on_stack_key(struct timer_list *timer, void (*func)(struct timer_list *), unsigned int flags,
                             const char *, struct lock_class_key *)
{
    timers().init(timer, func, flags, (uintptr_t)__builtin_return_address(0));
    Kernel::get().register_onstack(timer, sizeof *timer, kshim::OnStackKind::Timer, (uintptr_t)__builtin_return_address(0));
}

}  // extern "C"
