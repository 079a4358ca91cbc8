// Reading memory a report cannot trust (a module's freed or corrupted objects) without faulting.
#pragma once

#include <sys/uio.h>
#include <unistd.h>

#include <cstddef>

namespace kshim {

// Copies n bytes at src into dst through the kernel's copy (process_vm_readv on ourselves), so
// an unmapped or protected address gives false instead of a fault inside kshim. Any context.
inline bool read_safely(void *dst, const void *src, size_t n)
{
    iovec local{dst, n}, remote{const_cast<void *>(src), n};
    return process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == (ssize_t)n;
}

// One object of type T at src, or false.
template <typename T>
bool read_safely(T &out, const void *src)
{
    return read_safely(&out, src, sizeof out);
}

}  // namespace kshim
