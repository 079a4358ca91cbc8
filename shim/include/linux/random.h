/* Random numbers for modules: get_random_bytes/u32/u64 (runtime) and the derived helpers. */
#ifndef _LINUX_RANDOM_H
#define _LINUX_RANDOM_H

#include "linux/types.h"
#include "linux/compiler.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/bug.h"
#include "linux/kernel.h"
#include "linux/list.h"
#include "linux/preempt.h"
#include "linux/smp.h"
#include "linux/ioctl.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Implemented by the kshim runtime (deterministic under test). */
void get_random_bytes(void *buf, size_t len);
u32 get_random_u32(void);
u64 get_random_u64(void);

#ifdef __cplusplus
}
#endif

static inline u8 get_random_u8(void)
{
	return (u8)get_random_u32();
}

static inline u16 get_random_u16(void)
{
	return (u16)get_random_u32();
}

static inline unsigned int get_random_int(void)
{
	return get_random_u32();
}

static inline unsigned long get_random_long(void)
{
	return (unsigned long)get_random_u64();
}

/* Uniform-ish value in [0, ceil) by scaling, as Linux 6.1 does; 0 when ceil is 0. */
static inline u32 prandom_u32_max(u32 ceil)
{
	return (u32)(((u64)get_random_u32() * ceil) >> 32);
}

/* The name Linux 6.2 gave prandom_u32_max(). */
static inline u32 get_random_u32_below(u32 ceil)
{
	return prandom_u32_max(ceil);
}

/* Value in [floor, ceil] (the Linux 6.2 helper); floor <= ceil < U32_MAX. */
static inline u32 get_random_u32_inclusive(u32 floor, u32 ceil)
{
	return floor + get_random_u32_below(ceil - floor + 1);
}

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/percpu.h"
#endif

#endif
