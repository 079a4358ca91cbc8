/* BUG/WARN assertions: print the kernel's report, then kill the task (BUG) or go on (WARN). */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include "linux/compiler.h"
#include "linux/build_bug.h"
#include "linux/types.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/stringify.h"
#include "linux/printk.h"
#endif

/* Address of the code at this point, for "WARNING: ... at file:line func+0x.." reports. */
#define __kshim_this_ip() ({ __label__ __here; __here: (unsigned long)&&__here; })

#define BUG() do {							\
	kshim_bug(__FILE__, __LINE__, __kshim_this_ip());		\
	__builtin_unreachable();					\
} while (0)

#define BUG_ON(condition) do { if (unlikely(condition)) BUG(); } while (0)

#define __WARN() kshim_warn(__FILE__, __LINE__, __kshim_this_ip(), 0, (const char *)0)

#define WARN_ON(condition) ({						\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__WARN();						\
	unlikely(__ret_warn_on);					\
})

/* C++ tests may already have Catch2's WARN; they keep it and use WARN_ONCE/WARN_ON. */
#if !defined(__cplusplus) || !defined(WARN)
#define WARN(condition, format...) ({					\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		kshim_warn(__FILE__, __LINE__, __kshim_this_ip(), 0, format); \
	unlikely(__ret_warn_on);					\
})

#endif

#define WARN_TAINT(condition, taint, format...) WARN(condition, format)

#define WARN_ON_ONCE(condition) ({					\
	static bool __section(".data.once") __warned;			\
	int __ret_warn_once = !!(condition);				\
	if (unlikely(__ret_warn_once && !__warned)) {			\
		__warned = true;					\
		__WARN();						\
	}								\
	unlikely(__ret_warn_once);					\
})

#define WARN_ONCE(condition, format...) ({				\
	static bool __section(".data.once") __warned;			\
	int __ret_warn_once = !!(condition);				\
	if (unlikely(__ret_warn_once && !__warned)) {			\
		__warned = true;					\
		WARN(1, format);					\
	}								\
	unlikely(__ret_warn_once);					\
})

#define WARN_ON_SMP(x)	WARN_ON(x)
#define BUILD_BUG_ON_INVALID(e) ((void)(sizeof((long)(e))))

#ifdef __cplusplus
extern "C" {
#endif

/* Prints "kernel BUG at FILE:LINE!" and the oops report, then the current task dies. */
void kshim_bug(const char *file, int line, unsigned long ip) __attribute__((__noreturn__, __cold__));
/* Prints the "cut here" WARNING report; fmt may be NULL. Atomic-safe. */
void kshim_warn(const char *file, int line, unsigned long ip, int taint, const char *fmt, ...)
	__attribute__((__cold__, __format__(printf, 5, 6)));

#ifdef __cplusplus
}
#endif

#endif
