// The on-stack object registry: registration at INIT_*_ONSTACK, the frame-end check at switch points and at task exit.
#include "debug/onstack.hpp"

#include <unwind.h>

#include <algorithm>

#include "debug/report.hpp"
#include "kernel.hpp"
#include "sched/scheduler.hpp"
#include "sched/task.hpp"
#include "time/hrtimer.hpp"
#include "time/timer.hpp"
#include "workqueue/workqueue.hpp"

#include "linux/hrtimer.h"
#include "linux/timer.h"
#include "linux/workqueue.h"

namespace kshim {

namespace {

constexpr size_t kMaxFrames = 128;

// The frames of the running task's stack, innermost first: each function's start and its
// canonical frame address, as the unwinder finds them. No allocation.
struct FrameWalk {
    uintptr_t fn[kMaxFrames], cfa[kMaxFrames];
    size_t n = 0;
    uintptr_t want_ip = 0;          // registration: the one frame whose return address this is
    bool found = false;
};

_Unwind_Reason_Code on_frame(_Unwind_Context *ctx, void *arg)
{
    auto &w = *static_cast<FrameWalk *>(arg);
    int before = 0;
    uintptr_t ip = _Unwind_GetIPInfo(ctx, &before);
    if (ip == 0 || w.n == kMaxFrames)
        return _URC_END_OF_STACK;
    if (w.want_ip && ip != w.want_ip)
        return _URC_NO_REASON;
    w.fn[w.n] = _Unwind_GetRegionStart(ctx);
    w.cfa[w.n] = _Unwind_GetCFA(ctx);
    ++w.n;
    w.found = w.want_ip != 0;
    return w.found ? _URC_END_OF_STACK : _URC_NO_REASON;
}

}  // namespace

const void *OnStackObject::timer() const
{
    switch (kind) {
    case OnStackKind::DelayedWork: return &((const delayed_work *)addr)->timer;
    case OnStackKind::Timer:
    case OnStackKind::Hrtimer: return addr;
    case OnStackKind::Work: break;
    }
    return nullptr;
}

OnStackObject *OnStackObjects::add(const void *addr, size_t size, OnStackKind kind, uintptr_t caller)
{
    Task *t = k_.sched().running();
    if (!t)
        return nullptr;
    const TaskInfo i = Scheduler::info(*t);
    if ((uintptr_t)addr < i.stack_lo || (uintptr_t)addr >= i.stack_hi)
        return nullptr;
    OnStackObject *o = nullptr;
    for (auto &p : objs_)
        if (p->addr == addr)
            o = p.get();
    if (!o) {
        objs_.push_back(std::make_unique<OnStackObject>());
        o = objs_.back().get();
        ++t->onstack_objects;
    }
    o->addr = addr;
    o->size = size;
    o->kind = kind;
    o->owner = t;
    FrameWalk w;
    w.want_ip = caller;
    _Unwind_Backtrace(on_frame, &w);
    // A frame the unwinder cannot name is taken to last until the task ends.
    o->frame_fn = w.found ? w.fn[0] : 0;
    o->frame_cfa = w.found ? w.cfa[0] : 0;
    return o;
}

void OnStackObjects::widen(const void *addr, size_t size, OnStackKind kind)
{
    for (auto &p : objs_)
        if (p->addr == addr) {
            p->size = size;
            p->kind = kind;
        }
}

void OnStackObjects::remove(const void *lo, const void *hi)
{
    std::vector<OnStackObject *> gone;
    for (auto &p : objs_)
        if (p->addr >= lo && p->addr < hi)
            gone.push_back(p.get());
    for (OnStackObject *o : gone)
        erase(o);
}

OnStackObject *OnStackObjects::find_work(const work_struct *w)
{
    for (auto &p : objs_)
        if (p->has_work() && p->addr == w)
            return p.get();
    return nullptr;
}

OnStackObject *OnStackObjects::find_timer(const void *t)
{
    for (auto &p : objs_)
        if (p->has_timer() && p->timer() == t)
            return p.get();
    return nullptr;
}

const void *OnStackObjects::object_of(const Timer *t) const
{
    for (auto &p : objs_)
        if (&p->proxy == t)
            return p->timer();
    return nullptr;
}

void OnStackObjects::check(Task &t)
{
    FrameWalk w;
    _Unwind_Backtrace(on_frame, &w);
    std::vector<OnStackObject *> dead;
    for (auto &p : objs_) {
        if (p->owner != &t || !p->frame_fn)
            continue;
        bool live = false;
        for (size_t i = 0; i < w.n && !live; ++i)
            live = w.fn[i] == p->frame_fn && w.cfa[i] == p->frame_cfa;
        if (!live)
            dead.push_back(p.get());
    }
    if (!dead.empty()) [[unlikely]]
        retire(std::move(dead));
}

void OnStackObjects::task_gone(Task &t)
{
    std::vector<OnStackObject *> dead;
    for (auto &p : objs_)
        if (p->owner == &t)
            dead.push_back(p.get());
    retire(std::move(dead));
}

// The objects' memory is gone (their frame returned, or their task ended): what of them is
// still queued or armed is reported as debug_check_no_obj_freed would, and taken off its queue
// without reading the object. Their work items go together, so that two on one list are
// unlinked in one pass.
void OnStackObjects::retire(std::vector<OnStackObject *> dead)
{
    k_.workqueues().retire_dead(dead);
    for (OnStackObject *o : dead) {
        if (o->kind == OnStackKind::Hrtimer)
            k_.hrtimers().retire_dead(*o);
        else if (o->has_timer())
            k_.timer_lists().retire_dead(*o);
        erase(o);
    }
}

// Forgets o; its proxy must not be queued. Atomic-safe.
void OnStackObjects::erase(OnStackObject *o)
{
    k_.timers().del(&o->proxy);
    if (o->owner && o->owner->onstack_objects)
        --o->owner->onstack_objects;
    std::erase_if(objs_, [o](const std::unique_ptr<OnStackObject> &p) { return p.get() == o; });
}

}  // namespace kshim
