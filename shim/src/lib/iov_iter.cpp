// iov_iter (linux/uio.h): building ITER_UBUF/ITER_IOVEC/ITER_KVEC iterators, copying through them, advancing and reverting.
#include <climits>
#include <cstring>

#include "asm/page.h"

#include "linux/kernel.h"
#include "linux/uaccess.h"
#include "linux/uio.h"

namespace {

// fs.h's MAX_RW_COUNT: the most one read or write moves.
constexpr size_t max_rw_count = INT_MAX & PAGE_MASK;

// The segment array of an ITER_IOVEC or ITER_KVEC iterator (struct iovec and struct kvec share
// one layout: base, then length).
const kvec *segments(const iov_iter *i) { return reinterpret_cast<const kvec *>(i->kvec); }

bool walkable(const iov_iter *i, const char *what)
{
    if (iter_is_ubuf(i) || iter_is_iovec(i) || iov_iter_is_kvec(i))
        return true;
    (void)kshim_not_implemented(what);   // bvec, pipe, xarray and discard iterators are never built
    return false;
}

// Walks up to bytes of the iterator's memory from its position without moving it; step(base,
// done, len) moves len bytes at base (done bytes into the walk) and returns the bytes it could
// not move. Stops at the first short step. Returns the bytes moved.
template <class Step> size_t walk(const iov_iter *i, size_t bytes, Step step)
{
    if (bytes > i->count)
        bytes = i->count;
    if (iter_is_ubuf(i))
        return bytes - step(static_cast<char *>(i->ubuf) + i->iov_offset, 0, bytes);
    size_t done = 0, skip = i->iov_offset;
    for (const kvec *seg = segments(i); done < bytes; seg++, skip = 0) {
        size_t len = seg->iov_len - skip;
        if (len > bytes - done)
            len = bytes - done;
        size_t left = len ? step(static_cast<char *>(seg->iov_base) + skip, done, len) : 0;
        done += len - left;
        if (left)
            break;
    }
    return done;
}

// Moves data from addr to the iterator's memory; returns the bytes moved and advances by them.
size_t copy_out(const void *addr, size_t bytes, iov_iter *i)
{
    const char *from = static_cast<const char *>(addr);
    size_t n;
    if (user_backed_iter(i))
        n = walk(i, bytes, [from](char *base, size_t done, size_t len) {
            return (size_t)copy_to_user((void __user *)base, from + done, len);
        });
    else
        n = walk(i, bytes, [from](char *base, size_t done, size_t len) {
            std::memcpy(base, from + done, len);
            return (size_t)0;
        });
    iov_iter_advance(i, n);
    return n;
}

// Moves data from the iterator's memory to addr; returns the bytes moved and advances by them.
size_t copy_in(void *addr, size_t bytes, iov_iter *i)
{
    char *to = static_cast<char *>(addr);
    size_t n;
    if (user_backed_iter(i))
        n = walk(i, bytes, [to](char *base, size_t done, size_t len) {
            return (size_t)copy_from_user(to + done, (const void __user *)base, len);
        });
    else
        n = walk(i, bytes, [to](char *base, size_t done, size_t len) {
            std::memcpy(to + done, base, len);
            return (size_t)0;
        });
    iov_iter_advance(i, n);
    return n;
}

void init(iov_iter *i, enum iter_type type, unsigned int direction, const void *segs,
          unsigned long nr_segs, size_t count)
{
    WARN_ON(direction & ~(READ | WRITE));
    std::memset(i, 0, sizeof(*i));
    i->iter_type = type;
    i->user_backed = type == ITER_IOVEC;
    i->data_source = direction;
    i->kvec = static_cast<const kvec *>(segs);
    i->nr_segs = nr_segs;
    i->count = count;
}

}  // namespace

extern "C" {

// Copies to a read's destination. May sleep when user-backed; atomic-safe for ITER_KVEC.
size_t _copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i)
{
    if (!walkable(i, "copy_to_iter on a bvec/pipe/xarray iterator"))
        return 0;
    if (WARN_ON_ONCE(i->data_source))   // an ITER_SOURCE iterator is not written to
        return 0;
    return copy_out(addr, bytes, i);
}

// Copies from a write's source. May sleep when user-backed; atomic-safe for ITER_KVEC.
size_t _copy_from_iter(void *addr, size_t bytes, struct iov_iter *i)
{
    if (!walkable(i, "copy_from_iter on a bvec/pipe/xarray iterator"))
        return 0;
    if (WARN_ON_ONCE(!i->data_source))  // an ITER_DEST iterator is not read from
        return 0;
    return copy_in(addr, bytes, i);
}

// Fills bytes of the destination with zeroes (clear_user for user memory). May sleep when user-backed.
size_t iov_iter_zero(size_t bytes, struct iov_iter *i)
{
    if (!walkable(i, "iov_iter_zero on a bvec/pipe/xarray iterator"))
        return 0;
    size_t n;
    if (user_backed_iter(i))
        n = walk(i, bytes, [](char *base, size_t, size_t len) {
            return (size_t)clear_user((void __user *)base, len);
        });
    else
        n = walk(i, bytes, [](char *base, size_t, size_t len) {
            std::memset(base, 0, len);
            return (size_t)0;
        });
    iov_iter_advance(i, n);
    return n;
}

// Any context.
void iov_iter_init(struct iov_iter *i, unsigned int direction, const struct iovec *iov,
                   unsigned long nr_segs, size_t count)
{
    init(i, ITER_IOVEC, direction, iov, nr_segs, count);
}

// Any context.
void iov_iter_kvec(struct iov_iter *i, unsigned int direction, const struct kvec *kvec,
                   unsigned long nr_segs, size_t count)
{
    init(i, ITER_KVEC, direction, kvec, nr_segs, count);
}

// Skips bytes (at most what is left): a consumed segment is dropped from the front. Any context.
void iov_iter_advance(struct iov_iter *i, size_t size)
{
    if (size > i->count)
        size = i->count;
    if (iter_is_ubuf(i) || iov_iter_is_xarray(i) || iov_iter_is_discard(i)) {
        if (!iov_iter_is_discard(i))
            i->iov_offset += size;
        i->count -= size;
        return;
    }
    if (!walkable(i, "iov_iter_advance on a bvec/pipe iterator"))
        return;
    i->count -= size;
    size += i->iov_offset;
    const kvec *seg = segments(i), *end = seg + i->nr_segs;
    for (; seg < end && size >= seg->iov_len; seg++)
        size -= seg->iov_len;
    i->nr_segs -= seg - segments(i);
    i->kvec = seg;
    i->iov_offset = size;
}

// Steps back over bytes already consumed (after a short copy). Any context.
void iov_iter_revert(struct iov_iter *i, size_t unroll)
{
    if (!unroll || WARN_ON(unroll > max_rw_count))
        return;
    i->count += unroll;
    if (iter_is_ubuf(i) || iov_iter_is_xarray(i) || iov_iter_is_discard(i)) {
        if (!iov_iter_is_discard(i))
            i->iov_offset -= unroll;
        return;
    }
    if (!walkable(i, "iov_iter_revert on a bvec/pipe iterator"))
        return;
    if (unroll <= i->iov_offset) {
        i->iov_offset -= unroll;
        return;
    }
    unroll -= i->iov_offset;
    const kvec *seg = segments(i);
    for (;;) {
        seg--;
        i->nr_segs++;
        if (unroll <= seg->iov_len) {
            i->kvec = seg;
            i->iov_offset = seg->iov_len - unroll;
            return;
        }
        unroll -= seg->iov_len;
    }
}

// The bytes left in the current segment (all that is left for ITER_UBUF). Any context.
size_t iov_iter_single_seg_count(const struct iov_iter *i)
{
    if (i->nr_segs > 1 && (iter_is_iovec(i) || iov_iter_is_kvec(i))) {
        size_t left = segments(i)->iov_len - i->iov_offset;
        return left < i->count ? left : i->count;
    }
    return i->count;
}

}  // extern "C"
