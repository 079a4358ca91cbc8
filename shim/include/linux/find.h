/* Searching bitmaps: find_first_bit/find_next_bit/..., and for_each_set_bit/for_each_clear_bit. */
#ifndef _LINUX_FIND_H
#define _LINUX_FIND_H

#include "linux/types.h"
#include "linux/bits.h"
#include "asm/bitsperlong.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/bitops.h"
#endif

/*
 * Shared walker: scans for a set bit in (addr[i] ^ invert), starting at
 * offset, and returns its index or size when there is none.
 */
static inline unsigned long __kshim_find_bit(const unsigned long *addr,
					     unsigned long size,
					     unsigned long offset,
					     unsigned long invert)
{
	unsigned long word;

	if (offset >= size)
		return size;
	word = (addr[BIT_WORD(offset)] ^ invert) & (~0UL << (offset % BITS_PER_LONG));
	offset -= offset % BITS_PER_LONG;
	while (!word) {
		offset += BITS_PER_LONG;
		if (offset >= size)
			return size;
		word = addr[BIT_WORD(offset)] ^ invert;
	}
	offset += (unsigned long)__builtin_ctzl(word);
	return offset < size ? offset : size;
}

static inline unsigned long find_next_bit(const unsigned long *addr,
					  unsigned long size,
					  unsigned long offset)
{
	return __kshim_find_bit(addr, size, offset, 0UL);
}

static inline unsigned long find_next_zero_bit(const unsigned long *addr,
					       unsigned long size,
					       unsigned long offset)
{
	return __kshim_find_bit(addr, size, offset, ~0UL);
}

static inline unsigned long find_first_bit(const unsigned long *addr, unsigned long size)
{
	return __kshim_find_bit(addr, size, 0, 0UL);
}

static inline unsigned long find_first_zero_bit(const unsigned long *addr, unsigned long size)
{
	return __kshim_find_bit(addr, size, 0, ~0UL);
}

/* Index of the highest set bit below size, or size when none is set. */
static inline unsigned long find_last_bit(const unsigned long *addr, unsigned long size)
{
	unsigned long idx, word;

	if (!size)
		return size;
	idx = (size - 1) / BITS_PER_LONG;
	word = addr[idx];
	if ((size % BITS_PER_LONG) != 0)
		word &= ~0UL >> (BITS_PER_LONG - size % BITS_PER_LONG);
	for (;;) {
		if (word)
			return idx * BITS_PER_LONG + (BITS_PER_LONG - 1 -
						      (unsigned long)__builtin_clzl(word));
		if (idx == 0)
			return size;
		word = addr[--idx];
	}
}

/* Next bit set in both bitmaps. */
static inline unsigned long find_next_and_bit(const unsigned long *addr1,
					      const unsigned long *addr2,
					      unsigned long size,
					      unsigned long offset)
{
	for (; offset < size; offset++) {
		offset = find_next_bit(addr1, size, offset);
		if (offset >= size)
			break;
		if (addr2[BIT_WORD(offset)] & BIT_MASK(offset))
			return offset;
	}
	return size;
}

#define for_each_set_bit(bit, addr, size)				\
	for ((bit) = 0;							\
	     (bit) = find_next_bit((addr), (size), (bit)), (bit) < (size); \
	     (bit)++)

#define for_each_set_bit_from(bit, addr, size)				\
	for (;								\
	     (bit) = find_next_bit((addr), (size), (bit)), (bit) < (size); \
	     (bit)++)

#define for_each_clear_bit(bit, addr, size)				\
	for ((bit) = 0;							\
	     (bit) = find_next_zero_bit((addr), (size), (bit)), (bit) < (size); \
	     (bit)++)

#define for_each_clear_bit_from(bit, addr, size)			\
	for (;								\
	     (bit) = find_next_zero_bit((addr), (size), (bit)), (bit) < (size); \
	     (bit)++)

#endif
