// Shared by the workqueue tests: what the work functions saw, the items, and log helpers.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "kshim/testing.hpp"
#include "support/log_match.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/delay.h"
#include "linux/jiffies.h"
#include "linux/sched.h"
#include "linux/smp.h"
#include "linux/timekeeping.h"
#include "linux/workqueue.h"

namespace wqtest {

using kshim::testing::TestKernel;

// What the work functions saw: each run's start/end (ns), CPU and order, and the overlap.
struct Run {
    int id;
    uint64_t start;
    uint64_t end;
    int cpu;
    unsigned long jif;
};

struct Rec {
    std::vector<Run> runs;
    int inside = 0;
    int max_inside = 0;
    int inside_cpu[8] = {};
    int max_inside_cpu = 0;
    int sleep_ms = 0;      // how long each item msleeps
    int busy_ms = 0;       // how long each item busy-waits (mdelay)
    int requeue_left = 0;  // self-requeueing items: how many more times
    bool hide_worker = false;  // items clear PF_WQ_WORKER while they sleep
};
inline Rec rec;

// A work item that knows its own id.
struct Item {
    int id;
    work_struct work;
    delayed_work dwork;
};

inline void note_start(int id)
{
    int cpu = (int)smp_processor_id();
    rec.runs.push_back({id, ktime_get_ns(), 0, cpu, jiffies});
    ++rec.inside;
    rec.max_inside = std::max(rec.max_inside, rec.inside);
    ++rec.inside_cpu[cpu];
    rec.max_inside_cpu = std::max(rec.max_inside_cpu, rec.inside_cpu[cpu]);
}

inline void note_end(size_t idx)
{
    --rec.inside;
    --rec.inside_cpu[rec.runs[idx].cpu];
    rec.runs[idx].end = ktime_get_ns();
}

inline void item_fn(work_struct *w)
{
    Item *it = container_of(w, Item, work);
    size_t idx = rec.runs.size();
    note_start(it->id);
    if (rec.hide_worker)
        get_current()->flags &= ~PF_WQ_WORKER;
    if (rec.sleep_ms)
        msleep(rec.sleep_ms);
    if (rec.hide_worker)
        get_current()->flags |= PF_WQ_WORKER;
    if (rec.busy_ms)
        mdelay(rec.busy_ms);
    note_end(idx);
}

inline void ditem_fn(work_struct *w)
{
    Item *it = container_of(to_delayed_work(w), Item, dwork);
    size_t idx = rec.runs.size();
    note_start(it->id);
    if (rec.sleep_ms)
        msleep(rec.sleep_ms);
    note_end(idx);
}

// Re-queues itself rec.requeue_left more times onto the workqueue it ran from.
inline workqueue_struct *requeue_wq;
inline void requeue_fn(work_struct *w)
{
    size_t idx = rec.runs.size();
    note_start(0);
    msleep(2);
    note_end(idx);
    if (rec.requeue_left > 0) {
        --rec.requeue_left;
        queue_work(requeue_wq, w);
    }
}

inline void drequeue_fn(work_struct *w)
{
    size_t idx = rec.runs.size();
    note_start(0);
    msleep(2);
    note_end(idx);
    if (rec.requeue_left > 0) {
        --rec.requeue_left;
        queue_delayed_work(requeue_wq, to_delayed_work(w), 1);
    }
}

inline std::vector<int> ids()
{
    std::vector<int> out;
    for (const Run &r : rec.runs)
        out.push_back(r.id);
    return out;
}

using kshim_test::count_lines;

inline const uint64_t kMs = 1000000;

using kshim_test::find_line;

}  // namespace wqtest
