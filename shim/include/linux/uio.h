/* I/O vectors: struct kvec, struct iovec and iov_iter (6.1 layout), with the ITER_IOVEC, ITER_UBUF and ITER_KVEC copies. */
#ifndef __LINUX_UIO_H
#define __LINUX_UIO_H

#include "linux/kernel.h"
#include "linux/mm_types.h"
#include "uapi/linux/uio.h"
#include "linux/bug.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
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
#include <sys/uio.h>	/* struct iovec, which uapi/linux/uio.h leaves to glibc in C++ */
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

#ifndef READ
#define READ	0	/* data flows into the iterator's memory (a read) */
#define WRITE	1	/* data flows out of it (a write) */
#endif

static inline enum iter_type iov_iter_type(const struct iov_iter *i) { return (enum iter_type)i->iter_type; }
static inline size_t iov_iter_count(const struct iov_iter *i) { return i->count; }
static inline bool iter_is_ubuf(const struct iov_iter *i) { return iov_iter_type(i) == ITER_UBUF; }
static inline bool iter_is_iovec(const struct iov_iter *i) { return iov_iter_type(i) == ITER_IOVEC; }
static inline bool iov_iter_is_kvec(const struct iov_iter *i) { return iov_iter_type(i) == ITER_KVEC; }
static inline bool iov_iter_is_bvec(const struct iov_iter *i) { return iov_iter_type(i) == ITER_BVEC; }
static inline bool iov_iter_is_pipe(const struct iov_iter *i) { return iov_iter_type(i) == ITER_PIPE; }
static inline bool iov_iter_is_discard(const struct iov_iter *i) { return iov_iter_type(i) == ITER_DISCARD; }
static inline bool iov_iter_is_xarray(const struct iov_iter *i) { return iov_iter_type(i) == ITER_XARRAY; }
static inline unsigned char iov_iter_rw(const struct iov_iter *i) { return i->data_source ? WRITE : READ; }
static inline bool user_backed_iter(const struct iov_iter *i) { return i->user_backed; }

/* Shrinks or restores the bytes left (callers that clamp a request). */
static inline void iov_iter_truncate(struct iov_iter *i, u64 count)
{
	if (i->count > count)
		i->count = count;
}

static inline void iov_iter_reexpand(struct iov_iter *i, size_t count) { i->count = count; }

/* One user buffer (what read(2) and write(2) pass). */
static inline void iov_iter_ubuf(struct iov_iter *i, unsigned int direction, void __user *buf, size_t count)
{
	WARN_ON(direction & ~(READ | WRITE));
	i->iter_type = ITER_UBUF;
	i->nofault = false;
	i->user_backed = true;
	i->data_source = direction;
	i->iov_offset = 0;
	i->count = count;
	i->ubuf = buf;
	i->nr_segs = 1;
}

#ifdef __cplusplus
extern "C" {
#endif
/*
 * Copies through an iterator: user-backed ones (ITER_UBUF, ITER_IOVEC) with copy_to_user and
 * copy_from_user, so a bad user address stops the copy short; kernel ones (ITER_KVEC) with memcpy.
 * Each returns the bytes copied and advances the iterator by as many. May sleep when user-backed.
 */
size_t _copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i);
size_t _copy_from_iter(void *addr, size_t bytes, struct iov_iter *i);
size_t iov_iter_zero(size_t bytes, struct iov_iter *i);
void iov_iter_init(struct iov_iter *i, unsigned int direction, const struct iovec *iov,
		   unsigned long nr_segs, size_t count);
void iov_iter_kvec(struct iov_iter *i, unsigned int direction, const struct kvec *kvec,
		   unsigned long nr_segs, size_t count);
void iov_iter_advance(struct iov_iter *i, size_t bytes);
void iov_iter_revert(struct iov_iter *i, size_t bytes);
size_t iov_iter_single_seg_count(const struct iov_iter *i);
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

/* All or nothing: a short copy is undone and gives false. */
static inline bool copy_from_iter_full(void *addr, size_t bytes, struct iov_iter *i)
{
	size_t copied = copy_from_iter(addr, bytes, i);

	if (copied == bytes)
		return true;
	iov_iter_revert(i, copied);
	return false;
}

static inline bool copy_to_iter_full(const void *addr, size_t bytes, struct iov_iter *i)
{
	size_t copied = copy_to_iter(addr, bytes, i);

	if (copied == bytes)
		return true;
	iov_iter_revert(i, copied);
	return false;
}

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/static_key.h"
#endif

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "asm/special_insns.h"
#endif

#endif
