// The uaccess copies: every user pointer is checked against the ranges the current user task owns.
#include "fs/uaccess.hpp"
#include "fs/uaccess_remote.hpp"

#include <algorithm>
#include <cstring>

#include "kernel.hpp"
#include "mm/memory.hpp"
#include "sched/scheduler.hpp"

#include "linux/err.h"
#include "linux/errno.h"
#include "linux/gfp.h"
#include "linux/mm_types.h"

namespace kshim {

namespace {
constexpr uintptr_t kTaskSizeMax = 0x00007ffffffff000ull;   // x86-64's TASK_SIZE_MAX, 4-level paging
}

struct UserMm::Box {
    struct mm_struct mm{};   // first: of() casts back
    UserMm *owner;
};

UserMm::UserMm() : box_(std::make_unique<Box>())
{
    box_->owner = this;
    atomic_set(&box_->mm.mm_users, 1);
    atomic_set(&box_->mm.mm_count, 1);
}

UserMm::~UserMm() = default;

struct mm_struct *UserMm::mm() const { return &box_->mm; }

UserMm *UserMm::of(struct mm_struct *mm) { return reinterpret_cast<Box *>(mm)->owner; }

void UserMm::remove(const void *p)
{
    std::erase_if(ranges, [p](const Range &r) { return r.lo == (uintptr_t)p; });
}

size_t UserMm::valid(uintptr_t p, size_t n, intptr_t *delta) const
{
    for (const Range &r : ranges)
        if (p >= r.lo && p < r.hi) {
            if (delta)
                *delta = r.delta;
            return std::min<size_t>(n, r.hi - p);
        }
    return 0;
}

size_t UserAccess::valid(const void *p, size_t n, char **host) const
{
    struct mm_struct *mm = k_.sched().current_or_boot().ts.mm;
    intptr_t delta = 0;
    size_t ok = mm ? UserMm::of(mm)->valid((uintptr_t)p, n, &delta) : 0;
    *host = (char *)((uintptr_t)p + delta);
    return ok;
}

int UserAccess::remote() const
{
    struct mm_struct *mm = k_.sched().current_or_boot().ts.mm;
    return mm ? UserMm::of(mm)->remote_pid : 0;
}

unsigned long UserAccess::copy_to(void *to, const void *from, unsigned long n)
{
    if (int pid = remote())
        return RemoteUser{pid}.copy_to(to, from, n);
    char *h;
    size_t ok = valid(to, n, &h);
    std::memcpy(h, from, ok);
    return n - ok;
}

// _copy_from_user: what could not be copied is zeroed in the kernel buffer.
unsigned long UserAccess::copy_from(void *to, const void *from, unsigned long n)
{
    if (int pid = remote())
        return RemoteUser{pid}.copy_from(to, from, n);
    char *h;
    size_t ok = valid(from, n, &h);
    std::memcpy(to, h, ok);
    std::memset(static_cast<char *>(to) + ok, 0, n - ok);
    return n - ok;
}

unsigned long UserAccess::clear(void *to, unsigned long n)
{
    if (int pid = remote())
        return RemoteUser{pid}.clear(to, n);
    char *h;
    size_t ok = valid(to, n, &h);
    std::memset(h, 0, ok);
    return n - ok;
}

int UserAccess::get(void *dst, const void *src, unsigned long size)
{
    if (int pid = remote())
        return RemoteUser{pid}.get(dst, src, size);
    char *h;
    if (valid(src, size, &h) != size) {
        std::memset(dst, 0, size);
        return -EFAULT;
    }
    std::memcpy(dst, h, size);
    return 0;
}

int UserAccess::put(const void *src, void *dst, unsigned long size)
{
    if (int pid = remote())
        return RemoteUser{pid}.put(src, dst, size);
    char *h;
    if (valid(dst, size, &h) != size)
        return -EFAULT;
    std::memcpy(h, src, size);
    return 0;
}

// The length copied without the NUL; count if no NUL came within count; -EFAULT on a fault first.
long UserAccess::strncpy_from(char *dst, const char *src, long count)
{
    if (int pid = remote())
        return RemoteUser{pid}.strncpy_from(dst, src, count);
    if (count <= 0)
        return 0;
    char *h;
    size_t ok = valid(src, count, &h);
    for (size_t i = 0; i < ok; ++i) {
        dst[i] = h[i];
        if (!h[i])
            return i;
    }
    return ok == (size_t)count ? count : -EFAULT;
}

// The size with the NUL; 0 on a fault; more than n when no NUL came within n.
long UserAccess::strnlen(const char *s, long n)
{
    if (int pid = remote())
        return RemoteUser{pid}.strnlen(s, n);
    if (n <= 0)
        return 0;
    char *h;
    size_t ok = valid(s, n, &h);
    const void *nul = std::memchr(h, 0, ok);
    if (nul)
        return static_cast<const char *>(nul) - h + 1;
    return ok == (size_t)n ? n + 1 : 0;
}

bool UserAccess::range_ok(const void *p, unsigned long n)
{
    uintptr_t a = (uintptr_t)p;
    return n <= kTaskSizeMax && a <= kTaskSizeMax - n;
}

void *UserAccess::memdup(const void *src, size_t len, bool nul, uintptr_t site)
{
    char *p = static_cast<char *>(k_.mm().kmalloc(len + (nul ? 1 : 0), GFP_KERNEL, site));
    if (!p)
        return ERR_PTR(-ENOMEM);
    if (copy_from(p, src, len)) {
        k_.mm().kfree(p, site);
        return ERR_PTR(-EFAULT);
    }
    if (nul)
        p[len] = 0;
    return p;
}

char *UserAccess::strndup(const char *s, long n, uintptr_t site)
{
    long len = strnlen(s, n);
    if (!len)
        return static_cast<char *>(ERR_PTR(-EFAULT));
    if (len > n)
        return static_cast<char *>(ERR_PTR(-EINVAL));
    char *p = static_cast<char *>(memdup(s, len, false, site));
    if (!IS_ERR(p))
        p[len - 1] = 0;
    return p;
}

int UserAccess::kstrto(const char *s, size_t count, const std::function<int(const char *)> &parse)
{
    char buf[1 + sizeof(unsigned long long) * 8 + 1 + 1];
    count = std::min(count, sizeof(buf) - 1);
    if (copy_from(buf, s, count))
        return -EFAULT;
    buf[count] = 0;
    return parse(buf);
}

}  // namespace kshim
