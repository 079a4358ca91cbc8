// Kernel services modules reach for (kprobes, kallsyms, kmod, I/O memory, struct page): loud stubs until they exist.
#include "fs/refuse.hpp"

#include "asm/io.h"
#include "linux/ioport.h"
#include "linux/kallsyms.h"
#include "linux/kmod.h"
#include "linux/kprobes.h"
#include "linux/mm.h"

// Every function here reports "kshim: NAME is not implemented" and fails as the real one fails
// (fs/refuse.hpp); I/O reads return all-ones, what a read of an absent device returns.
extern "C" {

// The roots of the I/O-port and memory resource trees, as 6.1 defines them (nothing requested yet).
struct resource ioport_resource = {0, 0xffff, "PCI IO", IORESOURCE_IO, 0, nullptr, nullptr, nullptr};
struct resource iomem_resource = {0, ~(resource_size_t)0, "PCI mem", IORESOURCE_MEM, 0, nullptr, nullptr, nullptr};

int register_kprobe(struct kprobe *)
{
    return kshim::refuse("register_kprobe");
}

void unregister_kprobe(struct kprobe *)
{
    (void)kshim::refuse("unregister_kprobe");
}

int register_kprobes(struct kprobe **, int)
{
    return kshim::refuse("register_kprobes");
}

void unregister_kprobes(struct kprobe **, int)
{
    (void)kshim::refuse("unregister_kprobes");
}

int register_kretprobe(struct kretprobe *)
{
    return kshim::refuse("register_kretprobe");
}

void unregister_kretprobe(struct kretprobe *)
{
    (void)kshim::refuse("unregister_kretprobe");
}

int disable_kprobe(struct kprobe *)
{
    return kshim::refuse("disable_kprobe");
}

int enable_kprobe(struct kprobe *)
{
    return kshim::refuse("enable_kprobe");
}

int sprint_symbol(char *, unsigned long)
{
    (void)kshim::refuse("sprint_symbol");
    return 0;
}

int sprint_symbol_build_id(char *, unsigned long)
{
    (void)kshim::refuse("sprint_symbol_build_id");
    return 0;
}

int sprint_symbol_no_offset(char *, unsigned long)
{
    (void)kshim::refuse("sprint_symbol_no_offset");
    return 0;
}

int sprint_backtrace(char *, unsigned long)
{
    (void)kshim::refuse("sprint_backtrace");
    return 0;
}

int lookup_symbol_name(unsigned long, char *)
{
    return kshim::refuse("lookup_symbol_name");
}

int __request_module(bool, const char *, ...)
{
    return kshim::refuse("request_module");
}

int call_usermodehelper(const char *, char **, char **, int)
{
    return kshim::refuse("call_usermodehelper");
}

struct resource * __request_region(struct resource *, resource_size_t, resource_size_t, const char *, int)
{
    return static_cast<struct resource *>(kshim::refuse_null("request_region"));
}

void __release_region(struct resource *, resource_size_t, resource_size_t)
{
    (void)kshim::refuse("release_region");
}

void __iomem * ioremap(resource_size_t, unsigned long)
{
    return static_cast<void __iomem *>(kshim::refuse_null("ioremap"));
}

void __iomem * ioremap_cache(resource_size_t, unsigned long)
{
    return static_cast<void __iomem *>(kshim::refuse_null("ioremap_cache"));
}

void __iomem * ioremap_wc(resource_size_t, unsigned long)
{
    return static_cast<void __iomem *>(kshim::refuse_null("ioremap_wc"));
}

void iounmap(volatile void __iomem *)
{
    (void)kshim::refuse("iounmap");
}

u8 readb(const volatile void __iomem *)
{
    (void)kshim::refuse("readb");
    return static_cast<u8>(~0ull);
}

u16 readw(const volatile void __iomem *)
{
    (void)kshim::refuse("readw");
    return static_cast<u16>(~0ull);
}

u32 readl(const volatile void __iomem *)
{
    (void)kshim::refuse("readl");
    return static_cast<u32>(~0ull);
}

u64 readq(const volatile void __iomem *)
{
    (void)kshim::refuse("readq");
    return static_cast<u64>(~0ull);
}

void writeb(u8, volatile void __iomem *)
{
    (void)kshim::refuse("writeb");
}

void writew(u16, volatile void __iomem *)
{
    (void)kshim::refuse("writew");
}

void writel(u32, volatile void __iomem *)
{
    (void)kshim::refuse("writel");
}

void writeq(u64, volatile void __iomem *)
{
    (void)kshim::refuse("writeq");
}

u8 inb(unsigned long)
{
    (void)kshim::refuse("inb");
    return static_cast<u8>(~0ull);
}

u16 inw(unsigned long)
{
    (void)kshim::refuse("inw");
    return static_cast<u16>(~0ull);
}

u32 inl(unsigned long)
{
    (void)kshim::refuse("inl");
    return static_cast<u32>(~0ull);
}

void outb(u8, unsigned long)
{
    (void)kshim::refuse("outb");
}

void outw(u16, unsigned long)
{
    (void)kshim::refuse("outw");
}

void outl(u32, unsigned long)
{
    (void)kshim::refuse("outl");
}

unsigned long kshim_virt_to_phys(const volatile void *)
{
    (void)kshim::refuse("virt_to_phys");
    return 0;
}

void * kshim_phys_to_virt(unsigned long)
{
    return static_cast<void *>(kshim::refuse_null("phys_to_virt"));
}

int remap_pfn_range(struct vm_area_struct *, unsigned long, unsigned long, unsigned long, pgprot_t)
{
    return kshim::refuse("remap_pfn_range");
}

int vm_insert_page(struct vm_area_struct *, unsigned long, struct page *)
{
    return kshim::refuse("vm_insert_page");
}

struct page * vmalloc_to_page(const void *)
{
    return static_cast<struct page *>(kshim::refuse_null("vmalloc_to_page"));
}

unsigned long vmalloc_to_pfn(const void *)
{
    (void)kshim::refuse("vmalloc_to_pfn");
    return 0;
}

struct page * virt_to_page(const void *)
{
    return static_cast<struct page *>(kshim::refuse_null("virt_to_page"));
}

void * page_address(const struct page *)
{
    return static_cast<void *>(kshim::refuse_null("page_address"));
}

struct page * alloc_pages(gfp_t, unsigned int)
{
    return static_cast<struct page *>(kshim::refuse_null("alloc_pages"));
}

void __free_pages(struct page *, unsigned int)
{
    (void)kshim::refuse("__free_pages");
}

void get_page(struct page *)
{
    (void)kshim::refuse("get_page");
}

void put_page(struct page *)
{
    (void)kshim::refuse("put_page");
}

}  // extern "C"
