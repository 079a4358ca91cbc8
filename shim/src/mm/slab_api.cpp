// C API bridges for kmalloc, kmem_cache, vmalloc and pages (linux/slab.h, vmalloc.h, gfp.h).
#include <cstdint>

#include "kernel.hpp"
#include "mm/memory.hpp"

#include "linux/gfp.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/vmalloc.h"

using kshim::Kernel;
using Api = kshim::Memory::Api;

#define SITE ((uintptr_t)__builtin_return_address(0))

namespace {
kshim::Memory &mm() { return Kernel::get().mm(); }
}

extern "C" {

// Lets runtime code allocate on behalf of a caller (kasprintf, kstrdup) with the caller's site.
void *kshim_kmalloc_at(size_t size, gfp_t flags, unsigned long site) { return mm().kmalloc(size, flags, site); }

void *kmalloc(size_t size, gfp_t flags) { return mm().kmalloc(size, flags, SITE); }
void *kzalloc(size_t size, gfp_t flags) { return mm().kmalloc(size, flags | __GFP_ZERO, SITE); }
void *kmalloc_node(size_t size, gfp_t flags, int) { return mm().kmalloc(size, flags, SITE); }
void *kzalloc_node(size_t size, gfp_t flags, int) { return mm().kmalloc(size, flags | __GFP_ZERO, SITE); }

void *kmalloc_array(size_t n, size_t size, gfp_t flags) { return mm().alloc_array(Api::Kmalloc, n, size, flags, SITE); }
void *kcalloc(size_t n, size_t size, gfp_t flags)
{
    return mm().alloc_array(Api::Kmalloc, n, size, flags | __GFP_ZERO, SITE);
}

void *krealloc(const void *objp, size_t new_size, gfp_t flags) { return mm().krealloc(objp, new_size, flags, SITE); }

void *krealloc_array(void *p, size_t new_n, size_t new_size, gfp_t flags)
{
    return mm().krealloc_array(p, new_n, new_size, flags, SITE);
}

void kfree(const void *objp) { mm().kfree(objp, SITE); }
void kfree_sensitive(const void *objp) { mm().kfree(objp, SITE, true); }
size_t ksize(const void *objp) { return mm().ksize(objp); }

size_t kmalloc_size_roundup(size_t size) { return mm().size_roundup(size); }

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
                                     slab_flags_t flags, void (*ctor)(void *))
{
    return mm().cache_create(name, size, align, flags, ctor, SITE);
}

struct kmem_cache *kmem_cache_create_usercopy(const char *name, unsigned int size, unsigned int align,
                                              slab_flags_t flags, unsigned int, unsigned int,
                                              void (*ctor)(void *))
{
    return mm().cache_create(name, size, align, flags, ctor, SITE);
}

void kmem_cache_destroy(struct kmem_cache *s) { mm().cache_destroy(s, SITE); }
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags) { return mm().cache_alloc(s, flags, SITE); }
void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t flags) { return mm().cache_alloc(s, flags | __GFP_ZERO, SITE); }
void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t flags, int) { return mm().cache_alloc(s, flags, SITE); }
void kmem_cache_free(struct kmem_cache *s, void *objp) { mm().cache_free(s, objp, SITE); }
unsigned int kmem_cache_size(struct kmem_cache *s) { return s->size; }

void *kvmalloc_node(size_t size, gfp_t flags, int) { return mm().kvmalloc(size, flags, SITE); }
void *kvmalloc(size_t size, gfp_t flags) { return mm().kvmalloc(size, flags, SITE); }
void *kvzalloc(size_t size, gfp_t flags) { return mm().kvmalloc(size, flags | __GFP_ZERO, SITE); }
void *kvzalloc_node(size_t size, gfp_t flags, int) { return mm().kvmalloc(size, flags | __GFP_ZERO, SITE); }
void *kvmalloc_array(size_t n, size_t size, gfp_t flags) { return mm().alloc_array(Api::Kvmalloc, n, size, flags, SITE); }
void *kvcalloc(size_t n, size_t size, gfp_t flags)
{
    return mm().alloc_array(Api::Kvmalloc, n, size, flags | __GFP_ZERO, SITE);
}

void *kvrealloc(const void *p, size_t oldsize, size_t newsize, gfp_t flags)
{
    return mm().kvrealloc(p, oldsize, newsize, flags, SITE);
}

void kvfree(const void *addr) { mm().kfree(addr, SITE); }
void *kvmemdup(const void *src, size_t len, gfp_t gfp) { return mm().kvmemdup(src, len, gfp, SITE); }
void kvfree_sensitive(const void *addr, size_t len) { mm().kvfree_sensitive(addr, len, SITE); }

void *vmalloc(unsigned long size) { return mm().vmalloc(size, GFP_KERNEL, SITE); }
void *vzalloc(unsigned long size) { return mm().vmalloc(size, GFP_KERNEL | __GFP_ZERO, SITE); }
void *vmalloc_user(unsigned long size) { return mm().vmalloc(size, GFP_KERNEL | __GFP_ZERO, SITE); }
void *vmalloc_node(unsigned long size, int) { return mm().vmalloc(size, GFP_KERNEL, SITE); }
void *vzalloc_node(unsigned long size, int) { return mm().vmalloc(size, GFP_KERNEL | __GFP_ZERO, SITE); }
void *vmalloc_32(unsigned long size) { return mm().vmalloc(size, GFP_KERNEL, SITE); }
void *__vmalloc(unsigned long size, gfp_t gfp_mask) { return mm().vmalloc(size, gfp_mask, SITE); }

void *vmalloc_array(size_t n, size_t size) { return mm().alloc_array(Api::Vmalloc, n, size, GFP_KERNEL, SITE); }
void *vcalloc(size_t n, size_t size) { return mm().alloc_array(Api::Vmalloc, n, size, GFP_KERNEL | __GFP_ZERO, SITE); }

void vfree(const void *addr) { mm().vfree(addr, SITE); }
bool is_vmalloc_addr(const void *x) { return mm().is_vmalloc(x); }

unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
    return (unsigned long)mm().pages(order, gfp_mask, SITE);
}

unsigned long get_zeroed_page(gfp_t gfp_mask) { return (unsigned long)mm().pages(0, gfp_mask | __GFP_ZERO, SITE); }
void free_pages(unsigned long addr, unsigned int) { mm().free_pages((const void *)addr, SITE); }

char *kstrdup(const char *s, gfp_t gfp) { return mm().kstrndup(s, SIZE_MAX, gfp, SITE); }
const char *kstrdup_const(const char *s, gfp_t gfp) { return mm().kstrndup(s, SIZE_MAX, gfp, SITE); }
void kfree_const(const void *x) { mm().kfree(x, SITE); }
char *kstrndup(const char *s, size_t max, gfp_t gfp) { return mm().kstrndup(s, max, gfp, SITE); }
void *kmemdup(const void *src, size_t len, gfp_t gfp) { return mm().kmemdup(src, len, gfp, SITE); }
char *kmemdup_nul(const char *s, size_t len, gfp_t gfp) { return mm().kmemdup_nul(s, len, gfp, SITE); }

}  // extern "C"
