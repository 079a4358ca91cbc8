/* The kernel's basic types: u8..u64, size_t, bool, gfp_t, list_head and friends. */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include "linux/stddef.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "asm/bitsperlong.h"
#endif

typedef unsigned char		u8;
typedef signed char		s8;
typedef unsigned short		u16;
typedef signed short		s16;
typedef unsigned int		u32;
typedef signed int		s32;
typedef unsigned long long	u64;
typedef signed long long	s64;
typedef u8 __u8;
typedef s8 __s8;
typedef u16 __u16;
typedef s16 __s16;
typedef u32 __u32;
typedef s32 __s32;
typedef u64 __u64;
typedef s64 __s64;
typedef u16 __le16;
typedef u16 __be16;
typedef u32 __le32;
typedef u32 __be32;
typedef u64 __le64;
typedef u64 __be64;
typedef u16 __sum16;
typedef u32 __wsum;

typedef __SIZE_TYPE__		size_t;
typedef __PTRDIFF_TYPE__	ssize_t;
typedef __PTRDIFF_TYPE__	ptrdiff_t;
typedef unsigned long		uintptr_t;
typedef long			intptr_t;

#ifndef __cplusplus
typedef _Bool			bool;
#endif

typedef unsigned char		u_char;
typedef unsigned short		u_short;
typedef unsigned int		u_int;
typedef unsigned long		u_long;
typedef unsigned char		unchar;
typedef unsigned short		ushort;
typedef unsigned int		uint;
typedef unsigned long		ulong;

/* C++ code (tests, the runtime) gets these from the C library, whose 64-bit ones differ. */
#ifndef __cplusplus
typedef u8			uint8_t;
typedef u16			uint16_t;
typedef u32			uint32_t;
typedef u64			uint64_t;
typedef s8			int8_t;
typedef s16			int16_t;
typedef s32			int32_t;
typedef s64			int64_t;
typedef long long		loff_t;
typedef u64			blkcnt_t;
#endif

typedef int			pid_t;
typedef unsigned int		uid_t;
typedef unsigned int		gid_t;
typedef long			off_t;
typedef long			time_t;
typedef s64			time64_t;
typedef long			clock_t;
typedef int			clockid_t;
typedef unsigned short		umode_t;
typedef unsigned int		mode_t;
typedef unsigned long		ino_t;
typedef char *			caddr_t;
/* dev_t differs from glibc's; tell glibc (when a C++ test includes both) that it is taken. */
#ifndef __dev_t_defined
#define __dev_t_defined
typedef u32			dev_t;
#endif

typedef u64			sector_t;
typedef u64			dma_addr_t;
typedef u64			phys_addr_t;
typedef phys_addr_t		resource_size_t;
typedef unsigned int		gfp_t;
typedef unsigned int		slab_flags_t;
typedef unsigned int		fmode_t;
typedef unsigned int		__poll_t;
typedef unsigned long		irq_hw_number_t;

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	s64 counter;
} atomic64_t;

typedef atomic64_t atomic_long_t;

struct list_head {
	struct list_head *next, *prev;
};

struct hlist_head {
	struct hlist_node *first;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct callback_head {
	struct callback_head *next;
	void (*func)(struct callback_head *head);
} __attribute__((aligned(sizeof(void *))));
#define rcu_head callback_head

typedef void (*rcu_callback_t)(struct rcu_head *head);

#define DECLARE_BITMAP(name, bits) \
	unsigned long name[((bits) + 8 * sizeof(long) - 1) / (8 * sizeof(long))]

#endif
