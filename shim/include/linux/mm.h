/* Memory management for drivers: VM flags, vm_operations_struct, PAGE_ALIGN; mapping is not implemented. */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include "linux/errno.h"
#include "linux/gfp.h"
#include "linux/list.h"
#include "linux/mm_types.h"
#include "linux/err.h"
#include "linux/overflow.h"
#include "linux/sched.h"
#include "linux/string.h"
#include "linux/kref.h"
#include "asm/page.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/bug.h"
#include "asm/errno.h"
#include "linux/ioport.h"
#include "linux/fs.h"
#endif

#define PAGE_ALIGNED(addr)	IS_ALIGNED((unsigned long)(addr), PAGE_SIZE)

#define VM_NONE		0x00000000
#define VM_READ		0x00000001
#define VM_WRITE	0x00000002
#define VM_EXEC		0x00000004
#define VM_SHARED	0x00000008
#define VM_MAYREAD	0x00000010
#define VM_MAYWRITE	0x00000020
#define VM_MAYEXEC	0x00000040
#define VM_MAYSHARE	0x00000080
#define VM_GROWSDOWN	0x00000100
#define VM_PFNMAP	0x00000400
#define VM_LOCKED	0x00002000
#define VM_IO		0x00004000
#define VM_DONTCOPY	0x00020000
#define VM_DONTEXPAND	0x00040000
#define VM_DONTDUMP	0x04000000
#define VM_MIXEDMAP	0x10000000

#define VM_FAULT_OOM	((vm_fault_t)0x000001)
#define VM_FAULT_SIGBUS	((vm_fault_t)0x000002)
#define VM_FAULT_NOPAGE	((vm_fault_t)0x000100)

struct vm_fault {
	struct vm_area_struct *vma;
	gfp_t gfp_mask;
	pgoff_t pgoff;
	unsigned long address;
	unsigned int flags;
	struct page *cow_page;
	struct page *page;
};

struct vm_operations_struct {
	void (*open)(struct vm_area_struct *area);
	void (*close)(struct vm_area_struct *area);
	int (*may_split)(struct vm_area_struct *area, unsigned long addr);
	int (*mremap)(struct vm_area_struct *area);
	int (*mprotect)(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			unsigned long newflags);
	vm_fault_t (*fault)(struct vm_fault *vmf);
	vm_fault_t (*huge_fault)(struct vm_fault *vmf, int pe_size);
	vm_fault_t (*map_pages)(struct vm_fault *vmf, pgoff_t start_pgoff, pgoff_t end_pgoff);
	unsigned long (*pagesize)(struct vm_area_struct *area);
	vm_fault_t (*page_mkwrite)(struct vm_fault *vmf);
	vm_fault_t (*pfn_mkwrite)(struct vm_fault *vmf);
	int (*access)(struct vm_area_struct *vma, unsigned long addr, void *buf, int len, int write);
	const char *(*name)(struct vm_area_struct *vma);
};

#ifdef __cplusplus
extern "C" {
#endif
/* Not implemented yet: each reports; int ones return -ENOMEM, pointer ones NULL. */
int remap_pfn_range(struct vm_area_struct *vma, unsigned long addr, unsigned long pfn,
		    unsigned long size, pgprot_t prot);
int vm_insert_page(struct vm_area_struct *vma, unsigned long addr, struct page *page);
struct page *vmalloc_to_page(const void *addr);
unsigned long vmalloc_to_pfn(const void *addr);
struct page *virt_to_page(const void *addr);
void *page_address(const struct page *page);
struct page *alloc_pages(gfp_t gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);
void get_page(struct page *page);
void put_page(struct page *page);
#ifdef __cplusplus
}
#endif

#define alloc_page(gfp_mask)		alloc_pages(gfp_mask, 0)
#define __free_page(page)		__free_pages((page), 0)
#define page_to_virt(page)		page_address(page)

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/static_key.h"
#endif

#endif
