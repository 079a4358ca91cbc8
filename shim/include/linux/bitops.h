/* Bit operations on unsigned long arrays (atomic and __non-atomic), ffs/fls, hweight, rotates. */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

#include "linux/types.h"
#include "linux/bits.h"
#include "linux/compiler.h"
#include "asm/bitsperlong.h"
#include "uapi/linux/const.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/typecheck.h"
#include "asm/barrier.h"
#endif

#define BITS_PER_TYPE(type)	(sizeof(type) * BITS_PER_BYTE)
#define BITS_TO_LONGS(nr)	__KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(long))
#define BITS_TO_U64(nr)		__KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(u64))
#define BITS_TO_U32(nr)		__KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(u32))
#define BITS_TO_BYTES(nr)	__KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(char))

/* ---- atomic bit operations (sequentially consistent) ---- */

static inline void set_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_SEQ_CST);
}

static inline void clear_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_SEQ_CST);
}

static inline void change_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_xor(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_SEQ_CST);
}

static inline bool test_and_set_bit(long nr, volatile unsigned long *addr)
{
	return (__atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr),
				  __ATOMIC_SEQ_CST) & BIT_MASK(nr)) != 0;
}

static inline bool test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	return (__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr),
				   __ATOMIC_SEQ_CST) & BIT_MASK(nr)) != 0;
}

static inline bool test_and_change_bit(long nr, volatile unsigned long *addr)
{
	return (__atomic_fetch_xor(&addr[BIT_WORD(nr)], BIT_MASK(nr),
				   __ATOMIC_SEQ_CST) & BIT_MASK(nr)) != 0;
}

static inline bool test_bit(long nr, const volatile unsigned long *addr)
{
	return 1UL & (addr[BIT_WORD(nr)] >> (nr & (BITS_PER_LONG - 1)));
}

static inline bool test_bit_acquire(long nr, const volatile unsigned long *addr)
{
	return 1UL & (__atomic_load_n(&addr[BIT_WORD(nr)], __ATOMIC_ACQUIRE) >>
		      (nr & (BITS_PER_LONG - 1)));
}

/* Lock-flavoured variants: acquire on set, release on clear. */
static inline bool test_and_set_bit_lock(long nr, volatile unsigned long *addr)
{
	return (__atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr),
				  __ATOMIC_ACQUIRE) & BIT_MASK(nr)) != 0;
}

static inline void clear_bit_unlock(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_RELEASE);
}

static inline void __clear_bit_unlock(long nr, volatile unsigned long *addr)
{
	clear_bit_unlock(nr, addr);
}

/* ---- non-atomic bit operations ---- */

static inline void __set_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] = addr[BIT_WORD(nr)] | BIT_MASK(nr);
}

static inline void __clear_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] = addr[BIT_WORD(nr)] & ~BIT_MASK(nr);
}

static inline void __change_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] = addr[BIT_WORD(nr)] ^ BIT_MASK(nr);
}

static inline bool __test_and_set_bit(long nr, volatile unsigned long *addr)
{
	unsigned long old = addr[BIT_WORD(nr)];

	addr[BIT_WORD(nr)] = old | BIT_MASK(nr);
	return (old & BIT_MASK(nr)) != 0;
}

static inline bool __test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	unsigned long old = addr[BIT_WORD(nr)];

	addr[BIT_WORD(nr)] = old & ~BIT_MASK(nr);
	return (old & BIT_MASK(nr)) != 0;
}

static inline bool __test_and_change_bit(long nr, volatile unsigned long *addr)
{
	unsigned long old = addr[BIT_WORD(nr)];

	addr[BIT_WORD(nr)] = old ^ BIT_MASK(nr);
	return (old & BIT_MASK(nr)) != 0;
}

static inline void assign_bit(long nr, volatile unsigned long *addr, bool value)
{
	if (value)
		set_bit(nr, addr);
	else
		clear_bit(nr, addr);
}

static inline void __assign_bit(long nr, volatile unsigned long *addr, bool value)
{
	if (value)
		__set_bit(nr, addr);
	else
		__clear_bit(nr, addr);
}

/* ---- find first / last set ---- */

/*
 * ffs() is also a libc function; C++ code (which may see glibc's <strings.h>)
 * uses glibc's, which computes the same thing.
 */
#ifndef __cplusplus
/* 1-based index of the lowest set bit, 0 when x == 0. */
static inline int ffs(int x)
{
	return __builtin_ffs(x);
}
#endif

/* 1-based index of the highest set bit, 0 when x == 0. */
static inline int fls(unsigned int x)
{
	return x ? (int)(sizeof(x) * 8) - __builtin_clz(x) : 0;
}

/* 0-based index of the lowest set bit; undefined for 0. */
static inline unsigned long __ffs(unsigned long word)
{
	return (unsigned long)__builtin_ctzl(word);
}

/* 0-based index of the highest set bit; undefined for 0. */
static inline unsigned long __fls(unsigned long word)
{
	return (unsigned long)(BITS_PER_LONG - 1 - __builtin_clzl(word));
}

/* 0-based index of the lowest clear bit; undefined for ~0UL. */
#define ffz(x) __ffs(~(x))

static inline int fls64(u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

static inline unsigned int fls_long(unsigned long l)
{
	return (unsigned int)fls64(l);
}

static inline unsigned long __ffs64(u64 word)
{
	return __ffs((unsigned long)word);
}

/* Order of the smallest power of two >= count; -1 for 0. */
static inline int get_count_order(unsigned int count)
{
	if (count == 0)
		return -1;
	return fls(--count);
}

static inline int get_count_order_long(unsigned long l)
{
	if (l == 0UL)
		return -1;
	return (int)fls_long(--l);
}

static inline int get_bitmask_order(unsigned int count)
{
	return fls(count);
}

/* ---- population count ---- */

#define hweight8(w)	((unsigned int)__builtin_popcount((u8)(w)))
#define hweight16(w)	((unsigned int)__builtin_popcount((u16)(w)))
#define hweight32(w)	((unsigned int)__builtin_popcount((u32)(w)))
#define hweight64(w)	((unsigned long)__builtin_popcountll((u64)(w)))

static inline unsigned long hweight_long(unsigned long w)
{
	return (unsigned long)__builtin_popcountl(w);
}

/* ---- rotates and sign extension ---- */

static inline u64 rol64(u64 word, unsigned int shift)
{
	return (word << (shift & 63)) | (word >> ((-shift) & 63));
}

static inline u64 ror64(u64 word, unsigned int shift)
{
	return (word >> (shift & 63)) | (word << ((-shift) & 63));
}

static inline u32 rol32(u32 word, unsigned int shift)
{
	return (word << (shift & 31)) | (word >> ((-shift) & 31));
}

static inline u32 ror32(u32 word, unsigned int shift)
{
	return (word >> (shift & 31)) | (word << ((-shift) & 31));
}

static inline u16 rol16(u16 word, unsigned int shift)
{
	return (u16)((word << (shift & 15)) | (word >> ((-shift) & 15)));
}

static inline u16 ror16(u16 word, unsigned int shift)
{
	return (u16)((word >> (shift & 15)) | (word << ((-shift) & 15)));
}

static inline u8 rol8(u8 word, unsigned int shift)
{
	return (u8)((word << (shift & 7)) | (word >> ((-shift) & 7)));
}

static inline u8 ror8(u8 word, unsigned int shift)
{
	return (u8)((word >> (shift & 7)) | (word << ((-shift) & 7)));
}

/* Treat bit index as the sign bit of value and extend it to 32/64 bits. */
static inline s32 sign_extend32(u32 value, int index)
{
	u8 shift = (u8)(31 - index);

	return (s32)(value << shift) >> shift;
}

static inline s64 sign_extend64(u64 value, int index)
{
	u8 shift = (u8)(63 - index);

	return (s64)(value << shift) >> shift;
}


#include "linux/find.h"

#endif
