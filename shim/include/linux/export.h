/* EXPORT_SYMBOL: make a module symbol visible to modules loaded after it, as the kernel does. */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H

#include "linux/compiler.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/stringify.h"
#endif

struct kernel_symbol {
	const void *addr;
	const char *name;
	const char *license;
};

/* Modules build with hidden visibility; an export re-declares the symbol with default
 * visibility (so the dynamic linker resolves it for later modules) and records it in the
 * __ksymtab section, which the loader reads to refuse duplicate exports. */
#define __EXPORT_SYMBOL(sym, lic)						\
	extern __typeof__(sym) sym __attribute__((__visibility__("default")));	\
	static const struct kernel_symbol __PASTE(__ksymtab_, sym)		\
	__attribute__((__used__, __section__("__ksymtab"),			\
		       __aligned__(sizeof(void *)))) = { (const void *)&sym, #sym, lic }

#define EXPORT_SYMBOL(sym)		__EXPORT_SYMBOL(sym, "")
#define EXPORT_SYMBOL_GPL(sym)		__EXPORT_SYMBOL(sym, "GPL")
#define EXPORT_SYMBOL_NS(sym, ns)	__EXPORT_SYMBOL(sym, "")
#define EXPORT_SYMBOL_NS_GPL(sym, ns)	__EXPORT_SYMBOL(sym, "GPL")
#define THIS_MODULE_EXPORTS

#endif
