/* Compiler helpers: likely/unlikely, barriers, READ_ONCE/WRITE_ONCE. */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#include "linux/compiler_types.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/types.h"
#endif

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define barrier()	__asm__ __volatile__("" : : : "memory")
#define barrier_data(ptr) __asm__ __volatile__("" : : "r"(ptr) : "memory")
#define unreachable()	__builtin_unreachable()

#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)	do { *(volatile __typeof__(x) *)&(x) = (val); } while (0)

#define OPTIMIZER_HIDE_VAR(var) __asm__("" : "=r"(var) : "0"(var))
#define __must_be_array(a) 0
#define data_race(expr) (expr)

#endif
