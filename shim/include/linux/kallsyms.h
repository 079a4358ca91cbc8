/* Symbol lookup for modules: KSYM_NAME_LEN and sprint_symbol & co (loud stubs until kallsyms exists). */
#ifndef _LINUX_KALLSYMS_H
#define _LINUX_KALLSYMS_H

#include "linux/errno.h"
#include "linux/kernel.h"
#include "linux/stddef.h"
#include "linux/mm.h"
#include "linux/module.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/mm_types.h"
#endif

#define KSYM_NAME_LEN 512
#define KSYM_SYMBOL_LEN (sizeof("%s+%#lx/%#lx [%s %s]") + (KSYM_NAME_LEN - 1) + \
			 2 * (BITS_PER_LONG * 3 / 10) + (MODULE_NAME_LEN - 1) + 32 + 1)

#ifdef __cplusplus
extern "C" {
#endif
/*
 * Declared as 6.1 declares it, but 6.1 does not export it to modules: kshim does not define it,
 * so a module that calls it fails to load with "Unknown symbol", as on 6.1 (modpost: undefined).
 */
unsigned long kallsyms_lookup_name(const char *name);

int sprint_symbol(char *buffer, unsigned long address);
int sprint_symbol_build_id(char *buffer, unsigned long address);
int sprint_symbol_no_offset(char *buffer, unsigned long address);
int sprint_backtrace(char *buffer, unsigned long address);
int lookup_symbol_name(unsigned long addr, char *symname);
#ifdef __cplusplus
}
#endif

static inline void print_ip_sym(const char *loglvl, unsigned long ip)
{
	printk("%s[<%px>] %pS\n", loglvl, (void *)ip, (void *)ip);
}

#endif
