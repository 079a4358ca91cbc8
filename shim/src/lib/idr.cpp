// IDR and IDA (linux/idr.h) over kshim's xarray store: 6.1's id ranges, cursors and return values.
#include <climits>

#include "lib/xarray.hpp"

#include "linux/bug.h"
#include "linux/err.h"
#include "linux/errno.h"
#include "linux/idr.h"

namespace {

using namespace kshim::xa;

#define SITE ((unsigned long)__builtin_return_address(0))

// An allocated id whose pointer is NULL is kept as the zero entry, so it stays allocated.
void *to_slot(void *ptr) { return ptr ? ptr : XA_ZERO_ENTRY; }
void *from_slot(void *entry) { return xa_is_zero(entry) ? nullptr : entry; }

}  // namespace

extern "C" {

// The lowest free id in [*nextid, max] (ids are stored less idr_base); -ENOSPC when none.
int idr_alloc_u32(struct idr *idr, void *ptr, u32 *nextid, unsigned long max, gfp_t)
{
    unsigned long base = idr->idr_base, id = *nextid < base ? 0 : *nextid - base, at;
    if (xa_is_internal(ptr)) {
        kshim_warn("lib/idr.c", 0, SITE, 0, nullptr);
        return -EINVAL;
    }
    if (max < base || !first_free(&idr->idr_rt, id, max - base, &at))
        return -ENOSPC;
    raw_store(&idr->idr_rt, at, to_slot(ptr));
    *nextid = (u32)(at + base);
    return 0;
}

int idr_alloc(struct idr *idr, void *ptr, int start, int end, gfp_t gfp)
{
    u32 id = (u32)start;
    if (start < 0) {
        kshim_warn("lib/idr.c", 86, SITE, 0, nullptr);   // 6.1's WARN_ON_ONCE(start < 0)
        return -EINVAL;
    }
    int ret = idr_alloc_u32(idr, ptr, &id, end > 0 ? (unsigned long)end - 1 : INT_MAX, gfp);
    return ret ? ret : (int)id;
}

// From the cursor (idr_next) first, then from start once; the cursor moves past the new id.
int idr_alloc_cyclic(struct idr *idr, void *ptr, int start, int end, gfp_t gfp)
{
    u32 id = idr->idr_next;
    unsigned long max = end > 0 ? (unsigned long)end - 1 : INT_MAX;
    if ((int)id < start)
        id = (u32)start;
    int err = idr_alloc_u32(idr, ptr, &id, max, gfp);
    if (err == -ENOSPC && id > (u32)start) {
        id = (u32)start;
        err = idr_alloc_u32(idr, ptr, &id, max, gfp);
    }
    if (err)
        return err;
    idr->idr_next = id + 1;
    return (int)id;
}

void *idr_remove(struct idr *idr, unsigned long id)
{
    return from_slot(raw_store(&idr->idr_rt, id - idr->idr_base, nullptr));
}

void *idr_find(const struct idr *idr, unsigned long id) { return from_slot(raw_load(&idr->idr_rt, id - idr->idr_base)); }

// Calls fn for each id with a non-NULL pointer, in order; stops at fn's first non-zero return.
int idr_for_each(const struct idr *idr, int (*fn)(int id, void *p, void *data), void *data)
{
    unsigned long at, from = 0;
    while (void *p = next_entry(&idr->idr_rt, from, ~0UL, &at)) {
        if (int ret = fn((int)(at + idr->idr_base), p, data))
            return ret;
        if (at == ~0UL)
            break;
        from = at + 1;
    }
    return 0;
}

void *idr_get_next_ul(struct idr *idr, unsigned long *nextid)
{
    unsigned long base = idr->idr_base, id = *nextid < base ? 0 : *nextid - base, at;
    void *p = next_entry(&idr->idr_rt, id, ~0UL, &at);
    if (p)
        *nextid = at + base;
    return p;
}

void *idr_get_next(struct idr *idr, int *nextid)
{
    unsigned long id = (unsigned long)*nextid;
    void *p = idr_get_next_ul(idr, &id);
    if (p && id > INT_MAX) {
        kshim_warn("lib/idr.c", 0, SITE, 0, nullptr);
        return nullptr;
    }
    *nextid = (int)id;
    return p;
}

void *idr_replace(struct idr *idr, void *ptr, unsigned long id)
{
    unsigned long at = id - idr->idr_base;
    void *old = raw_load(&idr->idr_rt, at);
    if (!old)
        return ERR_PTR(-ENOENT);
    raw_store(&idr->idr_rt, at, to_slot(ptr));
    return from_slot(old);
}

void idr_destroy(struct idr *idr) { clear(&idr->idr_rt); }

int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max, gfp_t)
{
    unsigned long at;
    if ((int)min < 0)
        return -ENOSPC;
    if ((int)max < 0)
        max = INT_MAX;
    if (min > max || !first_free(&ida->xa, min, max, &at))
        return -ENOSPC;
    raw_store(&ida->xa, at, XA_ZERO_ENTRY);
    return (int)at;
}

void ida_free(struct ida *ida, unsigned int id)
{
    if (!raw_load(&ida->xa, id)) {
        kshim_warn("lib/idr.c", 527, SITE, 0, "ida_free called for id=%d which is not allocated.\n", (int)id);
        return;
    }
    raw_store(&ida->xa, id, nullptr);
}

void ida_destroy(struct ida *ida) { clear(&ida->xa); }

}  // extern "C"
