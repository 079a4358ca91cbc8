// Wait queues, simple wait queues and completions: queueing, wake functions and the waits.
#include <climits>

#include "debug/report.hpp"
#include "kernel.hpp"
#include "locking/locking.hpp"
#include "sched/scheduler.hpp"

#include "linux/completion.h"
#include "linux/sched.h"
#include "linux/swait.h"
#include "linux/wait.h"

namespace kshim {

namespace {

wait_queue_entry *entry_of(list_head *node)
{
    return reinterpret_cast<wait_queue_entry *>(reinterpret_cast<char *>(node) -
                                                offsetof(wait_queue_entry, entry));
}

swait_queue *swaiter_of(list_head *node)
{
    return reinterpret_cast<swait_queue *>(reinterpret_cast<char *>(node) - offsetof(swait_queue, task_list));
}

}  // namespace

void Locking::wake_queue(wait_queue_head *q, unsigned mode, int nr, void *key)
{
    // Every non-exclusive entry, then exclusive ones until nr of them agreed to wake (0: all).
    list_head *pos = q->head.next;
    while (pos != &q->head) {
        list_head *nxt = pos->next;   // the wake function may dequeue the entry
        wait_queue_entry *e = entry_of(pos);
        unsigned flags = e->flags;
        int ret = e->func(e, mode, 0, key);
        if (ret < 0)
            break;
        if (ret && (flags & WQ_FLAG_EXCLUSIVE) && !--nr)
            break;
        pos = nxt;
    }
}

long Locking::wait_for_completion(completion *x, long timeout, unsigned state)
{
    k_.reports().check_might_sleep("kernel/sched/completion.c", 101);
    Task &t = current_task();
    if (!x->done) {
        swait_queue w{};
        w.task = &t.ts;
        INIT_LIST_HEAD(&w.task_list);
        do {
            if (list_empty(&w.task_list))
                list_add_tail(&w.task_list, &x->wait.task_list);
            t.ts.__state = state;
            timeout = k_.sched().schedule_timeout(timeout);
        } while (!x->done && timeout);
        t.ts.__state = TASK_RUNNING;
        if (!list_empty(&w.task_list))
            list_del_init(&w.task_list);
        if (!x->done)
            return timeout;
    }
    if (x->done != UINT_MAX)
        --x->done;
    return timeout ? timeout : 1;
}

void Locking::complete(completion *x, bool all)
{
    if (all)
        x->done = UINT_MAX;
    else if (x->done != UINT_MAX)
        ++x->done;
    while (!list_empty(&x->wait.task_list)) {
        swait_queue *w = swaiter_of(x->wait.task_list.next);
        list_del_init(&w->task_list);
        k_.sched().wake(Task::of(w->task), TASK_NORMAL | TASK_WAKEKILL);
        if (!all)
            break;
    }
}

}  // namespace kshim
