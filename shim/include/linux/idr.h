/* ID allocation: idr (ids mapped to pointers) and ida (bare ids), with 6.1's ranges and return values. */
#ifndef __IDR_H__
#define __IDR_H__

#include "linux/radix-tree.h"
#include "linux/gfp.h"
#include "linux/percpu.h"

struct idr {
	struct radix_tree_root	idr_rt;
	unsigned int		idr_base;
	unsigned int		idr_next;
};

struct ida {
	struct xarray xa;
};

#define IDR_INIT_BASE(name, base) {						\
	.idr_rt = RADIX_TREE_INIT(name.idr_rt, XA_FLAGS_ALLOC),		\
	.idr_base = (base),							\
	.idr_next = 0,								\
}
#define IDR_INIT(name)		IDR_INIT_BASE(name, 0)
#define DEFINE_IDR(name)	struct idr name = IDR_INIT(name)

#define idr_lock(idr)		xa_lock(&(idr)->idr_rt)
#define idr_unlock(idr)		xa_unlock(&(idr)->idr_rt)
#define idr_lock_bh(idr)	xa_lock_bh(&(idr)->idr_rt)
#define idr_unlock_bh(idr)	xa_unlock_bh(&(idr)->idr_rt)
#define idr_lock_irq(idr)	xa_lock_irq(&(idr)->idr_rt)
#define idr_unlock_irq(idr)	xa_unlock_irq(&(idr)->idr_rt)
#define idr_lock_irqsave(idr, flags)	xa_lock_irqsave(&(idr)->idr_rt, flags)
#define idr_unlock_irqrestore(idr, flags) xa_unlock_irqrestore(&(idr)->idr_rt, flags)

#ifdef __cplusplus
extern "C" {
#endif
/* The caller serialises changes to one idr (its own lock or idr_lock); lookups need none in
 * kshim. idr_alloc: an id in [start, end) (end <= 0: up to INT_MAX), -ENOSPC when none is
 * free, -EINVAL (with a warning) for a negative start. */
int idr_alloc(struct idr *idr, void *ptr, int start, int end, gfp_t gfp);
int idr_alloc_u32(struct idr *idr, void *ptr, u32 *id, unsigned long max, gfp_t gfp);
int idr_alloc_cyclic(struct idr *idr, void *ptr, int start, int end, gfp_t gfp);
void *idr_remove(struct idr *idr, unsigned long id);
void *idr_find(const struct idr *idr, unsigned long id);
int idr_for_each(const struct idr *idr, int (*fn)(int id, void *p, void *data), void *data);
void *idr_get_next(struct idr *idr, int *nextid);
void *idr_get_next_ul(struct idr *idr, unsigned long *nextid);
/* The old pointer, or ERR_PTR(-ENOENT) if id is not allocated. */
void *idr_replace(struct idr *idr, void *ptr, unsigned long id);
void idr_destroy(struct idr *idr);

/* ida_alloc_range: the lowest free id in [min, max] (max above INT_MAX: INT_MAX), -ENOSPC. */
int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max, gfp_t gfp);
/* Warns "ida_free called for id=N which is not allocated." for an id not allocated. */
void ida_free(struct ida *ida, unsigned int id);
void ida_destroy(struct ida *ida);
#ifdef __cplusplus
}
#endif

static inline unsigned int idr_get_cursor(const struct idr *idr)
{
	return READ_ONCE(idr->idr_next);
}

static inline void idr_set_cursor(struct idr *idr, unsigned int val)
{
	WRITE_ONCE(idr->idr_next, val);
}

static inline void idr_init_base(struct idr *idr, int base)
{
	INIT_RADIX_TREE(&idr->idr_rt, XA_FLAGS_ALLOC);
	idr->idr_base = (unsigned int)base;
	idr->idr_next = 0;
}

static inline void idr_init(struct idr *idr)
{
	idr_init_base(idr, 0);
}

static inline bool idr_is_empty(const struct idr *idr)
{
	return radix_tree_empty(&idr->idr_rt);
}

/* Linux preloads nodes and keeps preemption off until idr_preload_end(). */
static inline void idr_preload(gfp_t gfp_mask)
{
	(void)gfp_mask;
	preempt_disable();
}

static inline void idr_preload_end(void)
{
	preempt_enable();
}

#define idr_for_each_entry(idr, entry, id)					\
	for (id = 0; ((entry) = idr_get_next(idr, &(id))) != NULL; id += 1U)
#define idr_for_each_entry_ul(idr, entry, tmp, id)				\
	for (tmp = 0, id = 0; ((entry) = idr_get_next_ul(idr, &(id))) != NULL; id += 1UL)
#define idr_for_each_entry_continue(idr, entry, id)				\
	for ((entry) = idr_get_next((idr), &(id)); entry; ++id, (entry) = idr_get_next((idr), &(id)))

#define IDA_INIT_FLAGS	(XA_FLAGS_LOCK_IRQ | XA_FLAGS_ALLOC)
#define IDA_INIT(name)	{ .xa = XARRAY_INIT(name, IDA_INIT_FLAGS) }
#define DEFINE_IDA(name)	struct ida name = IDA_INIT(name)

static inline int ida_alloc(struct ida *ida, gfp_t gfp)
{
	return ida_alloc_range(ida, 0, ~0U, gfp);
}

static inline int ida_alloc_min(struct ida *ida, unsigned int min, gfp_t gfp)
{
	return ida_alloc_range(ida, min, ~0U, gfp);
}

static inline int ida_alloc_max(struct ida *ida, unsigned int max, gfp_t gfp)
{
	return ida_alloc_range(ida, 0, max, gfp);
}

static inline void ida_init(struct ida *ida)
{
	xa_init_flags(&ida->xa, IDA_INIT_FLAGS);
}

/* The old names: end is exclusive, 0 meaning no limit. */
#define ida_simple_get(ida, start, end, gfp)	ida_alloc_range(ida, start, (end) - 1, gfp)
#define ida_simple_remove(ida, id)		ida_free(ida, id)

static inline bool ida_is_empty(const struct ida *ida)
{
	return xa_empty(&ida->xa);
}

#endif
