// PollWaiters: a poll_table whose poll_wait entries call back on wake-up, removed when the waiter is done.
#include "fs/poll_wait.hpp"

#include "linux/poll.h"
#include "linux/wait.h"

namespace kshim {

struct PollWaiters::Impl {
    poll_table pt;   // first: queue() casts back
    std::function<void()> woken;
    struct Entry {
        wait_queue_entry_t wq;   // first: wake() casts back
        wait_queue_head_t *head;
        Impl *owner;
    };
    std::vector<std::unique_ptr<Entry>> entries;

    static void queue(struct file *, wait_queue_head_t *head, poll_table *pt)
    {
        auto *self = reinterpret_cast<Impl *>(pt);
        auto e = std::make_unique<Entry>();
        init_waitqueue_func_entry(&e->wq, wake);
        e->head = head;
        e->owner = self;
        add_wait_queue(head, &e->wq);
        self->entries.push_back(std::move(e));
    }
    static int wake(wait_queue_entry_t *wq, unsigned, int, void *)
    {
        reinterpret_cast<Entry *>(wq)->owner->woken();
        return 1;
    }
};

PollWaiters::PollWaiters(std::function<void()> woken) : impl_(std::make_unique<Impl>())
{
    impl_->woken = std::move(woken);
    init_poll_funcptr(&impl_->pt, Impl::queue);
    impl_->pt._key = ~(__poll_t)0;
}

PollWaiters::~PollWaiters() { clear(); }

struct poll_table_struct *PollWaiters::table() { return &impl_->pt; }

void PollWaiters::stop_registering() { impl_->pt._qproc = nullptr; }

void PollWaiters::set_events(unsigned key) { impl_->pt._key = (__poll_t)key; }

void PollWaiters::clear()
{
    for (auto &e : impl_->entries)
        remove_wait_queue(e->head, &e->wq);
    impl_->entries.clear();
}

}  // namespace kshim
