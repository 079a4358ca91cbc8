/* User-memory access (get_user, put_user, access_ok), checked against the memory the current user task owns. */
#ifndef _ASM_X86_UACCESS_H
#define _ASM_X86_UACCESS_H

#include "linux/compiler.h"
#include "linux/kernel.h"
#include "linux/string.h"
#include "asm/page.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/lockdep.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif
/* 0, or -EFAULT (nothing copied) unless all size bytes are the current user task's memory. */
int kshim_get_user(void *dst, const void __user *src, unsigned long size);
int kshim_put_user(const void *src, void __user *dst, unsigned long size);
/* x86-64's check: the range lies below TASK_SIZE_MAX without wrapping (not whether it is mapped). */
bool kshim_access_ok(const void __user *addr, unsigned long size);
/* The bytes not copied: a copy stops where the task's memory ends. */
unsigned long raw_copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long raw_copy_from_user(void *to, const void __user *from, unsigned long n);
#ifdef __cplusplus
}
#endif

#define access_ok(addr, size)	kshim_access_ok((addr), (size))

/* The value lands in an unqualified 8-byte slot (ptr may point to const); x86-64 is little-endian. */
#define get_user(x, ptr) ({							\
	unsigned long long __gu_val = 0;					\
	int __gu_err = kshim_get_user(&__gu_val, (ptr), sizeof(*(ptr)));	\
	(x) = *(__typeof__(*(ptr)) *)&__gu_val;					\
	__gu_err;								\
})

#define put_user(x, ptr) ({							\
	__typeof__(*(ptr)) __pu_val = (x);					\
	kshim_put_user(&__pu_val, (ptr), sizeof(*(ptr)));			\
})

#define __get_user(x, ptr)	get_user(x, ptr)
#define __put_user(x, ptr)	put_user(x, ptr)

#endif
