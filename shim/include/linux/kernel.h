/* The catch-all kernel header: printk, min/max, container_of, the printf family and more. */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include "linux/stdarg.h"
#include "linux/align.h"
#include "linux/limits.h"
#include "linux/types.h"
#include "linux/compiler.h"
#include "linux/container_of.h"
#include "linux/bitops.h"
#include "linux/kstrtox.h"
#include "linux/log2.h"
#include "linux/math.h"
#include "linux/minmax.h"
#include "linux/printk.h"
#include "linux/build_bug.h"
#include "linux/stringify.h"
#include "linux/err.h"
#include "linux/bug.h"
#include "kshim/internal/kernel_macros.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/linkage.h"
#endif

#define STACK_MAGIC	0xdeadbeef
#define REPEAT_BYTE(x)	((~0ul / 0xff) * (x))
#define _RET_IP_	(unsigned long)__builtin_return_address(0)
#define _THIS_IP_	__kshim_this_ip()

#define might_sleep()		kshim_might_sleep(__FILE__, __LINE__)
#define might_sleep_if(cond)	do { if (cond) might_sleep(); } while (0)
#define might_resched()		do { } while (0)
#define sched_annotate_sleep()	do { } while (0)

/* trace_printk: kshim has no ftrace buffer, so the text goes to the printk log (KERN_INFO); the
 * first use prints the kernel's "trace_printk() being used" notice, as loading such a module does. */
#define trace_printk(fmt, ...)	__trace_printk(_THIS_IP_, fmt, ##__VA_ARGS__)
#define trace_puts(str)		__trace_printk(_THIS_IP_, "%s", str)

enum system_states {
	SYSTEM_BOOTING,
	SYSTEM_SCHEDULING,
	SYSTEM_FREEING_INITMEM,
	SYSTEM_RUNNING,
	SYSTEM_HALT,
	SYSTEM_POWER_OFF,
	SYSTEM_RESTART,
	SYSTEM_SUSPEND,
};

#define TAINT_PROPRIETARY_MODULE	0
#define TAINT_WARN			9
#define TAINT_CRAP			10
#define TAINT_OOT_MODULE		12
#define TAINT_UNSIGNED_MODULE		13
#define LOCKDEP_STILL_OK		1
#define LOCKDEP_NOW_UNRELIABLE		0

#ifdef __cplusplus
extern "C" {
#endif

extern enum system_states system_state;

/* The printf family follows the kernel's rules (%p extensions, no floating point). In C the asm
 * labels keep module calls away from glibc's functions of the same names; C++ code (tests) keeps
 * the C library's and reaches the kernel's as kshim_snprintf() and so on. */
#ifndef __cplusplus
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...) __asm__("kshim_snprintf");
__printf(3, 0) int vsnprintf(char *buf, size_t size, const char *fmt, va_list args) __asm__("kshim_vsnprintf");
__printf(2, 3) int sprintf(char *buf, const char *fmt, ...) __asm__("kshim_sprintf");
__printf(2, 0) int vsprintf(char *buf, const char *fmt, va_list args) __asm__("kshim_vsprintf");
__scanf(2, 3) int sscanf(const char *buf, const char *fmt, ...) __asm__("kshim_sscanf");
__scanf(2, 0) int vsscanf(const char *buf, const char *fmt, va_list args) __asm__("kshim_vsscanf");
#endif
__printf(3, 4) int kshim_snprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 0) int kshim_vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(2, 3) int kshim_sprintf(char *buf, const char *fmt, ...);
__printf(2, 0) int kshim_vsprintf(char *buf, const char *fmt, va_list args);
__scanf(2, 3) int kshim_sscanf(const char *buf, const char *fmt, ...);
__scanf(2, 0) int kshim_vsscanf(const char *buf, const char *fmt, va_list args);
__printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 0) int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(2, 3) __malloc char *kasprintf(gfp_t gfp, const char *fmt, ...);
__printf(2, 0) __malloc char *kvasprintf(gfp_t gfp, const char *fmt, va_list args);

void kshim_might_sleep(const char *file, int line);
__printf(1, 2) __cold void panic(const char *fmt, ...) __attribute__((__noreturn__));
void add_taint(unsigned int flag, int lockdep_ok);
int test_taint(unsigned int flag);
unsigned long get_taint(void);
/* lib/cmdline.c: the next number of a "1,2,5-7" list (0 none, 1 last, 2 ',' follows, 3 a
 * range follows), and a whole list into ints (ints[0]: the count). Atomic-safe. */
int get_option(char **str, int *pint);
char *get_options(const char *str, int nints, int *ints);
/* Reports "kshim: NAME is not implemented" with a stack trace; returns -ENOSYS. */
int kshim_not_implemented(const char *name);
/* trace_printk's body. Atomic-safe. */
__printf(2, 3) int __trace_printk(unsigned long ip, const char *fmt, ...);

#ifdef __cplusplus
}
#endif

#endif
