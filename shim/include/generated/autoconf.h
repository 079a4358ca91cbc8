/* The kernel configuration modules see: the options of Debian's Linux 6.1 (amd64) whose branches kshim serves. */
#ifndef _KSHIM_GENERATED_AUTOCONF_H
#define _KSHIM_GENERATED_AUTOCONF_H

/* An option is listed only where kshim provides what a module's #ifdef CONFIG_X branch uses;
 * every value is the one Debian's 6.1 build has (/usr/src/linux-headers-6.1.*-amd64/include/
 * generated/autoconf.h). Options left out read as not set. */
#define CONFIG_64BIT 1
#define CONFIG_X86 1
#define CONFIG_X86_64 1
#define CONFIG_SMP 1
#define CONFIG_NR_CPUS 8192
#define CONFIG_HZ 250
#define CONFIG_HZ_250 1
#define CONFIG_MODULES 1
#define CONFIG_MODULE_UNLOAD 1
#define CONFIG_PRINTK 1
#define CONFIG_HIGH_RES_TIMERS 1
#define CONFIG_PREEMPTION 1
#define CONFIG_PREEMPT_DYNAMIC 1
#define CONFIG_TREE_RCU 1
#define CONFIG_PREEMPT_RCU 1
#define CONFIG_PROC_FS 1
#define CONFIG_SYSFS 1
#define CONFIG_DEBUG_FS 1
#define CONFIG_GPIOLIB 1
#define CONFIG_KALLSYMS 1
#define CONFIG_TRACING 1
#define CONFIG_ILLEGAL_POINTER_VALUE 0xdead000000000000

#endif
