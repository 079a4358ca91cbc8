// Private to the workqueue: the encoding of work_struct::data, shared by its source files.
#pragma once

#include "workqueue/workqueue.hpp"

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

// Off-queue encoding: the last pool (id + 1) and the given flags.
inline void set_offq(work_struct *w, int pool_id, unsigned long flags)
{
    data_of(w) = ((unsigned long)(pool_id + 1) << kPoolShift) | flags;
}

}  // namespace kshim
