/* Bob Jenkins' lookup3 hash as the kernel uses it: jhash(), jhash2() and the 1-3 word forms. */
#ifndef _LINUX_JHASH_H
#define _LINUX_JHASH_H

#include "linux/types.h"
#include "linux/compiler.h"
#include "linux/bitops.h"

/* Arbitrary starting value of the lookup3 state. */
#define JHASH_INITVAL		0xdeadbeef

/* Reversible mixing of three 32-bit words. */
static inline void __kshim_jhash_mix(u32 *a, u32 *b, u32 *c)
{
	*a -= *c; *a ^= rol32(*c, 4);  *c += *b;
	*b -= *a; *b ^= rol32(*a, 6);  *a += *c;
	*c -= *b; *c ^= rol32(*b, 8);  *b += *a;
	*a -= *c; *a ^= rol32(*c, 16); *c += *b;
	*b -= *a; *b ^= rol32(*a, 19); *a += *c;
	*c -= *b; *c ^= rol32(*b, 4);  *b += *a;
}

/* Final avalanche of the three words into c. */
static inline void __kshim_jhash_final(u32 *a, u32 *b, u32 *c)
{
	*c ^= *b; *c -= rol32(*b, 14);
	*a ^= *c; *a -= rol32(*c, 11);
	*b ^= *a; *b -= rol32(*a, 25);
	*c ^= *b; *c -= rol32(*b, 16);
	*a ^= *c; *a -= rol32(*c, 4);
	*b ^= *a; *b -= rol32(*a, 14);
	*c ^= *b; *c -= rol32(*b, 24);
}

#define __jhash_mix(a, b, c)	__kshim_jhash_mix(&(a), &(b), &(c))
#define __jhash_final(a, b, c)	__kshim_jhash_final(&(a), &(b), &(c))

static inline u32 __kshim_jhash_le32(const u8 *p)
{
	u32 v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

/* Up to four bytes at p as a little-endian number. */
static inline u32 __kshim_jhash_tail(const u8 *p, u32 n)
{
	u32 v = 0;

	while (n--)
		v |= (u32)p[n] << (8 * n);
	return v;
}

/* Hash length bytes at key (any alignment) with seed initval. */
static inline u32 jhash(const void *key, u32 length, u32 initval)
{
	const u8 *k = (const u8 *)key;
	u32 a, b, c;

	a = b = c = JHASH_INITVAL + length + initval;

	while (length > 12) {
		a += __kshim_jhash_le32(k);
		b += __kshim_jhash_le32(k + 4);
		c += __kshim_jhash_le32(k + 8);
		__kshim_jhash_mix(&a, &b, &c);
		length -= 12;
		k += 12;
	}

	/* 1..12 trailing bytes, little-endian into a, b, c. */
	if (length == 0)
		return c;
	if (length > 8)
		c += __kshim_jhash_tail(k + 8, length - 8);
	if (length > 4)
		b += __kshim_jhash_tail(k + 4, length > 8 ? 4 : length - 4);
	a += __kshim_jhash_tail(k, length > 4 ? 4 : length);
	__kshim_jhash_final(&a, &b, &c);
	return c;
}

/* Hash length 32-bit words at k with seed initval. */
static inline u32 jhash2(const u32 *k, u32 length, u32 initval)
{
	u32 a, b, c;

	a = b = c = JHASH_INITVAL + (length << 2) + initval;

	while (length > 3) {
		a += k[0];
		b += k[1];
		c += k[2];
		__kshim_jhash_mix(&a, &b, &c);
		length -= 3;
		k += 3;
	}

	if (length == 0)
		return c;
	if (length == 3)
		c += k[2];
	if (length >= 2)
		b += k[1];
	a += k[0];
	__kshim_jhash_final(&a, &b, &c);
	return c;
}

static inline u32 __jhash_nwords(u32 a, u32 b, u32 c, u32 initval)
{
	a += initval;
	b += initval;
	c += initval;
	__kshim_jhash_final(&a, &b, &c);
	return c;
}

static inline u32 jhash_3words(u32 a, u32 b, u32 c, u32 initval)
{
	return __jhash_nwords(a, b, c, initval + JHASH_INITVAL + (3 << 2));
}

static inline u32 jhash_2words(u32 a, u32 b, u32 initval)
{
	return __jhash_nwords(a, b, 0, initval + JHASH_INITVAL + (2 << 2));
}

static inline u32 jhash_1word(u32 a, u32 initval)
{
	return __jhash_nwords(a, 0, 0, initval + JHASH_INITVAL + (1 << 2));
}

#endif
