// The file calls kernel code makes (filp_open, filp_close, kernel_read, kernel_write): on kshim's own namespace only, never on host files.
#pragma once

#include <cstddef>
#include <cstdint>

#include <sys/types.h>

struct file;

namespace kshim {

class Kernel;

// filp_open resolves its path in the Vfs tree (/dev, /proc, /sys, debugfs): a host path such as
// /etc/passwd is not there and gives ERR_PTR(-ENOENT), whatever the host holds. kernel_read and
// kernel_write take the 6.1 route: a kernel buffer through the file's read_iter/write_iter (a
// kvec), and -EINVAL with 6.1's "kernel read not supported for file" warning for a file that has
// only .read/.write (most module files). Process context, may sleep.
class KernelFiles {
public:
    explicit KernelFiles(Kernel &k) : k_(k) {}

    struct file *open(const char *path, int flags);   // the file or ERR_PTR(-errno)
    int close(struct file *f, void *owner);           // the flush result; the file is put
    ssize_t read(struct file *f, void *buf, size_t n, int64_t *pos);
    ssize_t write(struct file *f, const void *buf, size_t n, int64_t *pos);

private:
    ssize_t unsupported(struct file *f, const char *op);
    Kernel &k_;
};

}  // namespace kshim
