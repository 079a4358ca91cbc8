// Private to the workqueue: the encoding of work_struct::data, shared by its source files.
#pragma once

#include "workqueue/workqueue.hpp"

#include <cstdint>

#include "linux/workqueue.h"

namespace kshim {

constexpr unsigned long kPoolShift = WORK_OFFQ_POOL_SHIFT;
constexpr unsigned long kFlagMask = (1ul << WORK_STRUCT_FLAG_BITS) - 1;

// All atomic-safe: plain reads and writes of the item's data word.
inline unsigned long long &data_of(work_struct *w) { return *reinterpret_cast<unsigned long long *>(&w->data.counter); }
inline bool is_pending(work_struct *w) { return data_of(w) & WORK_STRUCT_PENDING; }
inline bool is_queued(work_struct *w) { return data_of(w) & WORK_STRUCT_PWQ; }
inline Pwq *pwq_of(work_struct *w) { return reinterpret_cast<Pwq *>(data_of(w) & ~kFlagMask); }
inline unsigned color_of(work_struct *w) { return (unsigned)(data_of(w) >> WORK_STRUCT_COLOR_SHIFT) & 15; }
inline int last_pool_of(work_struct *w) { return (int)(data_of(w) >> kPoolShift) - 1; }

// A work item's state, as its data word and the list it is on tell it. Every valid combination:
//
//   state            PENDING PWQ INACTIVE CANCELING  where the item is
//   idle                0     0     0        0       on no list; data keeps the last pool's id
//   timer armed         1     0     0        0       its delayed_work timer is armed
//   RCU waiting         1     0     0        0       on rcu_pending_, until a grace period ends
//   (grabbed)           1     0     0        0       owned by a canceller or mod_delayed_work
//   queued active       1     1     0     (color)    on its pool's worklist or a worker's
//                                                    scheduled list
//   queued inactive     1     1     1     (color)    on its pwq's inactive list (max_active)
//   canceling           1     0     0        1       cancel_work_sync waits for its last run
//   running          any of the above                a worker's current_work; a running item
//                                                    may be queued again while it runs
//
// While PWQ is set, bits 4-7 hold the flush color (CANCELING is one of them); off queue, the
// last pool's id + 1 sits above the flag bits. WorkState names what the data word alone shows
// (timer armed, RCU waiting and grabbed are all Owned). The allowed transitions:
//
//   Idle           -> Owned           queue_work*, queue_delayed_work*, queue_rcu_work take the
//                                     pending bit; grab_pending takes an idle item
//   Owned          -> QueuedActive    insert: queued at once, on timer expiry, after the grace
//                  -> QueuedInactive  period (inactive while the pwq has max_active in flight)
//   QueuedInactive -> QueuedActive    activate_inactive, when an active item of the pwq finishes
//   QueuedActive   -> Idle            begin_item: a worker takes it to run it (set_offq)
//   Queued*        -> Owned           grab_pending steals it off its list (set_offq)
//   Owned          -> Canceling       cancel_work_sync, while it flushes the last run (set_offq)
//   Owned          -> Idle            cancel, mod_delayed_work before re-arming, module_gone
//   Canceling      -> Idle            cancel_work_sync done (set_offq)
enum class WorkState : uint8_t { Idle, Owned, QueuedActive, QueuedInactive, Canceling, Invalid };

// The state of each value of the five low bits (PENDING, INACTIVE, PWQ, LINKED, and CANCELING
// or the lowest color bit): one load per check on the hot path.
constexpr WorkState state_of_bits(unsigned b)
{
    bool pending = b & WORK_STRUCT_PENDING, inactive = b & WORK_STRUCT_INACTIVE;
    bool pwq = b & WORK_STRUCT_PWQ, canceling = b & WORK_OFFQ_CANCELING;
    if (pwq)
        return !pending ? WorkState::Invalid : inactive ? WorkState::QueuedInactive : WorkState::QueuedActive;
    if (inactive)
        return WorkState::Invalid;
    if (!pending)
        return canceling ? WorkState::Invalid : WorkState::Idle;
    return canceling ? WorkState::Canceling : WorkState::Owned;
}

struct StateTable {
    WorkState of[32];
    constexpr StateTable() : of()
    {
        for (unsigned b = 0; b < 32; ++b)
            of[b] = state_of_bits(b);
    }
};
inline constexpr StateTable kStates{};

inline WorkState state_of(unsigned long long d) { return kStates.of[d & 31]; }

// The table above as bit masks: kNextStates[from] has bit `to` set when from -> to is allowed.
constexpr unsigned bit(WorkState s) { return 1u << (unsigned)s; }
constexpr unsigned kNextStates[] = {
    /* Idle */ bit(WorkState::Owned),
    /* Owned */ bit(WorkState::QueuedActive) | bit(WorkState::QueuedInactive) | bit(WorkState::Canceling) |
        bit(WorkState::Idle),
    /* QueuedActive */ bit(WorkState::Idle) | bit(WorkState::Owned),
    /* QueuedInactive */ bit(WorkState::QueuedActive) | bit(WorkState::Owned),
    /* Canceling */ bit(WorkState::Idle),
    /* Invalid */ 0,
};

// kFrom.bits[to]: the values of data's five low bits from which `to` may be reached, so that a
// check with a constant target is one shift and test.
struct FromTable {
    uint32_t bits[6];
    constexpr FromTable() : bits()
    {
        for (unsigned to = 0; to < 6; ++to)
            for (unsigned b = 0; b < 32; ++b)
                if (kNextStates[(unsigned)state_of_bits(b)] & (1u << to))
                    bits[to] |= 1u << b;
    }
};
inline constexpr FromTable kFrom{};

// Every change of an item's state goes through here: the caller names the state `data` encodes,
// and a change the table does not allow from the current state is a kshim bug, reported
// loudly. Atomic-safe.
inline void Workqueues::set_data(work_struct *w, WorkState to, unsigned long long data)
{
    unsigned long long old = data_of(w);
    if (!((kFrom.bits[(unsigned)to] >> (old & 31)) & 1)) [[unlikely]]
        bad_transition(w, state_of(old), to);
    data_of(w) = data;
}

// Off queue (Idle, Owned or Canceling): the last pool (id + 1) and the state's flags. Atomic-safe.
inline void Workqueues::set_offq(work_struct *w, int pool_id, WorkState to)
{
    unsigned long flags = to == WorkState::Owned       ? WORK_STRUCT_PENDING
                          : to == WorkState::Canceling ? WORK_STRUCT_PENDING | WORK_OFFQ_CANCELING
                                                       : 0;
    set_data(w, to, ((unsigned long)(pool_id + 1) << kPoolShift) | flags);
}

// Idle -> Owned: the caller takes the pending bit (test_and_set_bit in Linux). Atomic-safe.
inline void Workqueues::claim(work_struct *w) { set_data(w, WorkState::Owned, data_of(w) | WORK_STRUCT_PENDING); }

}  // namespace kshim
