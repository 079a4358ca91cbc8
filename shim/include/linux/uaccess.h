/* Copies between kernel and user memory, checked against the memory the current user task owns (a kthread owns none). */
#ifndef __LINUX_UACCESS_H__
#define __LINUX_UACCESS_H__

#include "linux/minmax.h"
#include "linux/sched.h"
#include "asm/uaccess.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/types.h"
#include "linux/compiler.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif
/* Each returns the number of bytes NOT copied (copy_from_user zeroes them in the kernel buffer). */
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long clear_user(void __user *to, unsigned long n);
/* strncpy_from_user: the length without the NUL, count if none came, or -EFAULT;
 * strnlen_user: the size with the NUL, 0 on a fault, more than n if too long. */
long strncpy_from_user(char *dst, const char __user *src, long count);
long strnlen_user(const char __user *str, long n);
#ifdef __cplusplus
}
#endif

#define __copy_to_user(to, from, n)	copy_to_user(to, from, n)
#define __copy_from_user(to, from, n)	copy_from_user(to, from, n)
#define __clear_user(to, n)		clear_user(to, n)

#endif
