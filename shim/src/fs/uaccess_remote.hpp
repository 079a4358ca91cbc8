// The uaccess copies in remote mode: the user memory of a --user program's host process, read and written with process_vm_readv/writev.
#pragma once

#include <cstddef>

namespace kshim {

// The uaccess API of UserAccess, on the memory of host process `pid`. A byte is user memory
// exactly where the process maps it with the access asked (what Linux's copies find): the rest
// faults, at page granularity. Same return values as UserAccess's. Atomic-safe (no sleep).
struct RemoteUser {
    int pid;

    unsigned long copy_to(void *to, const void *from, unsigned long n) const;
    unsigned long copy_from(void *to, const void *from, unsigned long n) const;
    unsigned long clear(void *to, unsigned long n) const;
    int get(void *dst, const void *src, unsigned long size) const;
    int put(const void *src, void *dst, unsigned long size) const;
    long strncpy_from(char *dst, const char *src, long count) const;
    long strnlen(const char *s, long n) const;

    // The bytes moved between local and remote (from the start, stopping at the first fault).
    size_t read(void *local, const void *remote, size_t n) const;
    size_t write(void *remote, const void *local, size_t n) const;
};

}  // namespace kshim
