/* I/O vectors: struct kvec, struct iovec and iov_iter (6.1 layout); copying through them is not implemented yet. */
#ifndef __LINUX_UIO_H
#define __LINUX_UIO_H

#include "linux/kernel.h"
#include "linux/mm_types.h"
#include "uapi/linux/uio.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/bug.h"
#include "linux/time64.h"
#include "linux/errno.h"
#include "asm/current.h"
#include "asm/page.h"
#include "asm/ptrace.h"
#include "asm/errno.h"
#include "linux/cpumask.h"
#include "linux/ioctl.h"
#include "linux/irqflags.h"
#include "linux/cache.h"
#endif
#ifdef __cplusplus
#include <sys/types.h>	/* loff_t, which linux/types.h leaves to glibc in C++ */
#endif

struct page;
struct bio_vec;
struct pipe_inode_info;
struct xarray;

struct kvec {
	void *iov_base;
	size_t iov_len;
};

enum iter_type {
	ITER_IOVEC,
	ITER_KVEC,
	ITER_BVEC,
	ITER_PIPE,
	ITER_XARRAY,
	ITER_DISCARD,
	ITER_UBUF,
};

#define ITER_SOURCE	1
#define ITER_DEST	0

struct iov_iter {
	u8 iter_type;
	bool nofault;
	bool data_source;
	bool user_backed;
	union {
		size_t iov_offset;
		int last_offset;
	};
	size_t count;
	union {
		const struct iovec *iov;
		const struct kvec *kvec;
		const struct bio_vec *bvec;
		struct xarray *xarray;
		struct pipe_inode_info *pipe;
		void __user *ubuf;
	};
	union {
		unsigned long nr_segs;
		struct {
			unsigned int head;
			unsigned int start_head;
		};
		loff_t xarray_start;
	};
};

static inline enum iter_type iov_iter_type(const struct iov_iter *i) { return (enum iter_type)i->iter_type; }
static inline size_t iov_iter_count(const struct iov_iter *i) { return i->count; }
static inline bool iter_is_iovec(const struct iov_iter *i) { return iov_iter_type(i) == ITER_IOVEC; }
static inline bool iov_iter_is_kvec(const struct iov_iter *i) { return iov_iter_type(i) == ITER_KVEC; }

#ifdef __cplusplus
extern "C" {
#endif
/* Not implemented yet: the copies report and copy nothing (return 0 bytes). */
size_t _copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i);
size_t _copy_from_iter(void *addr, size_t bytes, struct iov_iter *i);
void iov_iter_kvec(struct iov_iter *i, unsigned int direction, const struct kvec *kvec,
		   unsigned long nr_segs, size_t count);
#ifdef __cplusplus
}
#endif

static inline size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i)
{
	return _copy_to_iter(addr, bytes, i);
}

static inline size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i)
{
	return _copy_from_iter(addr, bytes, i);
}

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/static_key.h"
#endif

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "asm/special_insns.h"
#endif

#endif
