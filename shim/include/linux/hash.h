/* Multiplicative hashing: hash_32/hash_64/hash_long/hash_ptr fold a value into a given number of bits. */
#ifndef _LINUX_HASH_H
#define _LINUX_HASH_H

#include "linux/types.h"
#include "linux/compiler.h"
#include "asm/bitsperlong.h"

/* Golden-ratio multipliers (2^32 / phi and 2^64 / phi, rounded to odd-ish values used by Linux). */
#define GOLDEN_RATIO_32 0x61C88647
#define GOLDEN_RATIO_64 0x61C8864680B583EBull

#define hash_long(val, bits) hash_64(val, bits)

static inline u32 __hash_32(u32 val)
{
	return val * GOLDEN_RATIO_32;
}

/* The top bits of the product are the best mixed, so keep those. */
static inline u32 hash_32(u32 val, unsigned int bits)
{
	return __hash_32(val) >> (32 - bits);
}

static __always_inline u32 hash_64(u64 val, unsigned int bits)
{
	return (u32)(val * GOLDEN_RATIO_64 >> (64 - bits));
}

static inline u32 hash_ptr(const void *ptr, unsigned int bits)
{
	return hash_long((unsigned long)ptr, bits);
}

/* A 32-bit hash of a pointer without a bit count. */
static inline u32 hash32_ptr(const void *ptr)
{
	unsigned long val = (unsigned long)ptr;

	val ^= (val >> 32);
	return (u32)val;
}

#endif
