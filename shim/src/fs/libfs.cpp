// fs/libfs.c's helpers: simple_read_from_buffer, simple_write_to_buffer, memory_read_from_buffer and simple_attr (6.1's return values).
#include <cstring>

#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/kernel.h"
#include "linux/kstrtox.h"
#include "linux/mutex.h"
#include "linux/slab.h"
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

// simple_attr: a file showing one number through get() and setting it through set() (DEFINE_SIMPLE_ATTRIBUTE).
namespace {

struct simple_attr {
    int (*get)(void *, u64 *);
    int (*set)(void *, u64);
    char get_buf[24];   // the text of the value a read returned, for reads past offset 0
    char set_buf[24];
    void *data;
    const char *fmt;
    struct mutex mutex;
};

ssize_t attr_write(struct file *file, const char __user *buf, size_t len, bool is_signed)
{
    auto *attr = static_cast<simple_attr *>(file->private_data);
    if (!attr->set)
        return -EACCES;
    int ret = mutex_lock_interruptible(&attr->mutex);
    if (ret)
        return ret;
    size_t size = len < sizeof(attr->set_buf) - 1 ? len : sizeof(attr->set_buf) - 1;
    unsigned long long val = 0;
    ssize_t r = -EFAULT;
    if (!copy_from_user(attr->set_buf, buf, size)) {
        attr->set_buf[size] = '\0';
        r = is_signed ? kstrtoll(attr->set_buf, 0, reinterpret_cast<long long *>(&val))
                      : kstrtoull(attr->set_buf, 0, &val);
        if (!r)
            r = attr->set(attr->data, val);
        if (!r)
            r = (ssize_t)len;  // success takes the whole input
    }
    mutex_unlock(&attr->mutex);
    return r;
}

}  // namespace

extern "C" {

// The file's private_data becomes the attribute (data: the inode's i_private). May sleep.
int simple_attr_open(struct inode *inode, struct file *file, int (*get)(void *, u64 *),
                     int (*set)(void *, u64), const char *fmt)
{
    auto *attr = static_cast<simple_attr *>(kzalloc(sizeof(simple_attr), GFP_KERNEL));
    if (!attr)
        return -ENOMEM;
    attr->get = get;
    attr->set = set;
    attr->data = inode->i_private;
    attr->fmt = fmt;
    mutex_init(&attr->mutex);
    file->private_data = attr;
    return nonseekable_open(inode, file);
}

int simple_attr_release(struct inode *, struct file *file)
{
    kfree(file->private_data);
    return 0;
}

// A read at offset 0 asks get() (-EACCES without one); later offsets read the same text. May sleep.
ssize_t simple_attr_read(struct file *file, char __user *buf, size_t len, loff_t *ppos)
{
    auto *attr = static_cast<simple_attr *>(file->private_data);
    if (!attr->get)
        return -EACCES;
    ssize_t ret = mutex_lock_interruptible(&attr->mutex);
    if (ret)
        return ret;
    size_t size = 0;
    if (*ppos && attr->get_buf[0]) {
        size = std::strlen(attr->get_buf);
    } else {
        u64 val;
        ret = attr->get(attr->data, &val);
        if (!ret)
            size = scnprintf(attr->get_buf, sizeof(attr->get_buf), attr->fmt, (unsigned long long)val);
    }
    if (!ret)
        ret = simple_read_from_buffer(buf, len, ppos, attr->get_buf, size);
    mutex_unlock(&attr->mutex);
    return ret;
}

// Parses the input (base 0, kstrtoull's rules) and calls set(); the whole length on success. May sleep.
ssize_t simple_attr_write(struct file *file, const char __user *buf, size_t len, loff_t *)
{
    return attr_write(file, buf, len, false);
}

ssize_t simple_attr_write_signed(struct file *file, const char __user *buf, size_t len, loff_t *)
{
    return attr_write(file, buf, len, true);
}

}  // extern "C"
