// The uaccess copies in remote mode: process_vm_readv/writev on a --user program's memory, page by page so that a fault stops where Linux's would.
#include "fs/uaccess_remote.hpp"

#include <sys/uio.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <vector>

namespace kshim {

namespace {

constexpr uintptr_t kPage = 4096;
constexpr size_t kMaxIov = 1024;   // UIO_MAXIOV

// Moves n bytes between local and remote, in remote pieces that never cross a page, so that
// the transfer stops at the first page the process lacks. Returns the bytes moved.
size_t transfer(int pid, char *local, uintptr_t remote, size_t n, bool to_remote)
{
    size_t done = 0;
    std::vector<iovec> rio;
    while (done < n) {
        rio.clear();
        size_t batch = 0;
        for (uintptr_t a = remote + done; done + batch < n && rio.size() < kMaxIov;) {
            size_t len = std::min<size_t>(n - done - batch, kPage - (a & (kPage - 1)));
            rio.push_back({reinterpret_cast<void *>(a), len});
            batch += len;
            a += len;
        }
        iovec lio{local + done, batch};
        ssize_t r = to_remote ? process_vm_writev(pid, &lio, 1, rio.data(), rio.size(), 0)
                              : process_vm_readv(pid, &lio, 1, rio.data(), rio.size(), 0);
        if (r <= 0)
            break;
        done += (size_t)r;
        if ((size_t)r < batch)
            break;
    }
    return done;
}

}  // namespace

size_t RemoteUser::read(void *local, const void *remote, size_t n) const
{
    return transfer(pid, static_cast<char *>(local), (uintptr_t)remote, n, false);
}

size_t RemoteUser::write(void *remote, const void *local, size_t n) const
{
    return transfer(pid, static_cast<char *>(const_cast<void *>(local)), (uintptr_t)remote, n, true);
}

unsigned long RemoteUser::copy_to(void *to, const void *from, unsigned long n) const
{
    return n - write(to, from, n);
}

unsigned long RemoteUser::copy_from(void *to, const void *from, unsigned long n) const
{
    size_t ok = read(to, from, n);
    std::memset(static_cast<char *>(to) + ok, 0, n - ok);
    return n - ok;
}

// As x86-64's clear_user on a CPU without FSRS (6.1's clear_user_original; the oracle's QEMU
// CPU): size / 8 quadword stores from `to` on, aligned or not, each whole or not at all, then the
// rest byte by byte; the count left is what the first faulting store had not cleared.
unsigned long RemoteUser::clear(void *to, unsigned long n) const
{
    static const char zeros[8] = {};
    char *p = static_cast<char *>(to);
    unsigned long done = 0;
    for (; n - done >= 8; done += 8)
        if (put(zeros, p + done, 8))
            return n - done;
    for (; done < n; ++done)
        if (write(p + done, zeros, 1) != 1)
            return n - done;
    return 0;
}

int RemoteUser::get(void *dst, const void *src, unsigned long size) const
{
    if (read(dst, src, size) != size) {
        std::memset(dst, 0, size);
        return -EFAULT;
    }
    return 0;
}

int RemoteUser::put(const void *src, void *dst, unsigned long size) const
{
    // x86's put_user is one store: it lands whole or not at all, never half in a missing page.
    char probe[16];
    if (size <= sizeof probe && read(probe, dst, size) != size)
        return -EFAULT;
    return write(dst, src, size) == size ? 0 : -EFAULT;
}

// Reads page by page up to count, stopping after the NUL. As UserAccess::strncpy_from.
long RemoteUser::strncpy_from(char *dst, const char *src, long count) const
{
    if (count <= 0)
        return 0;
    long done = 0;
    while (done < count) {
        uintptr_t a = (uintptr_t)src + done;
        size_t len = std::min<size_t>(count - done, kPage - (a & (kPage - 1)));
        size_t got = read(dst + done, src + done, len);
        if (const void *nul = std::memchr(dst + done, 0, got))
            return static_cast<const char *>(nul) - dst;
        done += got;
        if (got < len)
            return -EFAULT;
    }
    return count;
}

long RemoteUser::strnlen(const char *s, long n) const
{
    if (n <= 0)
        return 0;
    char buf[kPage];
    long done = 0;
    while (done < n) {
        uintptr_t a = (uintptr_t)s + done;
        size_t len = std::min<size_t>(n - done, kPage - (a & (kPage - 1)));
        size_t got = read(buf, s + done, len);
        if (const void *nul = std::memchr(buf, 0, got))
            return done + (static_cast<const char *>(nul) - buf) + 1;
        done += got;
        if (got < len)
            return 0;
    }
    return n + 1;
}

}  // namespace kshim
