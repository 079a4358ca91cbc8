/* x86-64 pages: 4 KiB (PAGE_SHIFT, PAGE_SIZE, PAGE_MASK); address translation is not implemented. */
#ifndef _ASM_X86_PAGE_H
#define _ASM_X86_PAGE_H

#include "linux/types.h"
#include "linux/const.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/init.h"
#include "linux/stringify.h"
#include "linux/printk.h"
#include "linux/log2.h"
#endif

#define PAGE_SHIFT		12
#define PAGE_SIZE		(_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))
#define PAGE_OFFSET		((unsigned long)0xffff888000000000UL)

struct page;

#ifdef __cplusplus
extern "C" {
#endif
/* Physical addresses and struct pages do not exist yet: each reports and returns 0 / NULL. */
unsigned long kshim_virt_to_phys(const volatile void *address);
void *kshim_phys_to_virt(unsigned long address);
#ifdef __cplusplus
}
#endif

#define __pa(x)			kshim_virt_to_phys((void *)(x))
#define __va(x)			kshim_phys_to_virt((unsigned long)(x))
#define virt_addr_valid(kaddr)	(__pa(kaddr) != 0)

#endif
