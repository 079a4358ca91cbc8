// C API bridges for high-resolution timers (linux/hrtimer.h).
#include "debug/debugobjects.hpp"
#include "debug/onstack.hpp"
#include "kernel.hpp"
#include "time/hrtimer.hpp"

#include "linux/hrtimer.h"

using kshim::Kernel;

namespace {
kshim::Hrtimers &hrtimers() { return Kernel::get().hrtimers(); }
}

extern "C" {

void hrtimer_init(struct hrtimer *timer, clockid_t clock_id, enum hrtimer_mode mode)
{
    hrtimers().init(timer, clock_id, mode);
}

void hrtimer_setup(struct hrtimer *timer, enum hrtimer_restart (*function)(struct hrtimer *), clockid_t clock_id,
                   enum hrtimer_mode mode)
{
    hrtimers().init(timer, clock_id, mode);
    timer->function = function;
}

void hrtimer_start_range_ns(struct hrtimer *timer, ktime_t tim, u64 range_ns, const enum hrtimer_mode mode)
{
    hrtimers().start(timer, tim, range_ns, mode);
}

int hrtimer_try_to_cancel(struct hrtimer *timer) { return hrtimers().try_cancel(timer); }
int hrtimer_cancel(struct hrtimer *timer) { return hrtimers().cancel(timer); }
u64 hrtimer_forward(struct hrtimer *timer, ktime_t now, ktime_t interval) { return hrtimers().forward(timer, now, interval); }
bool hrtimer_active(const struct hrtimer *timer) { return kshim::Hrtimers::active(timer); }
ktime_t __hrtimer_get_remaining(const struct hrtimer *timer, bool) { return kshim::Hrtimers::remaining(timer); }

void hrtimer_init_sleeper(struct hrtimer_sleeper *sl, clockid_t clock_id, enum hrtimer_mode mode)
{
    hrtimers().init_sleeper(sl, clock_id, mode);
}
void hrtimer_sleeper_start_expires(struct hrtimer_sleeper *sl, enum hrtimer_mode mode) { hrtimer_start_expires(&sl->timer, mode); }
enum hrtimer_restart kshim_hrtimer_wakeup(struct hrtimer *timer) { return (enum hrtimer_restart)hrtimers().wakeup(timer); }
int schedule_hrtimeout_range_clock(ktime_t *expires, u64 delta, const enum hrtimer_mode mode, clockid_t clock_id)
{
    return hrtimers().sleep(expires, delta, mode, clock_id);
}

void destroy_hrtimer_on_stack(struct hrtimer *timer)
{
    Kernel::get().destroy_on_stack({timer, timer + 1, (uintptr_t)__builtin_return_address(0)});
}

void hrtimer_init_on_stack(struct hrtimer *timer, clockid_t clock_id, enum hrtimer_mode mode)
{
    hrtimers().init(timer, clock_id, mode);
    Kernel::get().register_onstack(timer, sizeof *timer, kshim::OnStackKind::Hrtimer, (uintptr_t)__builtin_return_address(0));
}

void hrtimer_init_sleeper_on_stack(struct hrtimer_sleeper *sl, clockid_t clock_id, enum hrtimer_mode mode)
{
    hrtimers().init_sleeper(sl, clock_id, mode);
    Kernel::get().register_onstack(&sl->timer, sizeof *sl, kshim::OnStackKind::Hrtimer, (uintptr_t)__builtin_return_address(0));
}

}  // extern "C"
