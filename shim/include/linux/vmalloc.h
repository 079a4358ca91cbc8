/* vmalloc: page-granular virtually contiguous allocations, tracked like kmalloc. */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

#include "linux/types.h"
#include "linux/gfp.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/spinlock.h"
#include "linux/rcupdate.h"
#endif

/* linux/numa.h's "any node" (which 6.1 reaches through gfp.h), for the _node allocators. */
#ifndef NUMA_NO_NODE
#define NUMA_NO_NODE	(-1)
#endif

#ifdef __cplusplus
extern "C" {
#endif
/* May sleep. */
void *vmalloc(unsigned long size) __malloc;
void *vzalloc(unsigned long size) __malloc;
void *vmalloc_user(unsigned long size) __malloc;
void *vmalloc_node(unsigned long size, int node) __malloc;
void *vzalloc_node(unsigned long size, int node) __malloc;
void *vmalloc_32(unsigned long size) __malloc;
void *__vmalloc(unsigned long size, gfp_t gfp_mask) __malloc;
void *vmalloc_array(size_t n, size_t size) __malloc;
void *vcalloc(size_t n, size_t size) __malloc;
void vfree(const void *addr);
bool is_vmalloc_addr(const void *x);
#ifdef __cplusplus
}
#endif

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/rbtree.h"
#endif

#endif
