/* The wire format between a --user program's preload library (shim/preload) and kshim (fs/host_process.cpp). */
#ifndef KSHIM_HOST_PROC_PROTO_H
#define KSHIM_HOST_PROC_PROTO_H

#include <stdint.h>

/* The program's end of the SOCK_SEQPACKET pair sits at this descriptor (out of the way of the
 * program's own, which start at 3 as on Linux). */
#define KSHIM_PROC_SOCK_FD 1023
/* The environment variable that says the socket is there (its value: the descriptor). */
#define KSHIM_PROC_ENV "KSHIM_PROC_FD"

/* One system call of the program that names kshim's namespace or a descriptor kshim gave it. */
enum kshim_proc_op {
    KSHIM_OP_OPEN = 1,   /* path, a = flags                        -> the kshim fd or -errno */
    KSHIM_OP_CLOSE,      /* fd                                     -> 0 or -errno */
    KSHIM_OP_READ,       /* fd, a = buffer address, b = count      -> bytes or -errno */
    KSHIM_OP_WRITE,      /* fd, a = buffer address, b = count      -> bytes or -errno */
    KSHIM_OP_IOCTL,      /* fd, a = cmd, b = arg                   -> the driver's value or -errno */
    KSHIM_OP_LSEEK,      /* fd, a = offset, b = whence             -> the position or -errno */
    KSHIM_OP_POLL,       /* fd, a = events, b = timeout in ms      -> 1 (revents in rep.aux), 0, -errno */
    KSHIM_OP_SETFL,      /* fd, a = the new file status flags      -> 0 or -errno */
    KSHIM_OP_GETFL,      /* fd                                     -> the flags or -errno */
    KSHIM_OP_DUP,        /* fd                                     -> the new kshim fd or -errno */
};

struct kshim_proc_req {
    int32_t op;
    int32_t fd;
    int64_t a, b;
    char path[4096];     /* KSHIM_OP_OPEN only; the message ends after its NUL */
};

struct kshim_proc_rep {
    int64_t ret;
    int64_t aux;
};

#endif
