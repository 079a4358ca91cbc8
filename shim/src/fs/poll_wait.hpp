// poll_wait's registrations kept beyond one ->poll call (fs/select.c's poll_wqueues): a callback runs when a queue the driver named is woken.
#pragma once

#include <functional>
#include <memory>
#include <vector>

struct poll_table_struct;

namespace kshim {

// A poll_table for ->poll: each poll_wait(file, head, table) adds an entry to head whose wake
// runs `woken` (in the waker's context: it must not sleep; it may be atomic). The entries stay
// until clear() or destruction. Process context, except woken.
class PollWaiters {
public:
    explicit PollWaiters(std::function<void()> woken);
    ~PollWaiters();
    PollWaiters(const PollWaiters &) = delete;
    PollWaiters &operator=(const PollWaiters &) = delete;

    // The table to pass to ->poll; after stop_registering() a poll_wait through it adds nothing
    // (do_poll registers on the first pass only).
    struct poll_table_struct *table();
    void stop_registering();
    // The events the poller asks for (poll_table's _key; all of them unless set).
    void set_events(unsigned key);
    // Removes every entry from its queue.
    void clear();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace kshim
