// C API bridges for kmalloc, kmem_cache, vmalloc and pages (linux/slab.h, vmalloc.h, gfp.h).
#include <cstring>
#include "kernel.hpp"
#include "mm/memory.hpp"

#include "linux/gfp.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/vmalloc.h"

using kshim::Kernel;

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

void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
    size_t bytes;
    if (__builtin_mul_overflow(n, size, &bytes))
        return nullptr;
    return mm().kmalloc(bytes, flags, SITE);
}

void *kcalloc(size_t n, size_t size, gfp_t flags)
{
    size_t bytes;
    if (__builtin_mul_overflow(n, size, &bytes))
        return nullptr;
    return mm().kmalloc(bytes, flags | __GFP_ZERO, SITE);
}

void *krealloc(const void *objp, size_t new_size, gfp_t flags) { return mm().krealloc(objp, new_size, flags, SITE); }

void *krealloc_array(void *p, size_t new_n, size_t new_size, gfp_t flags)
{
    size_t bytes;
    if (__builtin_mul_overflow(new_n, new_size, &bytes))
        return nullptr;
    return mm().krealloc(p, bytes, flags, SITE);
}

void kfree(const void *objp) { mm().kfree(objp, SITE); }
void kfree_sensitive(const void *objp) { mm().kfree(objp, SITE, true); }
size_t ksize(const void *objp) { return mm().ksize(objp); }

size_t kmalloc_size_roundup(size_t size)
{
    static const size_t classes[] = {8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192};
    if (size == 0)
        return 0;
    for (size_t c : classes)
        if (size <= c)
            return c;
    return PAGE_SIZE << get_order(size);
}

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

// kvmalloc: kmalloc first (quietly, for large sizes), vmalloc when that fails, as 6.1 does.
static void *kv_alloc(size_t size, gfp_t flags, uintptr_t site)
{
    if (size <= KMALLOC_MAX_SIZE)
        if (void *p = mm().kmalloc(size, size > PAGE_SIZE ? flags | __GFP_NOWARN : flags, site))
            return p;
    return size > PAGE_SIZE ? mm().vmalloc(size, flags, site) : nullptr;
}

static void *kv_alloc_array(size_t n, size_t size, gfp_t flags, uintptr_t site)
{
    size_t bytes;
    if (__builtin_mul_overflow(n, size, &bytes))
        return nullptr;
    return kv_alloc(bytes, flags, site);
}

void *kvmalloc_node(size_t size, gfp_t flags, int) { return kv_alloc(size, flags, SITE); }
void *kvmalloc(size_t size, gfp_t flags) { return kv_alloc(size, flags, SITE); }
void *kvzalloc(size_t size, gfp_t flags) { return kv_alloc(size, flags | __GFP_ZERO, SITE); }
void *kvzalloc_node(size_t size, gfp_t flags, int) { return kv_alloc(size, flags | __GFP_ZERO, SITE); }
void *kvmalloc_array(size_t n, size_t size, gfp_t flags) { return kv_alloc_array(n, size, flags, SITE); }
void *kvcalloc(size_t n, size_t size, gfp_t flags) { return kv_alloc_array(n, size, flags | __GFP_ZERO, SITE); }

void *kvrealloc(const void *p, size_t oldsize, size_t newsize, gfp_t flags)
{
    if (oldsize >= newsize)
        return const_cast<void *>(p);
    void *n = kv_alloc(newsize, flags, SITE);
    if (!n)
        return nullptr;
    if (p) {
        std::memcpy(n, p, oldsize);
        mm().kfree(p, SITE);
    }
    return n;
}

void kvfree(const void *addr) { mm().kfree(addr, SITE); }

void *kvmemdup(const void *src, size_t len, gfp_t gfp)
{
    void *p = kv_alloc(len, gfp, SITE);
    if (p)
        std::memcpy(p, src, len);
    return p;
}

void kvfree_sensitive(const void *addr, size_t len)
{
    if (addr)
        std::memset(const_cast<void *>(addr), 0, len);
    mm().kfree(addr, SITE);
}

void *vmalloc(unsigned long size) { return mm().vmalloc(size, GFP_KERNEL, SITE); }
void *vzalloc(unsigned long size) { return mm().vmalloc(size, GFP_KERNEL | __GFP_ZERO, SITE); }
void *vmalloc_user(unsigned long size) { return mm().vmalloc(size, GFP_KERNEL | __GFP_ZERO, SITE); }
void *vmalloc_node(unsigned long size, int) { return mm().vmalloc(size, GFP_KERNEL, SITE); }
void *vzalloc_node(unsigned long size, int) { return mm().vmalloc(size, GFP_KERNEL | __GFP_ZERO, SITE); }
void *vmalloc_32(unsigned long size) { return mm().vmalloc(size, GFP_KERNEL, SITE); }
void *__vmalloc(unsigned long size, gfp_t gfp_mask) { return mm().vmalloc(size, gfp_mask, SITE); }

void *vmalloc_array(size_t n, size_t size)
{
    size_t bytes;
    if (__builtin_mul_overflow(n, size, &bytes))
        return nullptr;
    return mm().vmalloc(bytes, GFP_KERNEL, SITE);
}

void *vcalloc(size_t n, size_t size)
{
    size_t bytes;
    if (__builtin_mul_overflow(n, size, &bytes))
        return nullptr;
    return mm().vmalloc(bytes, GFP_KERNEL | __GFP_ZERO, SITE);
}

void vfree(const void *addr) { mm().vfree(addr, SITE); }
bool is_vmalloc_addr(const void *x) { return mm().is_vmalloc(x); }

unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
    return (unsigned long)mm().pages(order, gfp_mask, SITE);
}

unsigned long get_zeroed_page(gfp_t gfp_mask) { return (unsigned long)mm().pages(0, gfp_mask | __GFP_ZERO, SITE); }
void free_pages(unsigned long addr, unsigned int) { mm().free_pages((const void *)addr, SITE); }

// Copies len bytes into a fresh kmalloc(len (+1 for a NUL)) charged to the caller's site.
static char *dup_bytes(const void *src, size_t len, bool nul, gfp_t gfp, uintptr_t site)
{
    char *p = static_cast<char *>(mm().kmalloc(len + (nul ? 1 : 0), gfp, site));
    if (p) {
        std::memcpy(p, src, len);
        if (nul)
            p[len] = '\0';
    }
    return p;
}

char *kstrdup(const char *s, gfp_t gfp) { return s ? dup_bytes(s, std::strlen(s), true, gfp, SITE) : nullptr; }
const char *kstrdup_const(const char *s, gfp_t gfp) { return s ? dup_bytes(s, std::strlen(s), true, gfp, SITE) : nullptr; }
void kfree_const(const void *x) { mm().kfree(x, SITE); }
char *kstrndup(const char *s, size_t max, gfp_t gfp) { return s ? dup_bytes(s, strnlen(s, max), true, gfp, SITE) : nullptr; }
void *kmemdup(const void *src, size_t len, gfp_t gfp) { return dup_bytes(src, len, false, gfp, SITE); }
char *kmemdup_nul(const char *s, size_t len, gfp_t gfp) { return s ? dup_bytes(s, len, true, gfp, SITE) : nullptr; }

}  // extern "C"
