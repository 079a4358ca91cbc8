/* What kbuild puts in front of every module source: the configuration and the IS_ENABLED() family. */
#ifndef _LINUX_KCONFIG_H
#define _LINUX_KCONFIG_H

#include "generated/autoconf.h"

/* IS_BUILTIN(CONFIG_X) is 1 when CONFIG_X is defined as 1 and 0 otherwise (undefined, or any
 * other value), usable in #if and in C expressions. How: pasting the option's value after
 * __KSHIM_IS_1_ gives __KSHIM_IS_1_1, which expands to "0," and so shifts a 1 into the second
 * argument position; any other value leaves the default 0 there. */
#define __KSHIM_IS_1_1			0,
#define __kshim_second(ignored, val, ...)	val
#define __kshim_pick(arg_or_junk)	__kshim_second(arg_or_junk 1, 0, 0)
#define __kshim_is_1(x)			__kshim_pick(__KSHIM_IS_1_##x)
#define __is_defined(x)			__kshim_is_1(x)
#define __or(x, y)			__kshim_or(x, y)
#define __kshim_or(x, y)		__kshim_or_##x(y)
#define __kshim_or_1(y)			1
#define __kshim_or_0(y)			y

#define IS_BUILTIN(option)		__is_defined(option)
/* kshim builds nothing as =m: every option listed is built in. */
#define IS_MODULE(option)		__is_defined(option##_MODULE)
#define IS_REACHABLE(option)		__or(IS_BUILTIN(option), IS_MODULE(option))
#define IS_ENABLED(option)		__or(IS_BUILTIN(option), IS_MODULE(option))

#endif
