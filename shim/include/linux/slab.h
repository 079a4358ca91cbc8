/* kmalloc and kmem_cache: tracked allocations with the kernel's size classes and rules. */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include "linux/gfp.h"
#include "linux/types.h"
#include "linux/overflow.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/cache.h"
#endif

#define SLAB_CONSISTENCY_CHECKS	((slab_flags_t)0x00000100U)
#define SLAB_RED_ZONE		((slab_flags_t)0x00000400U)
#define SLAB_POISON		((slab_flags_t)0x00000800U)
#define SLAB_KMALLOC		((slab_flags_t)0x00001000U)
#define SLAB_HWCACHE_ALIGN	((slab_flags_t)0x00002000U)
#define SLAB_CACHE_DMA		((slab_flags_t)0x00004000U)
#define SLAB_CACHE_DMA32	((slab_flags_t)0x00008000U)
#define SLAB_STORE_USER		((slab_flags_t)0x00010000U)
#define SLAB_PANIC		((slab_flags_t)0x00040000U)
#define SLAB_TYPESAFE_BY_RCU	((slab_flags_t)0x00080000U)
#define SLAB_MEM_SPREAD		((slab_flags_t)0x00100000U)
#define SLAB_TRACE		((slab_flags_t)0x00200000U)
#define SLAB_DEBUG_OBJECTS	((slab_flags_t)0x00400000U)
#define SLAB_NOLEAKTRACE	((slab_flags_t)0x00800000U)
#define SLAB_FAILSLAB		((slab_flags_t)0x02000000U)
#define SLAB_ACCOUNT		((slab_flags_t)0x04000000U)
#define SLAB_RECLAIM_ACCOUNT	((slab_flags_t)0x00020000U)
#define SLAB_TEMPORARY		SLAB_RECLAIM_ACCOUNT

/* kmalloc(0) returns this; kfree accepts it. */
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

#define ARCH_KMALLOC_MINALIGN	8
#define ARCH_SLAB_MINALIGN	8
#define KMALLOC_MAX_SIZE	(1UL << 22)
#define KMALLOC_MAX_CACHE_SIZE	8192

struct kmem_cache;

#define KMEM_CACHE(__struct, __flags)					\
	kmem_cache_create(#__struct, sizeof(struct __struct),		\
			  __alignof__(struct __struct), (__flags), NULL)

#ifdef __cplusplus
extern "C" {
#endif

/* All allocators may sleep when gfp allows blocking (GFP_KERNEL); GFP_ATOMIC is atomic-safe. */
void *kmalloc(size_t size, gfp_t flags) __malloc;
void *kzalloc(size_t size, gfp_t flags) __malloc;
void *kmalloc_node(size_t size, gfp_t flags, int node) __malloc;
void *kzalloc_node(size_t size, gfp_t flags, int node) __malloc;
void *kmalloc_array(size_t n, size_t size, gfp_t flags) __malloc;
void *kcalloc(size_t n, size_t size, gfp_t flags) __malloc;
void *krealloc(const void *objp, size_t new_size, gfp_t flags);
void *krealloc_array(void *p, size_t new_n, size_t new_size, gfp_t flags);
void kfree(const void *objp);
void kfree_sensitive(const void *objp);
size_t ksize(const void *objp);
size_t kmalloc_size_roundup(size_t size);

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *));
struct kmem_cache *kmem_cache_create_usercopy(const char *name, unsigned int size,
					      unsigned int align, slab_flags_t flags,
					      unsigned int useroffset, unsigned int usersize,
					      void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags) __malloc;
void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t flags) __malloc;
void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t flags, int node) __malloc;
void kmem_cache_free(struct kmem_cache *s, void *objp);
unsigned int kmem_cache_size(struct kmem_cache *s);

void *kvmalloc(size_t size, gfp_t flags) __malloc;
void *kvzalloc(size_t size, gfp_t flags) __malloc;
void *kvmalloc_node(size_t size, gfp_t flags, int node) __malloc;
void *kvzalloc_node(size_t size, gfp_t flags, int node) __malloc;
void *kvmalloc_array(size_t n, size_t size, gfp_t flags) __malloc;
void *kvcalloc(size_t n, size_t size, gfp_t flags) __malloc;
void *kvrealloc(const void *p, size_t oldsize, size_t newsize, gfp_t flags);
void kvfree(const void *addr);
void kvfree_sensitive(const void *addr, size_t len);

#ifdef __cplusplus
}
#endif

#define kzfree(x) kfree_sensitive(x)

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/static_key.h"
#endif

#endif
