/* Port and memory-mapped I/O: kshim has no device memory yet, so every access reports and reads all-ones. */
#ifndef _ASM_X86_IO_H
#define _ASM_X86_IO_H

#include "linux/string.h"
#include "linux/compiler.h"
#include "asm/page.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/kernel.h"
#include "linux/cpumask.h"
#include "linux/list.h"
#include "linux/vmalloc.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif
/* Not implemented yet: ioremap reports and returns NULL; reads report and return all-ones (an absent device). */
void __iomem *ioremap(resource_size_t offset, unsigned long size);
void __iomem *ioremap_cache(resource_size_t offset, unsigned long size);
void __iomem *ioremap_wc(resource_size_t offset, unsigned long size);
void iounmap(volatile void __iomem *addr);
u8 readb(const volatile void __iomem *addr);
u16 readw(const volatile void __iomem *addr);
u32 readl(const volatile void __iomem *addr);
u64 readq(const volatile void __iomem *addr);
void writeb(u8 value, volatile void __iomem *addr);
void writew(u16 value, volatile void __iomem *addr);
void writel(u32 value, volatile void __iomem *addr);
void writeq(u64 value, volatile void __iomem *addr);
u8 inb(unsigned long port);
u16 inw(unsigned long port);
u32 inl(unsigned long port);
void outb(u8 value, unsigned long port);
void outw(u16 value, unsigned long port);
void outl(u32 value, unsigned long port);
#ifdef __cplusplus
}
#endif

#define ioremap_nocache ioremap
#define ioread8 readb
#define ioread16 readw
#define ioread32 readl
#define iowrite8 writeb
#define iowrite16 writew
#define iowrite32 writel
#define readb_relaxed readb
#define readw_relaxed readw
#define readl_relaxed readl
#define writeb_relaxed writeb
#define writew_relaxed writew
#define writel_relaxed writel
#define virt_to_phys(address) __pa(address)
#define phys_to_virt(address) __va(address)

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/static_key.h"
#include "asm/percpu.h"
#endif

#endif
