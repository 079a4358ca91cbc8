// XArray (linux/xarray.h) over an ordered map: 6.1's store/insert/alloc/find rules and error entries.
#include "lib/xarray.hpp"

#include "linux/bug.h"
#include "linux/errno.h"
#include "linux/xarray.h"

namespace kshim::xa {

Map *map_of(const xarray *x) { return static_cast<Map *>(x->xa_head); }

void *raw_load(const xarray *x, unsigned long index)
{
    Map *m = map_of(x);
    if (!m)
        return nullptr;
    auto it = m->find(index);
    return it == m->end() ? nullptr : it->second;
}

void *raw_store(xarray *x, unsigned long index, void *entry)
{
    Map *m = map_of(x);
    void *old = raw_load(x, index);
    if (!entry) {
        if (m) {
            m->erase(index);
            if (m->empty())
                clear(x);
        }
        return old;
    }
    if (!m)
        x->xa_head = m = new Map;
    (*m)[index] = entry;
    return old;
}

bool first_free(const xarray *x, unsigned long min, unsigned long max, unsigned long *out)
{
    Map *m = map_of(x);
    unsigned long i = min;
    if (m)
        for (auto it = m->lower_bound(min); it != m->end() && it->first == i; ++it) {
            if (i == max)
                return false;
            ++i;
        }
    if (i > max)
        return false;
    *out = i;
    return true;
}

void *next_entry(const xarray *x, unsigned long from, unsigned long max, unsigned long *at)
{
    Map *m = map_of(x);
    if (!m)
        return nullptr;
    for (auto it = m->lower_bound(from); it != m->end() && it->first <= max; ++it)
        if (!xa_is_zero(it->second)) {
            *at = it->first;
            return it->second;
        }
    return nullptr;
}

void clear(xarray *x)
{
    delete map_of(x);
    x->xa_head = nullptr;
}

}  // namespace kshim::xa

namespace {

using namespace kshim::xa;

// Internal entries up to 256 belong to the advanced API (xa_is_advanced): refused.
bool advanced(const void *entry) { return xa_is_internal(entry) && entry <= xa_mk_internal(256); }
bool track_free(const xarray *x) { return x->xa_flags & XA_FLAGS_TRACK_FREE; }
void *zero_to_null(void *entry) { return xa_is_zero(entry) ? nullptr : entry; }
void *error_entry(int err) { return xa_mk_internal((unsigned long)(long)err); }

// Linux warns at lib/xarray.c:line (the line of 6.1.192's WARN_ON_ONCE; 0 where not looked up).
#define XA_WARN_AT(line, cond) ((cond) ? (kshim_warn("lib/xarray.c", line, (unsigned long)__builtin_return_address(0), 0, nullptr), true) : false)
#define XA_WARN(cond) XA_WARN_AT(0, cond)

}  // namespace

extern "C" {

void *xa_load(struct xarray *xa, unsigned long index) { return zero_to_null(raw_load(xa, index)); }

// NULL erases, except in an allocating array, where it keeps the index reserved.
void *__xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t)
{
    if (XA_WARN_AT(1548, advanced(entry)))
        return error_entry(-EINVAL);
    if (track_free(xa) && !entry)
        entry = XA_ZERO_ENTRY;
    return zero_to_null(raw_store(xa, index, entry));
}

void *__xa_erase(struct xarray *xa, unsigned long index) { return zero_to_null(raw_store(xa, index, nullptr)); }

void *__xa_cmpxchg(struct xarray *xa, unsigned long index, void *old, void *entry, gfp_t)
{
    if (XA_WARN(advanced(entry)))
        return error_entry(-EINVAL);
    void *curr = raw_load(xa, index);
    if (curr == old)
        raw_store(xa, index, entry);
    return curr;
}

int __xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t)
{
    if (XA_WARN(advanced(entry)))
        return -EINVAL;
    if (raw_load(xa, index))
        return -EBUSY;
    raw_store(xa, index, entry ? entry : XA_ZERO_ENTRY);
    return 0;
}

int __xa_alloc(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit, gfp_t)
{
    if (XA_WARN(advanced(entry)) || XA_WARN(!track_free(xa)))
        return -EINVAL;
    unsigned long min = limit.min, at;
    if ((xa->xa_flags & XA_FLAGS_ZERO_BUSY) && min == 0)
        min = 1;   // XA_FLAGS_ALLOC1: index 0 is never handed out
    if (min > limit.max || !first_free(xa, min, limit.max, &at))
        return -EBUSY;
    *id = (u32)at;
    raw_store(xa, at, entry ? entry : XA_ZERO_ENTRY);
    return 0;
}

// From *next first, then from limit.min; 1 when the search wrapped.
int __xa_alloc_cyclic(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit, u32 *next, gfp_t gfp)
{
    u32 min = limit.min;
    limit.min = *next > min ? *next : min;
    int ret = __xa_alloc(xa, id, entry, limit, gfp);
    if ((xa->xa_flags & XA_FLAGS_ALLOC_WRAPPED) && ret == 0) {
        xa->xa_flags &= ~XA_FLAGS_ALLOC_WRAPPED;
        ret = 1;
    }
    if (ret < 0 && limit.min > min) {
        limit.min = min;
        ret = __xa_alloc(xa, id, entry, limit, gfp);
        if (ret == 0)
            ret = 1;
    }
    if (ret >= 0) {
        *next = *id + 1;
        if (*next == 0)
            xa->xa_flags |= XA_FLAGS_ALLOC_WRAPPED;
    }
    return ret;
}

void *xa_find(struct xarray *xa, unsigned long *index, unsigned long max, xa_mark_t)
{
    unsigned long at;
    void *entry = *index <= max ? next_entry(xa, *index, max, &at) : nullptr;
    if (entry)
        *index = at;
    return entry;
}

void *xa_find_after(struct xarray *xa, unsigned long *index, unsigned long max, xa_mark_t filter)
{
    if (*index == ~0UL)
        return nullptr;
    unsigned long from = *index + 1;
    void *entry = xa_find(xa, &from, max, filter);
    if (entry)
        *index = from;
    return entry;
}

void xa_destroy(struct xarray *xa) { clear(xa); }

}  // extern "C"
