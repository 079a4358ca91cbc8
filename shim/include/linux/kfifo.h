/* Generic FIFOs: DECLARE_KFIFO/DEFINE_KFIFO/kfifo_alloc, kfifo_in/out/peek/put/get, record fifos, 6.1's semantics. */
#ifndef _LINUX_KFIFO_H
#define _LINUX_KFIFO_H

#include "linux/kernel.h"
#include "linux/spinlock.h"
#include "linux/stddef.h"
#include "linux/gfp.h"
#include "linux/errno.h"

/*
 * A fifo of 2^n elements of esize bytes; in and out count elements put and taken, modulo
 * 2^32, so in - out is the length and (in & mask) the slot. A record fifo (recsize 1 or 2)
 * stores each record as a recsize-byte length (little end first) and the bytes.
 */
struct __kfifo {
	unsigned int	in;
	unsigned int	out;
	unsigned int	mask;
	unsigned int	esize;
	void		*data;
};

/* The union gives the macros the element type (type, const_type), the record size (the size
 * of *rectype) and the buffer pointer types (ptr, ptr_const) of a fifo. */
#define __STRUCT_KFIFO_COMMON(datatype, recsize, ptrtype)			\
	union {									\
		struct __kfifo	kfifo;						\
		datatype	*type;						\
		const datatype	*const_type;					\
		char		(*rectype)[recsize];				\
		ptrtype		*ptr;						\
		ptrtype const	*ptr_const;					\
	}

/* An embedded buffer of size elements: size must be a power of two of at least 2. */
#define __STRUCT_KFIFO(type, size, recsize, ptrtype)				\
	{									\
		__STRUCT_KFIFO_COMMON(type, recsize, ptrtype);			\
		type buf[((size < 2) || (size & (size - 1))) ? -1 : size];	\
	}
#define STRUCT_KFIFO(type, size)	struct __STRUCT_KFIFO(type, size, 0, type)

/* A fifo whose buffer is allocated or given later (kfifo_alloc, kfifo_init). */
#define __STRUCT_KFIFO_PTR(type, recsize, ptrtype)				\
	{									\
		__STRUCT_KFIFO_COMMON(type, recsize, ptrtype);			\
		type buf[0];							\
	}
#define STRUCT_KFIFO_PTR(type)		struct __STRUCT_KFIFO_PTR(type, 0, type)

/* C only: C++ forbids a member named like its class (kfifo.kfifo); C++ code uses DECLARE_KFIFO_PTR. */
#ifndef __cplusplus
struct kfifo __STRUCT_KFIFO_PTR(unsigned char, 0, void);
#endif

#define STRUCT_KFIFO_REC_1(size)	struct __STRUCT_KFIFO(unsigned char, size, 1, void)
#define STRUCT_KFIFO_REC_2(size)	struct __STRUCT_KFIFO(unsigned char, size, 2, void)
struct kfifo_rec_ptr_1 __STRUCT_KFIFO_PTR(unsigned char, 1, void);
struct kfifo_rec_ptr_2 __STRUCT_KFIFO_PTR(unsigned char, 2, void);

#ifdef __cplusplus
extern "C" {
#endif
/* kfifo_alloc's engine: may sleep with GFP_KERNEL; rounds size up to a power of two. */
int __kfifo_alloc(struct __kfifo *fifo, unsigned int size, size_t esize, gfp_t gfp_mask);
void __kfifo_free(struct __kfifo *fifo);
/* kfifo_init's engine: the buffer's elements rounded down to a power of two. */
int __kfifo_init(struct __kfifo *fifo, void *buffer, unsigned int size, size_t esize);
/* The rest need no context: they never sleep; concurrent users need their own lock, except one
 * reader with one writer. */
unsigned int __kfifo_in(struct __kfifo *fifo, const void *buf, unsigned int len);
unsigned int __kfifo_out(struct __kfifo *fifo, void *buf, unsigned int len);
unsigned int __kfifo_out_peek(struct __kfifo *fifo, void *buf, unsigned int len);
int __kfifo_from_user(struct __kfifo *fifo, const void __user *from, unsigned long len,
		      unsigned int *copied);
int __kfifo_to_user(struct __kfifo *fifo, void __user *to, unsigned long len, unsigned int *copied);
unsigned int __kfifo_max_r(unsigned int len, size_t recsize);
unsigned int __kfifo_in_r(struct __kfifo *fifo, const void *buf, unsigned int len, size_t recsize);
unsigned int __kfifo_out_r(struct __kfifo *fifo, void *buf, unsigned int len, size_t recsize);
unsigned int __kfifo_len_r(struct __kfifo *fifo, size_t recsize);
void __kfifo_skip_r(struct __kfifo *fifo, size_t recsize);
unsigned int __kfifo_out_peek_r(struct __kfifo *fifo, void *buf, unsigned int len, size_t recsize);
int __kfifo_from_user_r(struct __kfifo *fifo, const void __user *from, unsigned long len,
			unsigned int *copied, size_t recsize);
int __kfifo_to_user_r(struct __kfifo *fifo, void __user *to, unsigned long len,
		      unsigned int *copied, size_t recsize);
#ifdef __cplusplus
}
#endif

/* The results that 6.1 marks __must_check (kfifo_get, kfifo_out, kfifo_alloc, ...). */
static inline unsigned int __must_check __kfifo_uint_must_check_helper(unsigned int val) { return val; }
static inline int __must_check __kfifo_int_must_check_helper(int val) { return val; }

/* A pointer fifo's struct is no bigger than its pointer-fifo form (no embedded buffer). */
#ifndef __cplusplus
#define __is_kfifo_ptr(fifo)							\
	(sizeof(*fifo) == sizeof(STRUCT_KFIFO_PTR(__typeof__(*(fifo)->type))))
#else
/* C++ cannot define a type inside sizeof: the pointer form's size, computed. */
static inline constexpr size_t __kshim_kfifo_ptr_size(size_t align)
{
	return (sizeof(struct __kfifo) + (align > alignof(struct __kfifo) ? align : alignof(struct __kfifo)) - 1) /
	       (align > alignof(struct __kfifo) ? align : alignof(struct __kfifo)) *
	       (align > alignof(struct __kfifo) ? align : alignof(struct __kfifo));
}
#define __is_kfifo_ptr(fifo)							\
	(sizeof(*fifo) == __kshim_kfifo_ptr_size(alignof(__typeof__(*(fifo)->type))))
#endif

#define DECLARE_KFIFO_PTR(fifo, type)	STRUCT_KFIFO_PTR(type) fifo
#define DECLARE_KFIFO(fifo, type, size)	STRUCT_KFIFO(type, size) fifo

#define INIT_KFIFO(fifo)							\
	(void)({								\
		__typeof__(&(fifo)) __tmp = &(fifo);				\
		struct __kfifo *__kf = &__tmp->kfifo;				\
		__kf->in = 0;							\
		__kf->out = 0;							\
		__kf->mask = __is_kfifo_ptr(__tmp) ? 0 : ARRAY_SIZE(__tmp->buf) - 1; \
		__kf->esize = sizeof(*__tmp->buf);				\
		__kf->data = __is_kfifo_ptr(__tmp) ? NULL : __tmp->buf;	\
	})

#define DEFINE_KFIFO(fifo, type, size)						\
	DECLARE_KFIFO(fifo, type, size) =					\
	(__typeof__(fifo)) { { { .in = 0, .out = 0,				\
		.mask = __is_kfifo_ptr(&(fifo)) ? 0 : ARRAY_SIZE((fifo).buf) - 1,	\
		.esize = sizeof(*(fifo).buf),					\
		.data = __is_kfifo_ptr(&(fifo)) ? NULL : (fifo).buf } } }

/* (fifo) + 1 makes sure fifo is a pointer. */
#define __kfifo_tmp(fifo)	__typeof__((fifo) + 1)

#define kfifo_initialized(fifo)	((fifo)->kfifo.mask)
#define kfifo_esize(fifo)	((fifo)->kfifo.esize)
#define kfifo_recsize(fifo)	(sizeof(*(fifo)->rectype))
#define kfifo_size(fifo)	((fifo)->kfifo.mask + 1)
#define kfifo_reset(fifo)							\
	(void)({ __kfifo_tmp(fifo) __t_kfifo_reset = (fifo); __t_kfifo_reset->kfifo.in = __t_kfifo_reset->kfifo.out = 0; })
#define kfifo_reset_out(fifo)							\
	(void)({ __kfifo_tmp(fifo) __t_kfifo_reset_out = (fifo); __t_kfifo_reset_out->kfifo.out = __t_kfifo_reset_out->kfifo.in; })
#define kfifo_len(fifo)								\
	({ __kfifo_tmp(fifo) __t_kfifo_len = (fifo); __t_kfifo_len->kfifo.in - __t_kfifo_len->kfifo.out; })
#define kfifo_is_empty(fifo)							\
	({ __kfifo_tmp(fifo) __t_kfifo_is_empty = (fifo); __t_kfifo_is_empty->kfifo.in == __t_kfifo_is_empty->kfifo.out; })
#define kfifo_is_empty_spinlocked(fifo, lock)					\
	({ unsigned long __fl_kfifo_is_empty_spinlocked; bool __r_kfifo_is_empty_spinlocked;					\
	   spin_lock_irqsave(lock, __fl_kfifo_is_empty_spinlocked); __r_kfifo_is_empty_spinlocked = kfifo_is_empty(fifo);		\
	   spin_unlock_irqrestore(lock, __fl_kfifo_is_empty_spinlocked); __r_kfifo_is_empty_spinlocked; })
#define kfifo_is_empty_spinlocked_noirqsave(fifo, lock)			\
	({ bool __r_kfifo_is_empty_spinlocked_noirqsave; spin_lock(lock); __r_kfifo_is_empty_spinlocked_noirqsave = kfifo_is_empty(fifo); spin_unlock(lock); __r_kfifo_is_empty_spinlocked_noirqsave; })
#define kfifo_is_full(fifo)							\
	({ __kfifo_tmp(fifo) __t_kfifo_is_full = (fifo); kfifo_len(__t_kfifo_is_full) > __t_kfifo_is_full->kfifo.mask; })
/* Elements that fit; for a record fifo, the longest record that fits. */
#define __kshim_unchecked_kfifo_avail(fifo)							\
	({									\
		__kfifo_tmp(fifo) __t_kfifo_avail = (fifo);					\
		const size_t __rs_kfifo_avail = sizeof(*__t_kfifo_avail->rectype);			\
		unsigned int __av_kfifo_avail = kfifo_size(__t_kfifo_avail) - kfifo_len(__t_kfifo_avail);		\
		__rs_kfifo_avail ? (__av_kfifo_avail <= __rs_kfifo_avail ? 0 : __kfifo_max_r(__av_kfifo_avail - __rs_kfifo_avail, __rs_kfifo_avail)) : __av_kfifo_avail; \
	})
#define kfifo_avail(fifo)	__kfifo_uint_must_check_helper(__kshim_unchecked_kfifo_avail(fifo))
#define kfifo_skip(fifo)							\
	(void)({								\
		__kfifo_tmp(fifo) __t_kfifo_skip = (fifo);					\
		const size_t __rs_kfifo_skip = sizeof(*__t_kfifo_skip->rectype);			\
		if (__rs_kfifo_skip)							\
			__kfifo_skip_r(&__t_kfifo_skip->kfifo, __rs_kfifo_skip);			\
		else								\
			__t_kfifo_skip->kfifo.out++;					\
	})
/* The size of the next record (a plain fifo: the element size). */
#define __kshim_unchecked_kfifo_peek_len(fifo)							\
	({									\
		__kfifo_tmp(fifo) __t_kfifo_peek_len = (fifo);					\
		const size_t __rs_kfifo_peek_len = sizeof(*__t_kfifo_peek_len->rectype);			\
		!__rs_kfifo_peek_len ? __t_kfifo_peek_len->kfifo.esize : __kfifo_len_r(&__t_kfifo_peek_len->kfifo, __rs_kfifo_peek_len);	\
	})
#define kfifo_peek_len(fifo)	__kfifo_uint_must_check_helper(__kshim_unchecked_kfifo_peek_len(fifo))

#define __kshim_unchecked_kfifo_alloc(fifo, size, gfp_mask)					\
	({									\
		__kfifo_tmp(fifo) __t_kfifo_alloc = (fifo);					\
		__is_kfifo_ptr(__t_kfifo_alloc) ?						\
			__kfifo_alloc(&__t_kfifo_alloc->kfifo, size, sizeof(*__t_kfifo_alloc->type), gfp_mask) : \
			-EINVAL;						\
	})
#define kfifo_alloc(fifo, size, gfp_mask)	__kfifo_int_must_check_helper(__kshim_unchecked_kfifo_alloc(fifo, size, gfp_mask))
#define kfifo_free(fifo)							\
	(void)({ __kfifo_tmp(fifo) __t_kfifo_free = (fifo); if (__is_kfifo_ptr(__t_kfifo_free)) __kfifo_free(&__t_kfifo_free->kfifo); })
#define kfifo_init(fifo, buffer, size)						\
	({									\
		__kfifo_tmp(fifo) __t_kfifo_init = (fifo);					\
		__is_kfifo_ptr(__t_kfifo_init) ?						\
			__kfifo_init(&__t_kfifo_init->kfifo, buffer, size, sizeof(*__t_kfifo_init->type)) : \
			-EINVAL;						\
	})

/* The buffer of fifo __t as an array of its elements. */
#define __kfifo_elems(__t_kfifo_elems)							\
	(__is_kfifo_ptr(__t_kfifo_elems) ? ((__typeof__(__t_kfifo_elems->type))__t_kfifo_elems->kfifo.data) : (__t_kfifo_elems->buf))

/* kfifo_put: 1 if val went in, 0 if the fifo is full. */
#define kfifo_put(fifo, val)							\
	({									\
		__kfifo_tmp(fifo) __t_kfifo_put = (fifo);					\
		__typeof__(*__t_kfifo_put->const_type) __v_kfifo_put = (val);			\
		unsigned int __r_kfifo_put;						\
		const size_t __rs_kfifo_put = sizeof(*__t_kfifo_put->rectype);			\
		if (__rs_kfifo_put) {							\
			__r_kfifo_put = __kfifo_in_r(&__t_kfifo_put->kfifo, &__v_kfifo_put, sizeof(__v_kfifo_put), __rs_kfifo_put); \
		} else {							\
			__r_kfifo_put = !kfifo_is_full(__t_kfifo_put);				\
			if (__r_kfifo_put) {						\
				__kfifo_elems(__t_kfifo_put)[__t_kfifo_put->kfifo.in & __t_kfifo_put->kfifo.mask] = \
					*(__typeof__(__t_kfifo_put->type))&__v_kfifo_put;		\
				smp_wmb();					\
				__t_kfifo_put->kfifo.in++;				\
			}							\
		}								\
		__r_kfifo_put;								\
	})

/* kfifo_get / kfifo_peek: 1 and the element in val, or 0 if the fifo is empty. */
#define __kfifo_get(fifo, val, take)						\
	({									\
		__kfifo_tmp(fifo) __t_kfifo_get = (fifo);					\
		__typeof__(__t_kfifo_get->ptr) __v_kfifo_get = (val);				\
		unsigned int __r_kfifo_get;						\
		const size_t __rs_kfifo_get = sizeof(*__t_kfifo_get->rectype);			\
		if (__rs_kfifo_get) {							\
			__r_kfifo_get = take ? __kfifo_out_r(&__t_kfifo_get->kfifo, __v_kfifo_get, sizeof(*__v_kfifo_get), __rs_kfifo_get) : \
				     __kfifo_out_peek_r(&__t_kfifo_get->kfifo, __v_kfifo_get, sizeof(*__v_kfifo_get), __rs_kfifo_get); \
		} else {							\
			__r_kfifo_get = !kfifo_is_empty(__t_kfifo_get);				\
			if (__r_kfifo_get) {						\
				*(__typeof__(__t_kfifo_get->type))__v_kfifo_get =			\
					__kfifo_elems(__t_kfifo_get)[__t_kfifo_get->kfifo.out & __t_kfifo_get->kfifo.mask]; \
				if (take) {					\
					smp_wmb();				\
					__t_kfifo_get->kfifo.out++;			\
				}						\
			}							\
		}								\
		__r_kfifo_get;								\
	})
#define kfifo_get(fifo, val)	__kfifo_uint_must_check_helper(__kfifo_get(fifo, val, 1))
#define kfifo_peek(fifo, val)	__kfifo_uint_must_check_helper(__kfifo_get(fifo, val, 0))

/* kfifo_in: how many elements (a record fifo: the record's length, or 0) went in. */
#define kfifo_in(fifo, buf, n)							\
	({									\
		__kfifo_tmp(fifo) __t_kfifo_in = (fifo);					\
		__typeof__(__t_kfifo_in->ptr_const) __b_kfifo_in = (buf);				\
		const size_t __rs_kfifo_in = sizeof(*__t_kfifo_in->rectype);			\
		__rs_kfifo_in ? __kfifo_in_r(&__t_kfifo_in->kfifo, __b_kfifo_in, n, __rs_kfifo_in) :		\
		       __kfifo_in(&__t_kfifo_in->kfifo, __b_kfifo_in, n);				\
	})
#define kfifo_in_spinlocked(fifo, buf, n, lock)					\
	({ unsigned long __fl_kfifo_in_spinlocked; unsigned int __r_kfifo_in_spinlocked;				\
	   spin_lock_irqsave(lock, __fl_kfifo_in_spinlocked); __r_kfifo_in_spinlocked = kfifo_in(fifo, buf, n);		\
	   spin_unlock_irqrestore(lock, __fl_kfifo_in_spinlocked); __r_kfifo_in_spinlocked; })
#define kfifo_in_spinlocked_noirqsave(fifo, buf, n, lock)			\
	({ unsigned int __r_kfifo_in_spinlocked_noirqsave; spin_lock(lock); __r_kfifo_in_spinlocked_noirqsave = kfifo_in(fifo, buf, n); spin_unlock(lock); __r_kfifo_in_spinlocked_noirqsave; })
#define kfifo_in_locked(fifo, buf, n, lock)	kfifo_in_spinlocked(fifo, buf, n, lock)

/* kfifo_out / kfifo_out_peek: how many elements (a record: its bytes copied) came out. */
#define __kfifo_out_n(fifo, buf, n, take)					\
	({									\
		__kfifo_tmp(fifo) __t_kfifo_out_n = (fifo);					\
		__typeof__(__t_kfifo_out_n->ptr) __b_kfifo_out_n = (buf);				\
		const size_t __rs_kfifo_out_n = sizeof(*__t_kfifo_out_n->rectype);			\
		__rs_kfifo_out_n ? (take ? __kfifo_out_r(&__t_kfifo_out_n->kfifo, __b_kfifo_out_n, n, __rs_kfifo_out_n) :	\
			       __kfifo_out_peek_r(&__t_kfifo_out_n->kfifo, __b_kfifo_out_n, n, __rs_kfifo_out_n)) :	\
		       (take ? __kfifo_out(&__t_kfifo_out_n->kfifo, __b_kfifo_out_n, n) :		\
			       __kfifo_out_peek(&__t_kfifo_out_n->kfifo, __b_kfifo_out_n, n));		\
	})
#define kfifo_out(fifo, buf, n)		__kfifo_uint_must_check_helper(__kfifo_out_n(fifo, buf, n, 1))
#define kfifo_out_peek(fifo, buf, n)	__kfifo_uint_must_check_helper(__kfifo_out_n(fifo, buf, n, 0))
#define __kshim_unchecked_kfifo_out_spinlocked(fifo, buf, n, lock)				\
	({ unsigned long __fl_kfifo_out_spinlocked; unsigned int __r_kfifo_out_spinlocked;				\
	   spin_lock_irqsave(lock, __fl_kfifo_out_spinlocked); __r_kfifo_out_spinlocked = kfifo_out(fifo, buf, n);	\
	   spin_unlock_irqrestore(lock, __fl_kfifo_out_spinlocked); __r_kfifo_out_spinlocked; })
#define kfifo_out_spinlocked(fifo, buf, n, lock)	__kfifo_uint_must_check_helper(__kshim_unchecked_kfifo_out_spinlocked(fifo, buf, n, lock))
#define __kshim_unchecked_kfifo_out_spinlocked_noirqsave(fifo, buf, n, lock)			\
	({ unsigned int __r_kfifo_out_spinlocked_noirqsave; spin_lock(lock); __r_kfifo_out_spinlocked_noirqsave = kfifo_out(fifo, buf, n); spin_unlock(lock); __r_kfifo_out_spinlocked_noirqsave; })
#define kfifo_out_spinlocked_noirqsave(fifo, buf, n, lock)	__kfifo_uint_must_check_helper(__kshim_unchecked_kfifo_out_spinlocked_noirqsave(fifo, buf, n, lock))
#define kfifo_out_locked(fifo, buf, n, lock)	kfifo_out_spinlocked(fifo, buf, n, lock)

/* User copies: loud stubs (-ENOSYS) until kshim has user memory. */
#define __kfifo_user(fifo, buf, len, copied, fn)				\
	({									\
		__kfifo_tmp(fifo) __t_kfifo_user = (fifo);			\
		const size_t __rs_kfifo_user = sizeof(*__t_kfifo_user->rectype); \
		__rs_kfifo_user ?						\
			fn##_r(&__t_kfifo_user->kfifo, buf, len, copied, __rs_kfifo_user) : \
			fn(&__t_kfifo_user->kfifo, buf, len, copied);		\
	})
#define kfifo_from_user(fifo, from, len, copied)	__kfifo_int_must_check_helper(__kfifo_user(fifo, from, len, copied, __kfifo_from_user))
#define kfifo_to_user(fifo, to, len, copied)		__kfifo_int_must_check_helper(__kfifo_user(fifo, to, len, copied, __kfifo_to_user))

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/mm.h"
#include "asm/io.h"
#endif

#endif
