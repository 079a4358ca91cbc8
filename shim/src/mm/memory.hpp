// Tracked kernel allocations (kmalloc, kmem_cache, vmalloc, pages) and the kmemleak-style report.
#pragma once

#include "debug/debugobjects.hpp"

#include "linux/types.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

struct kmem_cache;

namespace kshim {

class Arena;
class Kernel;
class SlubDebug;
class Kfence;
class Module;

enum class AllocKind : uint8_t { Kmalloc, Vmalloc, Cache, Pages };

// Where and when an object was allocated or freed, as SLUB's struct track (SLAB_STORE_USER).
struct Track {
    static constexpr size_t kDepth = 8;
    uintptr_t frames[kDepth] = {};  // return addresses, innermost first; frames[0] is the call site
    uint8_t depth = 0;
    unsigned cpu = 0;
    int pid = 0;
    unsigned long jiffies = 0;
};

// What the leak report needs to know about a live allocation.
struct Allocation {
    size_t size = 0;           // the size asked for
    uintptr_t site = 0;        // return address in the allocating code
    Module *module = nullptr;  // module whose code allocated it
    uint64_t ns = 0;           // when
    unsigned long jiffies = 0;
    int pid = 0;
    char comm[16] = {};
    AllocKind kind = AllocKind::Kmalloc;
    struct kmem_cache *cache = nullptr;
    // SLUB debug (slub_debug.hpp): the slot is `slot` bytes; [size, slot) is the red zone,
    // `object` what ksize() says (SLUB's object_size). slot == 0: no red zone (vmalloc, pages,
    // kmalloc beyond the slab classes). poison: freed contents may be poisoned (no ctor, not RCU).
    uint32_t slot = 0;
    uint32_t object = 0;
    bool poison = false;
    bool kfence = false;       // a KFENCE-guarded object (kfence.hpp): no slab, no red zone
    Track alloc;
};

}  // namespace kshim

// The C API's cache handle; opaque to module code.
struct kmem_cache {
    std::string name;
    unsigned int size = 0;
    unsigned int align = 0;
    unsigned int flags = 0;
    void (*ctor)(void *) = nullptr;
    void *arena_cache = nullptr;
    size_t live = 0;
    kshim::Module *module = nullptr;
    uintptr_t site = 0;
};

namespace kshim {

// All entry points may be called from any context; those given a gfp that allows blocking
// check that the caller may sleep, as the kernel's might_sleep() does.
class Memory {
public:
    explicit Memory(Kernel &k);
    ~Memory();

    void *kmalloc(size_t size, gfp_t flags, uintptr_t site);
    void *krealloc(const void *p, size_t size, gfp_t flags, uintptr_t site);
    void kfree(const void *p, uintptr_t site, bool sensitive = false);
    // ksize(): SLUB's object size; the red zone then starts after it (the caller may use it all).
    size_t ksize(const void *p);
    void *vmalloc(size_t size, gfp_t flags, uintptr_t site);
    void vfree(const void *p, uintptr_t site);
    bool is_vmalloc(const void *p) const;
    void *pages(unsigned order, gfp_t flags, uintptr_t site);
    void free_pages(const void *p, uintptr_t site);

    // kmalloc_size_roundup: the bytes kmalloc(size) hands out, from the arena's size classes.
    size_t size_roundup(size_t size) const;

    // The allocator behind an array form (kmalloc_array, kvmalloc_array, vmalloc_array...).
    enum class Api { Kmalloc, Kvmalloc, Vmalloc };
    // n * size bytes from api; nullptr, quietly, if the product overflows.
    void *alloc_array(Api api, size_t n, size_t size, gfp_t flags, uintptr_t site);
    void *krealloc_array(void *p, size_t n, size_t size, gfp_t flags, uintptr_t site);
    // kvmalloc: kmalloc first (quietly above a page), vmalloc when that fails, as 6.1 does.
    void *kvmalloc(size_t size, gfp_t flags, uintptr_t site);
    // kvrealloc: p itself if it is big enough, else a fresh kvmalloc with the old bytes.
    void *kvrealloc(const void *p, size_t oldsize, size_t newsize, gfp_t flags, uintptr_t site);
    // kvfree_sensitive: zeroes len bytes of p before freeing it.
    void kvfree_sensitive(const void *p, size_t len, uintptr_t site);
    // The copies (kstrdup, kstrndup, kmemdup, kmemdup_nul, kvmemdup): a fresh allocation
    // charged to site; the string forms give nullptr for a nullptr source.
    char *kstrndup(const char *s, size_t max, gfp_t flags, uintptr_t site);
    void *kmemdup(const void *src, size_t len, gfp_t flags, uintptr_t site);
    char *kmemdup_nul(const char *s, size_t len, gfp_t flags, uintptr_t site);
    void *kvmemdup(const void *src, size_t len, gfp_t flags, uintptr_t site);

    kmem_cache *cache_create(const char *name, unsigned size, unsigned align, unsigned flags,
                             void (*ctor)(void *), uintptr_t site);
    void cache_destroy(kmem_cache *c, uintptr_t site);
    void *cache_alloc(kmem_cache *c, gfp_t flags, uintptr_t site);
    void cache_free(kmem_cache *c, void *p, uintptr_t site);

    // Leak checking: what `m` still holds, and the kmemleak report of it (printed via printk).
    std::vector<std::pair<uintptr_t, Allocation>> held_by(const Module *m) const;
    size_t report_leaks(const Module *m);
    // Module unload: SLUB debug checks the red zones of m's live objects and the poison of
    // every quarantined one. Returns the reports printed. Atomic-safe.
    unsigned check_objects(const Module *m);
    size_t live_count() const { return live_.size(); }
    // debugobjects: called with each range about to be freed, before anything else touches it
    // (the composition root checks the objects other subsystems hold). Atomic-safe.
    using FreeHook = std::function<void(const FreedRange &)>;
    void set_free_hook(FreeHook h) { free_hook_ = std::move(h); }
    const Allocation *find(const void *p) const;
    Kfence &kfence() { return *kfence_; }
    // The kmalloc or kmem_cache object whose slot holds addr: live, or freed and quarantined
    // (then `free` is its free track). a == nullptr when there is none. Atomic-safe.
    struct ObjectAt {
        const void *start = nullptr;
        const Allocation *a = nullptr;
        const Track *free = nullptr;
    };
    ObjectAt object_at(uintptr_t addr) const;

private:
    void *track(void *p, size_t size, gfp_t flags, uintptr_t site, AllocKind kind, kmem_cache *c,
                const Track *t = nullptr);
    void *guarded(size_t size, gfp_t flags, uintptr_t site, kmem_cache *c);
    bool untrack(const void *p, uintptr_t site, AllocKind expect, const char *api);
    void check_context(gfp_t flags);
    void bad_free(const char *what, const void *p, uintptr_t site);
    void *alloc(Api api, size_t size, gfp_t flags, uintptr_t site);
    char *dup_bytes(const void *src, size_t len, bool nul, gfp_t flags, uintptr_t site);

    void *slab_alloc(size_t size, bool power_of_two);
    void release(void *p, AllocKind kind, kmem_cache *c);

    Kernel &k_;
    std::unique_ptr<Arena> arena_;
    std::unique_ptr<SlubDebug> slub_;
    std::unique_ptr<Kfence> kfence_;
    std::unordered_map<uintptr_t, Allocation> live_;
    std::vector<kmem_cache *> caches_;
    FreeHook free_hook_;
};

}  // namespace kshim
