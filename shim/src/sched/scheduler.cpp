// The cooperative scheduler: run queue, fiber switches, sleeping, the main loop and idle handling.
#include "sched/scheduler.hpp"
#include "sched/switch_tail.hpp"
#include <algorithm>
#include <cstring>
#include <tuple>
#include "debug/backtrace.hpp"
#include "debug/report.hpp"
#include "kernel.hpp"
#include "printk/strprintf.hpp"

#include "linux/errno.h"
#include "asm/current.h"
#include "linux/sched.h"
#include "linux/preempt.h"
#include "kshim/internal/preempt_point.h"

namespace ctx = boost::context;

unsigned char kshim_switch_slow = 0;

namespace kshim {

namespace {
constexpr size_t kStackSize = 256 * 1024;

// t is a workqueue worker whose sleeps the workqueue hears of (SleepHook). Atomic-safe.
bool hooked(const Task *t) { return t->sleep_hook && (t->ts.flags & PF_WQ_WORKER); }
}

Scheduler::Scheduler(Kernel &k, unsigned cpus)
    : k_(k), cfg_(k.options().sched), policy_(Policy::make(cfg_, k.options().seed)), points_(policy_ ? cfg_.points : 0),
      cpus_(cpus), holder_(cpus, nullptr), stacks_(kStackSize)
{
    kshim_preempt_points = points_;
    note_pick();
    boot_ = std::make_unique<Task>();
    boot_->kind = TaskKind::Boot;
    boot_->life = Life::Running;
    boot_->ts.kshim = boot_.get();
    boot_->sched = this;
    boot_->ts.pid = 0;
    boot_->ts.flags = PF_KTHREAD;
    std::strcpy(boot_->ts.comm, "swapper/0");
    kshim_current_task = &boot_->ts;
}

Scheduler::~Scheduler()
{
    kshim_current_task = nullptr;
    kshim_preempt_points = 0;
    // Tasks still suspended are abandoned, never unwound: their stacks may hold module frames.
    for (auto &t : tasks_)
        if (t->fiber)
            abandon(t.get());
}

Task *Scheduler::create(TaskKind kind, std::string name, std::function<long()> body)
{
    auto t = std::make_unique<Task>();
    t->kind = kind;
    t->body = std::move(body);
    t->ts.kshim = t.get();
    t->ts.pid = t->ts.tgid = next_pid_++;
    t->ts.__state = TASK_UNINTERRUPTIBLE;
    t->ts.static_prio = t->ts.prio = t->ts.normal_prio = DEFAULT_PRIO;
    t->ts.flags = PF_KTHREAD;
    t->ts.real_parent = t->ts.parent = &boot_->ts;
    std::strncpy(t->ts.comm, name.c_str(), TASK_COMM_LEN - 1);
    // A new task starts on its creator's CPU, where the kernel usually places a fresh kthread.
    t->cpu = current_ ? current_->cpu : 0;
    t->ts.cpu = t->cpu;
    t->timer.fn = &Scheduler::timer_wake;
    t->timer.owner = t.get();
    t->sched = this;
    if (policy_)
        policy_->created(*t);
    tasks_.push_back(std::move(t));
    return tasks_.back().get();
}

void Scheduler::enqueue(Task *t)
{
    t->life = Life::Queued;
    t->rq_next = nullptr;
    int c = t->prio_class;
    if (rq_tail_[c])
        rq_tail_[c]->rq_next = t;
    else
        rq_head_[c] = t;
    rq_tail_[c] = t;
    ++queued_;
}

Task *Scheduler::dequeue()
{
    if (policy_) [[unlikely]]
        return policy_dequeue();
    if (holders_) [[unlikely]]
        return pick_unheld();
    return dequeue_fifo();
}

// dequeue under FIFO with every CPU free: the head of the highest non-empty class. Atomic-safe.
Task *Scheduler::dequeue_fifo()
{
    for (int c = 0; c < 3; ++c) {
        Task *t = rq_head_[c];
        if (!t)
            continue;
        rq_head_[c] = t->rq_next;
        if (!rq_head_[c])
            rq_tail_[c] = nullptr;
        --queued_;
        return t;
    }
    return nullptr;
}

// dequeue while some CPU is held: the first queued task whose CPU is free (or its holder's own).
Task *Scheduler::pick_unheld()
{
    for (int c = 0; c < 3; ++c) {
        Task *prev = nullptr;
        for (Task *t = rq_head_[c]; t; prev = t, t = t->rq_next) {
            Task *h = holder_[t->cpu];
            if (h && h != t)
                continue;
            (prev ? prev->rq_next : rq_head_[c]) = t->rq_next;
            if (rq_tail_[c] == t)
                rq_tail_[c] = prev;
            --queued_;
            return t;
        }
    }
    return nullptr;
}

// Takes t, which is queued, off the run queue (whatever class it sits in). Atomic-safe.
void Scheduler::unlink(Task *t)
{
    for (int c = 0; c < 3; ++c) {
        Task *prev = nullptr;
        for (Task *q = rq_head_[c]; q; prev = q, q = q->rq_next) {
            if (q != t)
                continue;
            (prev ? prev->rq_next : rq_head_[c]) = t->rq_next;
            if (rq_tail_[c] == t)
                rq_tail_[c] = prev;
            --queued_;
            return;
        }
    }
}

// runnable_: the queued tasks that could run now (none whose CPU another task holds in an
// atomic busy wait), in the order FIFO would take them. Atomic-safe.
void Scheduler::collect_runnable()
{
    runnable_.clear();
    for (int c = 0; c < 3; ++c)
        for (Task *q = rq_head_[c]; q; q = q->rq_next)
            if (!holder_[q->cpu] || holder_[q->cpu] == q)
                runnable_.push_back(q);
}

// dequeue under an exploring policy: the policy picks among the runnable tasks, leaving out
// those that gave way at a switch point (need_resched) while any other could run, so that the
// tick and yield() hand the CPU on under every policy. Atomic-safe.
Task *Scheduler::policy_dequeue()
{
    collect_runnable();
    if (runnable_.empty())
        return nullptr;
    if (std::any_of(runnable_.begin(), runnable_.end(), [](Task *q) { return !q->need_resched; }))
        std::erase_if(runnable_, [](Task *q) { return q->need_resched; });
    Task *t = runnable_[runnable_.size() == 1 ? 0 : policy_->pick(runnable_)];
    unlink(t);
    return t;
}

// Should t give way at a switch point under an exploring policy? Always when forced (yield, a
// busy-wait step), when a signal waits or the slice is used up (the tick FIFO also obeys, so
// that a task never starves the rest), else as the policy draws. Atomic-safe.
bool Scheduler::policy_switch(Task *t, bool forced)
{
    if (!queued_)
        return false;
    if (forced || k_.signalled() || k_.clock().now() - t->slice_start >= kSliceNs)
        return true;
    collect_runnable();
    return !runnable_.empty() && policy_->preempt(*t, runnable_);
}

// An enabled preemption point: only a task in preemptible context may be switched here.
void Scheduler::take_preempt_point()
{
    Task *t = current_;
    if (!t || t->preempt_count > 0 || t->irqs_off > 0 || !policy_switch(t, false))
        return;
    t->need_resched = true;   // it gave way: policy_dequeue takes another first
    enqueue(t);
    switch_out(t, k_.clock().now());
}

int Scheduler::wake_up_task(Task *t, unsigned mask)
{
    if (!(points_ & kPointWakeup)) [[likely]]   // no call after the wake-up: no stack frame
        return try_wake(t, mask);
    return wake_then_point(t, mask);
}

// wake_up_task under a policy that takes wakeup preemption points. Any context.
int Scheduler::wake_then_point(Task *t, unsigned mask)
{
    int woke = try_wake(t, mask);
    preempt_point(kPointWakeup);
    return woke;
}

int Scheduler::wake(Task *t, unsigned mask) { return try_wake(t, mask); }

// The common wake-up, of a task asleep in schedule() with no timer armed, is handled here; the
// rest (a timed or busy-waiting sleeper, a task not asleep, the tracer on) goes to wake_slow.
int Scheduler::try_wake(Task *t, unsigned mask)
{
    if (t->life != Life::Sleeping || t->busy_wait || t->timer.pending() || trace_) [[unlikely]]
        return wake_slow(t, mask);
    if (!(t->ts.__state & mask))
        return 0;
    t->ts.__state = TASK_RUNNING;
    t->need_resched = false;   // a sleeper did not give way (policy_dequeue)
    enqueue(t);                // the one place a sleeping task is woken (and wake_slow)
    wake_preempt(t);
    return 1;
}

// Wakeup preemption: the running task on t's CPU should give way at its next chance.
void Scheduler::wake_preempt(Task *t)
{
    if (current_ && current_ != t && current_->cpu == t->cpu)
        current_->need_resched = true;
}

// try_wake's general case. Atomic-safe.
int Scheduler::wake_slow(Task *t, unsigned mask)
{
    if (!t->alive() || !(t->ts.__state & mask))
        return 0;
    t->ts.__state = TASK_RUNNING;
    if (t->life == Life::Sleeping || t->life == Life::Created) {
        if (t->timer.pending() && !t->busy_wait)
            k_.timers().del(&t->timer);
        t->need_resched = false;   // a sleeper did not give way (policy_dequeue)
        if (!t->busy_wait)
            enqueue(t);
        if (trace_) [[unlikely]]
            trace_->woken(*t);
        wake_preempt(t);
    }
    return 1;
}

void Scheduler::timer_wake(Timer *timer)
{
    Task *t = static_cast<Task *>(timer->owner);
    if (t->busy_wait) {
        t->busy_wait = false;
        t->need_resched = false;
        if (t->life == Life::Sleeping)
            t->sched->enqueue(t);
        return;
    }
    t->sched->wake(t, TASK_NORMAL | TASK_PARKED);
}

__attribute__((noinline)) void Scheduler::start_fiber(Task *t)
{
    t->fiber = new ctx::fiber(std::allocator_arg, PooledStack{&stacks_, &t->stack},
                              [this, t](ctx::fiber &&from) -> ctx::fiber {
                                  arrived(nullptr);   // a fresh stack: no fake stack to restore
                                  *save_to_ = std::exchange(slot_of(from), nullptr);   // as jump() does on its way back
                                  long r = t->body();
                                  finish(t, r);
                                  // A task ends on the host, which frees its fiber.
                                  save_to_ = &slot_of(*t->fiber);
                                  jumper_ = t;
                                  fiber_san::leaving(nullptr, host_stack_);   // this stack is done
                                  return std::move(main_ctx_);
                              });
}

// The one place a task starts running (from the host, or straight from the task before it,
// jumper_): a tracing hook on "switched from A to B" goes here. Atomic-safe.
void Scheduler::enter(Task *t, uint64_t now)
{
    occupy(t, now);
    if (!t->fiber) [[unlikely]] {   // its first run (an ended task is never entered)
        start_fiber(t);
        t->started = true;
        t->lockup_since = t->slice_start;
    }
    if (trace_) [[unlikely]]
        trace_->switched_in(*t);
}

// enter()'s stores, all that schedule()'s quick path needs (t has a fiber, the tracer is off):
// t is the running task from now. Atomic-safe.
void Scheduler::occupy(Task *t, uint64_t now)
{
    current_ = t;
    kshim_current_task = &t->ts;
    t->life = Life::Running;
    t->ts.on_cpu = 1;
    t->slice_start = now;
    t->need_resched = false;
    heartbeat_.beat();
}

// t is off its CPU: no task runs until the next enter(). Atomic-safe.
void Scheduler::leave(Task *t)
{
    if (trace_) [[unlikely]]
        trace_->switched_out(*t);
    leave_untraced(t);
}

// leave() without the tracer's hook: the direct path's, where detour_ says the tracer is off.
void Scheduler::leave_untraced(Task *t)
{
    current_ = nullptr;
    kshim_current_task = &boot_->ts;
    t->ts.on_cpu = 0;
}

// Parks the running context (task self, or the host when nullptr) in its slot and resumes
// `to` (nullptr: the host); returns when someone resumes self again, after storing that one's
// context in its slot: the slot the resumer passed as the jump's data (kshim_switch's landing
// does the same), or save_to_ when the resumer's fiber has ended (Boost.Context passes none
// then). ASan is told of each switch; a self that has ended keeps no fake stack.
void Scheduler::jump(Task *self, Task *to)
{
    fcontext_t *mine = &slot_of(self ? *self->fiber : main_ctx_);
    save_to_ = mine;
    jumper_ = self;
    void *fake_stack = nullptr;
    fiber_san::leaving(self && !self->alive() ? nullptr : &fake_stack, stack_of(to));
    fcontext_t target = std::exchange(slot_of(to ? *to->fiber : main_ctx_), nullptr);
    transfer_t from = boost::context::detail::jump_fcontext(target, mine);
    arrived(fake_stack);
    *(from.data ? static_cast<fcontext_t *>(from.data) : save_to_) = from.fctx;
}

// The stack a switch to t (nullptr: the host) lands on, as ASan is told it. Atomic-safe.
fiber_san::Stack Scheduler::stack_of(const Task *t) const
{
    if (!t)
        return host_stack_;
    return {static_cast<const char *>(t->stack.sp) - t->stack.size, t->stack.size};
}

// First thing after a switch lands (ASan builds; nothing otherwise): ASan learns the stack it is
// on, and a switch that came from the host tells the host's stack. Atomic-safe.
void Scheduler::arrived([[maybe_unused]] void *fake_stack)
{
#ifdef KSHIM_ASAN_FIBERS
    fiber_san::Stack from;
    fiber_san::arrived(fake_stack, &from);
    if (!jumper_)
        host_stack_ = from;
#endif
}

// The host runs t until control comes back to it: from t, or from a task t (or one after it)
// switched to directly, or because one of them ended. Host context.
void Scheduler::switch_to(Task *t)
{
    enter(t, k_.clock().now());
    jump(nullptr, t);
    heartbeat_.beat();
    Task *back = jumper_;
    leave(back);
    if (!slot_of(*back->fiber)) {
        delete back->fiber;
        back->fiber = nullptr;
    } else if (!back->alive()) {
        abandon(back);
    }
}

// The task t, which has just left Running at time now, hands its CPU to directly, doing what
// run()'s loop would do between the two: nullptr when the loop must act first (no run() in
// progress, its goal holds, a signal, a timer due: the host fires those) or nothing is queued.
// The common case (direct_clear) is inline; direct_next_slow has the detours. On t.
Task *Scheduler::direct_next(Task *t, uint64_t now)
{
    if (direct_clear(now)) [[likely]]
        return take_next(t);
    if (!queued_)
        return nullptr;
    if (detour_ || poll_countdown_ == 1)
        return direct_next_slow(t, now);
    --poll_countdown_;   // only a timer is due: the host fires it
    leave_untraced(t);
    return nullptr;
}

// direct_next's common case holds: a task is queued, no detour_, no signal poll due, no timer
// due at now. Atomic-safe.
bool Scheduler::direct_clear(uint64_t now) const
{
    return queued_ && !detour_ && poll_countdown_ != 1 && k_.timers().next_expiry() > now;
}

// The direct hand-over once direct_clear holds: t is off its CPU (enter or occupy of the next
// task makes that one current) and the head of the FIFO run queue is next. On t.
Task *Scheduler::take_next(Task *t)
{
    --poll_countdown_;
    t->ts.on_cpu = 0;   // the rest of leave()
    return dequeue_fifo();
}

// direct_next when detour_ is set or the signal poll is due: every test spelled out. On t.
Task *Scheduler::direct_next_slow(Task *t, uint64_t now)
{
    if (!done_)
        return nullptr;
    leave(t);
    maybe_poll_signal();
    if (k_.signalled() || k_.timers().next_expiry() <= now || (*done_)())
        return nullptr;
    return dequeue();
}

// t (queued or sleeping) gives up its CPU: straight to the next task when it can, else to the
// host. A sleeping task may be resumed briefly to dump its own stack (dump_stack_of); it then
// goes back to the one that asked.
void Scheduler::switch_out(Task *t, uint64_t now)
{
    switch_to_next(t, pick_next(t, now), now);
}

// switch_out's first half: the checks due as t leaves its CPU, then the task it hands the CPU
// to directly (direct_next). On t.
Task *Scheduler::pick_next(Task *t, uint64_t now)
{
    if (t->onstack_objects) [[unlikely]]   // debugobjects: on-stack objects whose frame has ended
        k_.check_onstack(*t);
    return direct_next(t, now);
}

// switch_out's second half: t gives its CPU to next (the host when nullptr) or, when next is t,
// goes on itself. May sleep.
void Scheduler::switch_to_next(Task *t, Task *next, uint64_t now)
{
    if (next == t) {   // a policy picked t again: it goes on
        enter(t, now);
        return;
    }
    if (next) {
        enter(next, now);
        jump(t, next);
    } else {
        jump(t, nullptr);
    }
    serve_dumps(t);
}

// t was resumed to dump its own stack (dump_stack_of): it does, and goes back to the one that
// asked, until no request is left. On t.
void Scheduler::serve_dumps(Task *t)
{
    while (t->dump_request) {
        t->dump = capture_backtrace(0);
        t->dump_request = false;
        jump(t, dumper_);
    }
}

void Scheduler::landed() { serve_dumps(current_); }

void Scheduler::abandon(Task *t)
{
    // The fiber object would unwind the stack in its destructor; leak it and recycle the stack.
    t->fiber = nullptr;
    stacks_.put(t->stack);
    t->stack = {};
}

void Scheduler::finish(Task *t, long result)
{
    if (t->locks_held && exit_check_) [[unlikely]]
        exit_check_(*t);
    t->result = result;
    t->ts.exit_code = (int)result;
    t->ts.__state = TASK_DEAD;
    t->life = Life::Exited;
    k_.timers().del(&t->timer);
    if (t->onstack_objects) [[unlikely]]
        k_.onstack_task_gone(*t, true);
    for (Task *w : t->exit_waiters)
        wake(w, TASK_NORMAL);
    t->exit_waiters.clear();
}

void Scheduler::exit_current(long result)
{
    Task *t = current_;
    finish(t, result);
    jump(t, nullptr);
    __builtin_unreachable();
}

void Scheduler::kill(Task *t)
{
    if (!t->alive())
        return;
    k_.timers().del(&t->timer);
    if (t->life == Life::Queued)
        unlink(t);
    if (holder_[t->cpu] == t)   // killed in an atomic busy-wait: its CPU is free again
        release_cpu(t->cpu);
    t->life = Life::Killed;
    t->ts.__state = TASK_DEAD;
    if (t->onstack_objects) [[unlikely]]
        k_.onstack_task_gone(*t, false);
    if (t->fiber)
        abandon(t);
}

// The common case, a task handing its CPU straight to the next queued one under FIFO, takes
// the first branch: only tests, stores and the switch, no call (so no stack frame) but the
// tail call of kshim_switch. Whatever it does not cover, it leaves to the general path before
// changing anything (schedule_general), or once t has left Running, at the point it stopped
// (schedule_after_prepare, switch_to_picked): the same steps in the same order. May sleep.
void Scheduler::schedule()
{
#ifdef KSHIM_TAIL_SWITCH
    Task *t = current_;
    if (t && quick_ready(t)) [[likely]] {
        const uint64_t now = k_.clock().now();
        note_left(t, now, t->ts.__state != TASK_RUNNING);
        if (t->onstack_objects || !direct_clear(now)) [[unlikely]]   // pick_next's checks
            return schedule_after_prepare(t, now);
        Task *next = take_next(t);
        if (!next || next == t || !next->fiber) [[unlikely]]
            return switch_to_picked(t, next, now);
        occupy(next, now);
        return kshim_switch(std::exchange(slot_of(*next->fiber), nullptr), &slot_of(*t->fiber));
    }
#endif
    schedule_general();
}

// t may take schedule()'s quick path: not atomic (the general path reports that), no
// workqueue sleep hook, no pending signal to weigh, virtual time (real time reads the clock
// with a call), and khungtaskd's next check needs nothing from t's sleep. Atomic-safe.
bool Scheduler::quick_ready(const Task *t) const
{
    return !hooked(t) && t->preempt_count <= 0 && t->irqs_off <= 0 && !t->sig_pending() &&
           k_.clock().mode() == TimeMode::Virtual &&
           !(hung_next_ == UINT64_MAX && t->ts.__state == TASK_UNINTERRUPTIBLE && k_.options().hung_timeout_ns);
}

// schedule() in full, on the running task. May sleep.
void Scheduler::schedule_general()
{
    Task *t = current_;
    if (!t) [[unlikely]]
        k_.reports().fatal_outside_task("schedule");
#ifdef KSHIM_TAIL_SWITCH
    // The direct switch to another task ends this function as a tail call, so that the task
    // resumes straight in schedule()'s caller (sched/switch_x86_64.S). A workqueue worker's
    // sleep hook must hear of its return, so it takes do_schedule.
    if (!hooked(t)) [[likely]]
        return schedule_after_prepare(t, schedule_prepare(t));
#endif
    do_schedule(t);
}

#ifdef KSHIM_TAIL_SWITCH
// schedule()'s second half after t left Running at now: pick the next task, then switch.
// May sleep.
void Scheduler::schedule_after_prepare(Task *t, uint64_t now)
{
    switch_to_picked(t, pick_next(t, now), now);
}

// schedule()'s end once next is picked: a direct switch to another task ends as a tail call
// of kshim_switch; none (to the host) or t itself is switch_to_next's. May sleep.
void Scheduler::switch_to_picked(Task *t, Task *next, uint64_t now)
{
    if (!next || next == t) [[unlikely]]
        return switch_to_next(t, next, now);
    // A fresh task's entry finds its resumer's slot in save_to_ (start_fiber); a task
    // resumed in kshim_switch gets it as the jump's data. jumper_ is only the host's.
    if (!next->fiber) [[unlikely]]
        save_to_ = &slot_of(*t->fiber);
    enter(next, now);
    return kshim_switch(std::exchange(slot_of(*next->fiber), nullptr), &slot_of(*t->fiber));
}
#endif

// schedule() on the running task t. May sleep.
void Scheduler::do_schedule(Task *t)
{
    const uint64_t now = schedule_prepare(t);
    switch_out(t, now);
    if (hooked(t))
        t->sleep_hook->running(t);
}

// schedule()'s first half on t: the atomic check, then t is queued again or marked asleep.
// Returns the time it left. On t.
uint64_t Scheduler::schedule_prepare(Task *t)
{
    if (t->preempt_count > 0 || t->irqs_off > 0) [[unlikely]]
        k_.reports().scheduling_while_atomic(info(*t));
    // As __schedule: a pending signal keeps an interruptible (or killable) sleeper running.
    if (t->ts.__state != TASK_RUNNING && t->sig_pending() && signal_pending_state(t->ts.__state, *t)) [[unlikely]]
        t->ts.__state = TASK_RUNNING;
    bool sleeps = t->ts.__state != TASK_RUNNING;
    const uint64_t now = k_.clock().now();
    note_left(t, now, sleeps);
    if (sleeps) {
        // A finite hung_next_ is the due time of a task that blocked earlier, never later than
        // t's: only an empty one needs t's (which spares the division on every sleep).
        if (hung_next_ == UINT64_MAX && t->ts.__state == TASK_UNINTERRUPTIBLE && k_.options().hung_timeout_ns)
            hung_next_ = hung_due(*t);
        // As Linux's sched_submit_work: only a task still flagged as a workqueue worker.
        if (hooked(t))
            t->sleep_hook->sleeping(t);
    }
    return now;
}

// t leaves Running at now: queued again, or asleep (sleeps). On t.
void Scheduler::note_left(Task *t, uint64_t now, bool sleeps)
{
    t->lockup_since = now;
    if (!sleeps) {
        enqueue(t);
    } else {
        t->life = Life::Sleeping;
        t->blocked_since = now;
        t->hung_reported = false;
    }
}

long Scheduler::schedule_timeout(long timeout)
{
    Task *t = current_;
    if (!t)
        k_.reports().fatal_outside_task("schedule_timeout");
    if (timeout == MAX_SCHEDULE_TIMEOUT) {
        do_schedule(t);
        return timeout;
    }
    if (timeout < 0) {
        k_.reports().error_with_stack(strprintf("schedule_timeout: wrong timeout value %lx\n", timeout));
        t->ts.__state = TASK_RUNNING;
        return 0;
    }
    Clock &clk = k_.clock();
    unsigned long now_j = clk.jiffies();
    unsigned long expire = now_j + (unsigned long)timeout;
    unsigned long fire = wheel_fire_jiffy(expire, now_j);
    k_.timers().add(&t->timer, Clock::ns_of_jiffy(fire));
    do_schedule(t);
    k_.timers().del(&t->timer);
    long left = (long)(expire - clk.jiffies());
    return left < 0 ? 0 : left;
}

void Scheduler::sleep_until(uint64_t ns, unsigned state)
{
    Task *t = current_;
    if (!t)
        k_.reports().fatal_outside_task("sleep");
    t->ts.__state = state;
    k_.timers().add(&t->timer, ns);
    do_schedule(t);
    k_.timers().del(&t->timer);
}

void Scheduler::busy_wait_until(uint64_t ns)
{
    Task *t = current_;
    if (!t) {
        k_.clock().advance_to(ns);
        return;
    }
    // Busy in atomic context (softirq, hardirq, preemption or irqs off), a task keeps its CPU:
    // no other task runs there until the wait ends.
    const bool holds = (t->preempt_count > 0 || t->irqs_off > 0) && !holder_[t->cpu];
    if (holds)
        hold_cpu(t);
    t->busy_wait = true;
    t->life = Life::Sleeping;
    k_.timers().add(&t->timer, ns);
    switch_out(t, k_.clock().now());
    if (holds)
        release_cpu(t->cpu);
    check_softlockup(t);
}

bool Scheduler::should_preempt(const Task *t) const
{
    if (!queued_)
        return false;
    if (t->need_resched)
        return true;
    for (int c = 0; c < t->prio_class; ++c)
        if (rq_head_[c])
            return true;
    for (int c = 0; c < 3; ++c)
        for (Task *q = rq_head_[c]; q; q = q->rq_next)
            if (q->cpu != t->cpu)
                return true;
    return k_.clock().now() - t->slice_start >= kSliceNs;
}

void Scheduler::voluntary_point(bool force_yield, bool relax)
{
    Task *t = current_;
    if (!t)
        return;
    heartbeat_.beat();
    Clock &clk = k_.clock();
    if (clk.mode() == TimeMode::Virtual)
        clk.skip(kBusyChargeNs);
    if (relax)
        check_softlockup(t);
    else
        t->lockup_since = clk.now();
    k_.timers().run_expired(clk.now());
    maybe_poll_signal();
    // A pending SIGINT/SIGTERM goes to the run loop's caller even if nothing else would run.
    // The exploring policies may switch here whenever another task is queued.
    bool give_way = policy_ ? policy_switch(t, force_yield || relax)
                            : force_yield ? queued_ > 0 : should_preempt(t) || k_.signalled();
    if (give_way) {
        if (policy_)
            t->need_resched = true;   // it gave way: policy_dequeue takes another first
        enqueue(t);
        switch_out(t, clk.now());
    }
}

// Reads the runner's signalfd every kSignalPollEvery switches or voluntary points, so that
// Ctrl-C works while tasks keep the CPU busy. Atomic-safe.
void Scheduler::maybe_poll_signal()
{
    if (--poll_countdown_ == 0) {
        poll_countdown_ = kSignalPollEvery;
        k_.poll_signal();
    }
}

// The soft-lockup watchdog's check, per task where Linux's is per CPU: t has busy-waited
// (udelay, cpu_relax) without sleeping or scheduling for more than the threshold, in whole
// seconds as kernel/watchdog.c counts them. The report names t and its stack; then the run
// ends, since t would spin on. Called on t's own fiber.
void Scheduler::check_softlockup(Task *t)
{
    const uint64_t thresh_s = k_.options().softlockup_thresh_ns / kNsecPerSec;
    const uint64_t spun_s = (k_.clock().now() - t->lockup_since) / kNsecPerSec;
    if (!thresh_s || spun_s <= thresh_s) [[likely]]
        return;
    report_soft_lockup(k_, info(*t), spun_s, capture_backtrace(1), false);
    k_.end_run(strprintf("kshim: end of run: %s:%d busy-waited for %llus without sleeping or scheduling",
                         t->comm(), t->pid(), (unsigned long long)spun_s), 1);
}

// t keeps its CPU in an atomic busy wait: no other task runs there (pick_unheld). Atomic-safe.
void Scheduler::hold_cpu(Task *t)
{
    holder_[t->cpu] = t;
    ++holders_;
    note_pick();
}

// The busy wait holding cpu is over. Atomic-safe.
void Scheduler::release_cpu(unsigned cpu)
{
    holder_[cpu] = nullptr;
    --holders_;
    note_pick();
}

void Scheduler::call_on_cpu(unsigned cpu, void (*func)(void *), void *info)
{
    Task &t = current_ ? *current_ : *boot_;
    unsigned saved = t.cpu;
    t.cpu = cpu;
    ++t.preempt_count;
    func(info);
    --t.preempt_count;
    t.cpu = saved;
}

bool Scheduler::call_on_host_as(Task &t, void (*func)(void *), void *info)
{
    if (current_ || host_as_ || holder_[t.cpu])
        return false;
    host_as_ = &t;
    func(info);
    host_as_ = nullptr;
    return true;
}

bool Scheduler::quiescent() const
{
    if (queued_ || k_.timers().size())
        return false;
    for (auto &t : tasks_)
        if (t->alive() && t->life != Life::Created && !t->idle_daemon)
            return false;
    return true;
}

RunResult Scheduler::run_until(std::optional<uint64_t> deadline)
{
    return run_goal({[](const void *) { return false; }, nullptr, true}, deadline);
}

RunResult Scheduler::run_until_quiescent(std::optional<uint64_t> deadline)
{
    return run_goal({[](const void *s) { return static_cast<const Scheduler *>(s)->quiescent(); }, this, true}, deadline);
}

RunResult Scheduler::run_goal(RunGoal done, std::optional<uint64_t> deadline)
{
    const RunGoal *outer = done_;
    done_ = &done;
    set_detour(kDetourNoRun, false);
    set_detour(kDetourGoal, !done.false_while_queued);
    RunResult r = run_loop(done, deadline);
    done_ = outer;
    set_detour(kDetourNoRun, !outer);
    set_detour(kDetourGoal, outer && !outer->false_while_queued);
    return r;
}

// run()'s main loop. Tasks also switch to each other directly (direct_next) while done() does
// not hold, no signal waits and no timer is due; what comes back here is the rest. Host.
RunResult Scheduler::run_loop(RunGoal done, const std::optional<uint64_t> &deadline)
{
    Clock &clk = k_.clock();
    for (;;) {
        // The caller's goal comes first, then a pending SIGINT/SIGTERM.
        if (done())
            return RunResult::Done;
        if (k_.signalled())
            return RunResult::Signal;
        heartbeat_.beat();
        // Timers that are due fire before anything else runs at this instant.
        k_.timers().run_expired(clk.now());
        // A runnable task: run it until it switches back.
        if (Task *t = dequeue()) {
            switch_to(t);
            maybe_poll_signal();
            continue;
        }
        // Nothing runnable: move the clock to the next timer, or stop.
        bool progressed = false;
        RunResult r = idle(deadline, progressed);
        if (!progressed)
            return r;
    }
}

// Nothing is runnable: moves the clock to the next event (a timer, khungtaskd's next check
// that finds someone, or the deadline) and says whether anything may still happen. Without a
// timer, a deadline or a due check, nothing ever will: Idle, and the caller decides (the runner
// goes on to rmmod; a blocked insmod or rmmod is a deadlock). Host context.
RunResult Scheduler::idle(const std::optional<uint64_t> &deadline, bool &progressed)
{
    Clock &clk = k_.clock();
    Timer *next = k_.timers().top();
    // khungtaskd counts only while time passes for a reason (a timer, the deadline): with
    // neither, nothing could wake the task, and the caller reports a deadlock instead.
    const bool with_hung = next || deadline;
    const uint64_t check = next_check(with_hung);
    const uint64_t event = next ? next->expires : deadline ? *deadline : UINT64_MAX;
    if (host_wait_) {   // a --user program on the host: virtual time waits for it
        std::optional<uint64_t> until;
        if (clk.mode() == TimeMode::Real)
            until = std::min(check, event);   // UINT64_MAX: nothing else will happen
        if (host_wait_(until)) {
            progressed = true;
            return RunResult::Idle;
        }
    }
    if (check < event && (!deadline || check <= *deadline)) {
        if (!wait_until(check))
            return cut_short(progressed);
        run_checks(check, with_hung);
        progressed = true;
        return RunResult::Idle;
    }
    if (!next) {
        if (!deadline)
            return RunResult::Idle;
        if (!wait_until(*deadline))
            return cut_short(progressed);
        // Virtual time had nothing to wait for; real time waited for the deadline.
        return clk.mode() == TimeMode::Real ? RunResult::Deadline : RunResult::Idle;
    }
    if (deadline && next->expires > *deadline)
        return wait_until(*deadline) ? RunResult::Deadline : cut_short(progressed);
    if (!wait_until(next->expires))
        return cut_short(progressed);
    progressed = true;
    return RunResult::Idle;
}

// The clock to ns, the kernel thread marked idle meanwhile (the host watchdog expects no beat);
// false if a signal cut a real-time wait short (then read, so the run sees it). Host context.
bool Scheduler::wait_until(uint64_t ns)
{
    k_.console_flush_if_real();
    set_idle_wait(true);
    bool reached = k_.clock().advance_to(ns);
    set_idle_wait(false);
    if (!reached && k_.clock().take_io_wake()) {
        io_serve_();   // host I/O (may wake tasks): the run goes on
        io_served_ = true;
    } else if (!reached) {
        k_.poll_signal();
        k_.note_signal();
    }
    return reached;
}

// What an idle wait that ended early means: host I/O was served (the run goes on), or a signal.
RunResult Scheduler::cut_short(bool &progressed)
{
    if (!io_served_)
        return RunResult::Signal;
    io_served_ = false;
    progressed = true;
    return RunResult::Idle;
}

void Scheduler::set_io_source(int fd, std::function<void()> serve)
{
    io_serve_ = std::move(serve);
    k_.clock().set_io_fd(fd);
}

// The earliest check of an IdleWatch (and of khungtaskd if with_hung) that would report
// something. Host context.
uint64_t Scheduler::next_check(bool with_hung)
{
    uint64_t at = with_hung ? hung_next_ : UINT64_MAX;
    for (IdleWatch *w : watches_)
        at = std::min(at, w->next_check());
    return at;
}

// The checks due at `at`, where the clock is (khungtaskd's if with_hung). Host context.
void Scheduler::run_checks(uint64_t at, bool with_hung)
{
    if (with_hung && hung_next_ <= at)
        report_hung_tasks(at);
    for (IdleWatch *w : watches_)
        if (w->next_check() <= at)
            w->check(at);
}

void Scheduler::add_idle_watch(IdleWatch *w) { watches_.push_back(w); }

void Scheduler::remove_idle_watch(IdleWatch *w) { std::erase(watches_, w); }

// A task khungtaskd looks at: blocked in TASK_UNINTERRUPTIBLE proper (TASK_KILLABLE and
// TASK_IDLE are skipped, as 6.1 does), having run once. Atomic-safe.
static bool hung_candidate(const Task &t)
{
    return t.alive() && t.started && t.life == Life::Sleeping && !t.busy_wait &&
           t.ts.__state == TASK_UNINTERRUPTIBLE && !t.hung_reported;
}

// khungtaskd checks every hung_timeout from boot; a task blocked across a whole period (from
// before one check to the next) is reported. When a D-sleeper's report falls due. Atomic-safe.
uint64_t Scheduler::hung_due(const Task &t) const
{
    const uint64_t T = k_.options().hung_timeout_ns;
    return (t.blocked_since / T + 2) * T;
}

// khungtaskd's check at time `at`: reports every task due by then, then finds the next check
// that will report someone. Host context.
void Scheduler::report_hung_tasks(uint64_t at)
{
    hung_next_ = UINT64_MAX;
    for (auto &t : tasks_) {
        if (!hung_candidate(*t))
            continue;
        if (hung_due(*t) <= at) {
            t->hung_reported = true;
            report_hung(t.get());
        } else {
            hung_next_ = std::min(hung_next_, hung_due(*t));
        }
    }
}

TaskInfo Scheduler::info(const Task &t)
{
    TaskInfo i;
    i.cpu = t.cpu;
    i.pid = t.ts.pid;
    i.comm = t.ts.comm;
    i.preempt_count = t.preempt_count;
    i.irqs_off = t.irqs_off;
    i.is_task = t.kind != TaskKind::Boot;
    if (t.stack.sp) {
        i.stack_hi = (uintptr_t)t.stack.sp;
        i.stack_lo = i.stack_hi - t.stack.size;
    }
    std::tie(i.guard_lo, i.guard_hi) = StackPool::guard_range(t.stack);
    return i;
}

void Scheduler::report_hung(Task *t) { k_.reports().hung_task(info(*t), dump_stack_of(t), k_.options().hung_timeout_ns / kNsecPerSec); }

std::vector<uintptr_t> Scheduler::dump_stack_of(Task *t)
{
    if (!t->fiber || t == current_)
        return {};
    Life saved = t->life;
    Task *self = current_;   // the host, or a task asking
    t->dump_request = true;
    dumper_ = self;
    current_ = t;
    kshim_current_task = &t->ts;
    kshim_switch_slow = 1;   // t may be parked in kshim_switch: its landing serves the dump
    jump(self, t);
    kshim_switch_slow = 0;
    current_ = self;
    kshim_current_task = self ? &self->ts : &boot_->ts;
    t->life = saved;
    return std::move(t->dump);
}

// --- the sched C API's policies ----------------------------------------------------------------

void Scheduler::call_on_each_cpu(void (*func)(void *), void *info)
{
    for (unsigned c = 0; c < cpus_; ++c)
        call_on_cpu(c, func, info);
}

void Scheduler::set_nice(Task *t, long nice)
{
    t->ts.static_prio = t->ts.prio = t->ts.normal_prio = (int)NICE_TO_PRIO(nice);
    t->prio_class = nice < 0 ? 0 : nice > 0 ? 2 : 1;
}

void Scheduler::set_policy(Task *t, int policy)
{
    t->ts.policy = (unsigned)policy;
    t->prio_class = policy ? 0 : 1;
}

void Scheduler::set_normal(Task *t, long nice)
{
    t->ts.policy = 0;
    set_nice(t, nice);
}

Task *Scheduler::find_by_pid(int pid) const
{
    for (auto &t : tasks_)
        if (t->ts.pid == pid && t->alive())
            return t.get();
    return nullptr;
}

unsigned long Scheduler::irq_save()
{
    Task &t = current_or_boot();
    unsigned long was = t.irqs_off > 0;
    ++t.irqs_off;
    return was;
}

void Scheduler::irq_restore(unsigned long flags)
{
    Task &t = current_or_boot();
    if (!flags && t.irqs_off > 0)
        note_irqs_on(t, true);
    if (t.irqs_off > 0)
        --t.irqs_off;
    if (!flags)
        t.irqs_off = 0;
}

void Scheduler::irq_enable()
{
    Task &t = current_or_boot();
    if (t.irqs_off > 0)
        note_irqs_on(t, true);
    t.irqs_off = 0;
}

}  // namespace kshim
