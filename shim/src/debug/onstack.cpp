// The on-stack object registry: registration at INIT_*_ONSTACK, the frame-end check at switch points and at task exit.
#include "debug/onstack.hpp"

#include <unwind.h>

#include <algorithm>

#include "linux/workqueue.h"

namespace kshim {

namespace {

constexpr size_t kMaxFrames = 128;

// The frames of the running task's stack, innermost first: each one's instruction pointer
// (a return address, except the innermost), its function's start and its canonical frame
// address, as the unwinder finds them. No allocation.
struct FrameWalk {
    uintptr_t ip[kMaxFrames], fn[kMaxFrames], cfa[kMaxFrames];
    size_t n = 0;

    FrameWalk() { _Unwind_Backtrace(on_frame, this); }
    // Where frame i returns to (the next frame's ip), 0 for the outermost.
    uintptr_t ret(size_t i) const { return i + 1 < n ? ip[i + 1] : 0; }

    static _Unwind_Reason_Code on_frame(_Unwind_Context *ctx, void *arg)
    {
        auto &w = *static_cast<FrameWalk *>(arg);
        int before = 0;
        uintptr_t ip = _Unwind_GetIPInfo(ctx, &before);
        if (ip == 0 || w.n == kMaxFrames)
            return _URC_END_OF_STACK;
        w.ip[w.n] = ip;
        w.fn[w.n] = _Unwind_GetRegionStart(ctx);
        w.cfa[w.n] = _Unwind_GetCFA(ctx);
        ++w.n;
        return _URC_NO_REASON;
    }
};

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

OnStackObject *OnStackObjects::add(const void *addr, size_t size, OnStackKind kind, uintptr_t caller,
                                   const void *owner, bool &created)
{
    OnStackObject *o = nullptr;
    for (auto &p : objs_)
        if (p->addr == addr)
            o = p.get();
    created = !o;
    if (!o) {
        objs_.push_back(std::make_unique<OnStackObject>());
        o = objs_.back().get();
    }
    o->addr = addr;
    o->size = size;
    o->kind = kind;
    o->owner = owner;
    // A frame the unwinder cannot name is taken to last until the task ends.
    o->frame_fn = o->frame_cfa = o->frame_ret = 0;
    const FrameWalk w;
    for (size_t i = 0; i < w.n; ++i)
        if (w.ip[i] == caller) {
            o->frame_fn = w.fn[i];
            o->frame_cfa = w.cfa[i];
            o->frame_ret = w.ret(i);
            break;
        }
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

std::vector<OnStackObject *> OnStackObjects::in(const void *lo, const void *hi)
{
    std::vector<OnStackObject *> out;
    for (auto &p : objs_)
        if (p->addr >= lo && p->addr < hi)
            out.push_back(p.get());
    return out;
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

std::vector<OnStackObject *> OnStackObjects::dead_frames(const void *owner)
{
    const FrameWalk w;
    std::vector<OnStackObject *> dead;
    for (auto &p : objs_) {
        if (p->owner != owner || !p->frame_fn)
            continue;
        bool live = false;
        for (size_t i = 0; i < w.n && !live; ++i)
            live = w.fn[i] == p->frame_fn && w.cfa[i] == p->frame_cfa && w.ret(i) == p->frame_ret;
        if (!live)
            dead.push_back(p.get());
    }
    return dead;
}

std::vector<OnStackObject *> OnStackObjects::all_of(const void *owner)
{
    std::vector<OnStackObject *> out;
    for (auto &p : objs_)
        if (p->owner == owner)
            out.push_back(p.get());
    return out;
}

void OnStackObjects::erase(OnStackObject *o)
{
    timers_.del(&o->proxy);
    std::erase_if(objs_, [o](const std::unique_ptr<OnStackObject> &p) { return p.get() == o; });
}

}  // namespace kshim
