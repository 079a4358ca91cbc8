/*
 * kmemleak hooks. Debian's 6.1 is built without CONFIG_DEBUG_KMEMLEAK, where every hook is an
 * empty inline: these are exactly that kernel's behaviour, not stubs.
 */
#ifndef __KMEMLEAK_H
#define __KMEMLEAK_H

#include "linux/slab.h"
#include "linux/vmalloc.h"

static inline void kmemleak_init(void) { }
static inline void kmemleak_alloc(const void *ptr, size_t size, int min_count, gfp_t gfp)
{ (void)ptr; (void)size; (void)min_count; (void)gfp; }
static inline void kmemleak_alloc_recursive(const void *ptr, size_t size, int min_count,
					    slab_flags_t flags, gfp_t gfp)
{ (void)ptr; (void)size; (void)min_count; (void)flags; (void)gfp; }
static inline void kmemleak_alloc_percpu(const void *ptr, size_t size, gfp_t gfp)
{ (void)ptr; (void)size; (void)gfp; }
static inline void kmemleak_vmalloc(const void *area, size_t size, gfp_t gfp)
{ (void)area; (void)size; (void)gfp; }
static inline void kmemleak_free(const void *ptr) { (void)ptr; }
static inline void kmemleak_free_part(const void *ptr, size_t size) { (void)ptr; (void)size; }
static inline void kmemleak_free_recursive(const void *ptr, slab_flags_t flags) { (void)ptr; (void)flags; }
static inline void kmemleak_free_percpu(const void *ptr) { (void)ptr; }
static inline void kmemleak_update_trace(const void *ptr) { (void)ptr; }
static inline void kmemleak_not_leak(const void *ptr) { (void)ptr; }
static inline void kmemleak_ignore(const void *ptr) { (void)ptr; }
static inline void kmemleak_scan_area(const void *ptr, size_t size, gfp_t gfp)
{ (void)ptr; (void)size; (void)gfp; }
static inline void kmemleak_erase(void **ptr) { (void)ptr; }
static inline void kmemleak_no_scan(const void *ptr) { (void)ptr; }
static inline void kmemleak_alloc_phys(phys_addr_t phys, size_t size, gfp_t gfp)
{ (void)phys; (void)size; (void)gfp; }
static inline void kmemleak_free_part_phys(phys_addr_t phys, size_t size) { (void)phys; (void)size; }
static inline void kmemleak_not_leak_phys(phys_addr_t phys) { (void)phys; }
static inline void kmemleak_ignore_phys(phys_addr_t phys) { (void)phys; }

#endif
