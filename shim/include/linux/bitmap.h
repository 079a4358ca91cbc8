/* Fixed-size bitmaps of unsigned longs: zero/fill/copy, set/clear ranges, weight, logic ops. */
#ifndef _LINUX_BITMAP_H
#define _LINUX_BITMAP_H

#include "linux/types.h"
#include "linux/bitops.h"
#include "linux/find.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/align.h"
#include "linux/limits.h"
#include "linux/string.h"
#endif

/* Masks for the first and last word of a range (bits in the last word above nbits are ignored). */
#define BITMAP_FIRST_WORD_MASK(start)	(~0UL << ((start) & (BITS_PER_LONG - 1)))
#define BITMAP_LAST_WORD_MASK(nbits)	(~0UL >> (-(nbits) & (BITS_PER_LONG - 1)))

#define bitmap_size(nbits)	(BITS_TO_LONGS(nbits) * sizeof(unsigned long))

static inline void bitmap_zero(unsigned long *dst, unsigned int nbits)
{
	__builtin_memset(dst, 0, bitmap_size(nbits));
}

static inline void bitmap_fill(unsigned long *dst, unsigned int nbits)
{
	__builtin_memset(dst, 0xff, bitmap_size(nbits));
}

static inline void bitmap_copy(unsigned long *dst, const unsigned long *src, unsigned int nbits)
{
	__builtin_memcpy(dst, src, bitmap_size(nbits));
}

/* Copy, clearing the unused bits of the last word. */
static inline void bitmap_copy_clear_tail(unsigned long *dst, const unsigned long *src,
					  unsigned int nbits)
{
	bitmap_copy(dst, src, nbits);
	if (nbits % BITS_PER_LONG)
		dst[nbits / BITS_PER_LONG] &= BITMAP_LAST_WORD_MASK(nbits);
}

static inline unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits)
{
	unsigned int i, w = 0;

	for (i = 0; i < nbits / BITS_PER_LONG; i++)
		w += (unsigned int)hweight_long(src[i]);
	if (nbits % BITS_PER_LONG)
		w += (unsigned int)hweight_long(src[i] & BITMAP_LAST_WORD_MASK(nbits));
	return w;
}

/* Set bits [start, start + len). */
static inline void bitmap_set(unsigned long *map, unsigned int start, unsigned int len)
{
	unsigned long *p = map + BIT_WORD(start);
	const unsigned int size = start + len;
	int bits_to_set = (int)(BITS_PER_LONG - (start % BITS_PER_LONG));
	unsigned long mask_to_set = BITMAP_FIRST_WORD_MASK(start);

	while (len && (int)len - bits_to_set >= 0) {
		*p |= mask_to_set;
		len -= (unsigned int)bits_to_set;
		bits_to_set = BITS_PER_LONG;
		mask_to_set = ~0UL;
		p++;
	}
	if (len) {
		mask_to_set &= BITMAP_LAST_WORD_MASK(size);
		*p |= mask_to_set;
	}
}

/* Clear bits [start, start + len). */
static inline void bitmap_clear(unsigned long *map, unsigned int start, unsigned int len)
{
	unsigned long *p = map + BIT_WORD(start);
	const unsigned int size = start + len;
	int bits_to_clear = (int)(BITS_PER_LONG - (start % BITS_PER_LONG));
	unsigned long mask_to_clear = BITMAP_FIRST_WORD_MASK(start);

	while (len && (int)len - bits_to_clear >= 0) {
		*p &= ~mask_to_clear;
		len -= (unsigned int)bits_to_clear;
		bits_to_clear = BITS_PER_LONG;
		mask_to_clear = ~0UL;
		p++;
	}
	if (len) {
		mask_to_clear &= BITMAP_LAST_WORD_MASK(size);
		*p &= ~mask_to_clear;
	}
}

static inline bool bitmap_empty(const unsigned long *src, unsigned int nbits)
{
	return find_first_bit(src, nbits) == nbits;
}

static inline bool bitmap_full(const unsigned long *src, unsigned int nbits)
{
	return find_first_zero_bit(src, nbits) == nbits;
}

static inline bool bitmap_equal(const unsigned long *src1, const unsigned long *src2,
				unsigned int nbits)
{
	unsigned int i;

	for (i = 0; i < nbits / BITS_PER_LONG; i++)
		if (src1[i] != src2[i])
			return false;
	if (nbits % BITS_PER_LONG)
		return ((src1[i] ^ src2[i]) & BITMAP_LAST_WORD_MASK(nbits)) == 0;
	return true;
}

/* The binary operations below return whether the result has any bit set (where the kernel's do). */
static inline bool bitmap_and(unsigned long *dst, const unsigned long *src1,
			      const unsigned long *src2, unsigned int nbits)
{
	unsigned int i, n = (unsigned int)BITS_TO_LONGS(nbits);
	unsigned long any = 0;

	for (i = 0; i < n; i++) {
		dst[i] = src1[i] & src2[i];
		any |= (i + 1 == n) ? dst[i] & BITMAP_LAST_WORD_MASK(nbits) : dst[i];
	}
	return any != 0;
}

static inline void bitmap_or(unsigned long *dst, const unsigned long *src1,
			     const unsigned long *src2, unsigned int nbits)
{
	unsigned int i, n = (unsigned int)BITS_TO_LONGS(nbits);

	for (i = 0; i < n; i++)
		dst[i] = src1[i] | src2[i];
}

static inline void bitmap_xor(unsigned long *dst, const unsigned long *src1,
			      const unsigned long *src2, unsigned int nbits)
{
	unsigned int i, n = (unsigned int)BITS_TO_LONGS(nbits);

	for (i = 0; i < n; i++)
		dst[i] = src1[i] ^ src2[i];
}

static inline bool bitmap_andnot(unsigned long *dst, const unsigned long *src1,
				 const unsigned long *src2, unsigned int nbits)
{
	unsigned int i, n = (unsigned int)BITS_TO_LONGS(nbits);
	unsigned long any = 0;

	for (i = 0; i < n; i++) {
		dst[i] = src1[i] & ~src2[i];
		any |= (i + 1 == n) ? dst[i] & BITMAP_LAST_WORD_MASK(nbits) : dst[i];
	}
	return any != 0;
}

static inline void bitmap_complement(unsigned long *dst, const unsigned long *src,
				     unsigned int nbits)
{
	unsigned int i, n = (unsigned int)BITS_TO_LONGS(nbits);

	for (i = 0; i < n; i++)
		dst[i] = ~src[i];
}

static inline bool bitmap_intersects(const unsigned long *src1, const unsigned long *src2,
				     unsigned int nbits)
{
	unsigned int i, n = (unsigned int)BITS_TO_LONGS(nbits);

	for (i = 0; i < n; i++) {
		unsigned long w = src1[i] & src2[i];

		if (i + 1 == n)
			w &= BITMAP_LAST_WORD_MASK(nbits);
		if (w)
			return true;
	}
	return false;
}

/* True when every bit of src1 is also set in src2. */
static inline bool bitmap_subset(const unsigned long *src1, const unsigned long *src2,
				 unsigned int nbits)
{
	unsigned int i, n = (unsigned int)BITS_TO_LONGS(nbits);

	for (i = 0; i < n; i++) {
		unsigned long w = src1[i] & ~src2[i];

		if (i + 1 == n)
			w &= BITMAP_LAST_WORD_MASK(nbits);
		if (w)
			return false;
	}
	return true;
}

#endif
