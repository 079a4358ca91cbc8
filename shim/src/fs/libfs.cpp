// fs/libfs.c's buffer helpers: simple_read_from_buffer, simple_write_to_buffer, memory_read_from_buffer (6.1's return values).
#include <cstring>

#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/uaccess.h"

namespace {

// The bytes of a count-byte transfer at *ppos that fit in available: -EINVAL before 0, 0 at or
// past the end (or for an empty request), else count clamped to what is left.
ssize_t clamp(loff_t pos, size_t count, size_t available)
{
    if (pos < 0)
        return -EINVAL;
    if ((size_t)pos >= available || !count)
        return 0;
    return (ssize_t)(count > available - pos ? available - pos : count);
}

// After a copy that left `left` of n bytes: -EFAULT if nothing moved, else the bytes moved (and *ppos past them).
ssize_t settle(loff_t *ppos, size_t n, size_t left)
{
    if (left == n)
        return -EFAULT;
    *ppos += n - left;
    return (ssize_t)(n - left);
}

}  // namespace

extern "C" {

// Copies what is at *ppos of from (available bytes) to the user buffer; may sleep.
ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos, const void *from, size_t available)
{
    ssize_t n = clamp(*ppos, count, available);
    if (n <= 0)
        return n;
    unsigned long left = copy_to_user(to, static_cast<const char *>(from) + *ppos, n);
    return settle(ppos, n, left);
}

// Copies the user's bytes into to (available bytes) at *ppos; may sleep.
ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos, const void __user *from, size_t count)
{
    ssize_t n = clamp(*ppos, count, available);
    if (n <= 0)
        return n;
    unsigned long left = copy_from_user(static_cast<char *>(to) + *ppos, from, n);
    return settle(ppos, n, left);
}

// simple_read_from_buffer between kernel buffers (an empty request gives 0 too). Atomic-safe.
ssize_t memory_read_from_buffer(void *to, size_t count, loff_t *ppos, const void *from, size_t available)
{
    ssize_t n = clamp(*ppos, count, available);
    if (n <= 0)
        return n;
    std::memcpy(to, static_cast<const char *>(from) + *ppos, n);
    *ppos += n;
    return n;
}

}  // extern "C"
