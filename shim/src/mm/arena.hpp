// Deterministic heap at a fixed virtual address: the memory under kmalloc, kmem_cache and vmalloc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <set>
#include <utility>
#include <vector>

namespace kshim {

// One big address-space reservation carved into slabs and page runs.
//
// Layout of the reservation (one mmap, unmapped by the destructor):
//   [ heap: heap_size bytes | page descriptors | live-object bitmap ]
// Memory is committed lazily by the host kernel, so RSS follows use.
//
// Determinism: the heap starts at a fixed address (kDefaultBase) when that
// range is free, and every decision below depends only on the sequence of
// calls, so the same call sequence yields the same addresses in every run.
// If the fixed range is taken (another Arena alive, a sanitizer's shadow),
// the host kernel picks the address; offsets from base() are then still
// reproducible but absolute addresses are not (is_fixed() reports this).
//
// Reuse is LIFO per cache: freeing an object makes its slab the one the
// cache allocates from, so the object freed last is handed out next (SLUB
// would keep allocating from the per-CPU slab; strict LIFO is our choice).
//
// Not thread-safe: the whole runtime runs on one host thread (fibers).
// Nothing here sleeps or takes locks, so every member is atomic-safe in
// the kernel sense (callable from emulated IRQ/softirq context).
class Arena {
    struct PageDesc;  // per-page metadata, defined in arena.cpp

public:
    static constexpr std::uintptr_t kDefaultBase = 0x6f0000000000ull;
    static constexpr std::size_t kDefaultSize = std::size_t{64} << 30;
    static constexpr std::size_t kPageSize = 4096;
    static constexpr std::size_t kMaxSlabSize = 8192;   // KMALLOC_MAX_CACHE_SIZE
    static constexpr unsigned char kPoisonFree = 0x6b;  // POISON_FREE
    static constexpr std::size_t kNumClasses = 13;      // kmalloc-8 .. kmalloc-8k

    enum class FreeResult {
        Freed,       // p was a live allocation; it is released now
        NotOwned,    // p (or nullptr) lies outside this arena
        DoubleFree,  // p is where an allocation started, but it is not live
        Invalid,     // p lies inside the arena but no allocation starts there
        WrongCache,  // cache_free: p is live but belongs to another cache
    };

    // A slab cache: objects of one rounded size carved from slabs.
    // Used both for the kmalloc size classes and for kmem_cache_create().
    class Cache {
    public:
        std::size_t object_size() const { return usable_; }  // what ksize() says
        std::size_t stride() const { return stride_; }        // distance between objects
        std::size_t align() const { return align_; }
        std::size_t live_objects() const { return live_; }

    private:
        friend class Arena;
        std::size_t stride_ = 0;       // bytes per object slot
        std::size_t usable_ = 0;       // bytes the user may touch
        std::size_t align_ = 0;
        std::size_t freeptr_ = 0;      // offset of the free-list link in a free slot
        std::uint32_t slab_pages_ = 0; // power of two, slab is naturally aligned
        std::uint32_t objects_ = 0;    // objects per slab
        std::uint32_t min_partial_ = 0;
        std::uint32_t nr_partial_ = 0;
        std::uint32_t partial_ = 0;    // head of partial-slab list (page index)
        bool poison_ = true;           // fill freed objects with kPoisonFree
        bool builtin_ = false;         // a kmalloc size class, never destroyed
        void (*ctor_)(void *) = nullptr;
        PageDesc *active_ = nullptr;   // slab that allocations come from
        std::size_t live_ = 0;
    };

    // Reserve heap_size bytes at base (which must be 1 GiB aligned, else
    // std::invalid_argument); falls back to a kernel-chosen, 1 GiB aligned
    // address if the range is in use. Throws std::system_error if no
    // reservation can be made at all.
    explicit Arena(std::uintptr_t base = kDefaultBase, std::size_t heap_size = kDefaultSize);
    ~Arena();
    Arena(const Arena &) = delete;
    Arena &operator=(const Arena &) = delete;

    // kmalloc-style: sizes up to 8192 come from the size classes (8, 16, 32,
    // 64, 96, 128, 192, 256, 512, 1k, 2k, 4k, 8k); larger sizes get
    // PAGE_SIZE << get_order(size) bytes aligned to that size, like
    // kmalloc_large(). align (0 or a power of two <= kPageSize) raises the
    // class until its natural alignment suffices. Contents are not zeroed.
    // Returns nullptr for size 0, a bad align, or an exhausted arena; the
    // caller handles ZERO_SIZE_PTR and KMALLOC_MAX_SIZE.
    void *allocate(std::size_t size, std::size_t align = 0);

    // vmalloc-style: whole pages (size rounded up to kPageSize), page
    // aligned, no power-of-two rounding. nullptr for size 0 or exhaustion.
    void *allocate_pages(std::size_t size);

    // Releases anything from allocate(), allocate_pages() or cache_alloc().
    // Never aborts and changes nothing unless the result is Freed; the
    // result tells the caller what to report. nullptr gives NotOwned.
    FreeResult free(void *p);

    // kmem_cache_create(): objects of object_size rounded up to align
    // (0 means 8; must be a power of two <= kPageSize). A ctor is run on
    // every object when its slab is created (as SLUB does) and such caches,
    // like keep_contents ones (SLAB_TYPESAFE_BY_RCU), are never poisoned:
    // their free-list link lives after the object. nullptr on bad arguments.
    Cache *create_cache(std::size_t object_size, std::size_t align,
                        void (*ctor)(void *) = nullptr, bool keep_contents = false);
    void *cache_alloc(Cache *c);
    FreeResult cache_free(Cache *c, void *p);
    // Releases the cache and its slabs if it has no live objects and returns
    // true. Otherwise frees only its empty slabs, leaves the cache usable
    // (Linux leaks it) and returns false so the caller can complain.
    bool destroy_cache(Cache *c);

    // True if p points anywhere inside the heap part of the reservation.
    bool owns(const void *p) const;
    // ksize(): class size, cache object size or bytes of the page run, for
    // the start address of a live allocation; 0 for anything else.
    std::size_t usable_size(const void *p) const;
    // Start of the live allocation whose usable bytes contain p, or nullptr.
    void *object_start(const void *p) const;

    // Where a slab object lives, for SLUB-style reports: its slab's first byte, the objects the
    // slab holds and how many are live, p's offset in the slab and the slab's free list.
    struct SlabInfo {
        const void *slab = nullptr;
        unsigned objects = 0, inuse = 0;
        std::size_t offset = 0;
        const void *freelist = nullptr;
    };
    // For any address inside a slab; slab == nullptr for page runs and foreign memory.
    SlabInfo slab_info(const void *p) const;

    std::uintptr_t base() const { return reinterpret_cast<std::uintptr_t>(heap_); }
    std::size_t heap_size() const { return heap_pages_ * kPageSize; }
    bool is_fixed() const { return fixed_; }
    // Pages currently held by slabs and page runs (the "slab + pages" footprint).
    std::size_t used_pages() const { return used_pages_; }
    // The kmalloc cache that serves allocate(size) with default alignment.
    const Cache *size_class(std::size_t size) const;
    // The bytes allocate(size) hands out with default alignment: the size class, or the
    // power-of-two page run for larger sizes (kmalloc_size_roundup); 0 for size 0.
    std::size_t rounded_size(std::size_t size) const;

private:
    static constexpr std::uint32_t kNil = 0xffffffffu;

    int class_index(std::size_t size, std::size_t align) const;
    void init_class(std::size_t i, std::size_t size);
    void setup_cache(Cache &c, std::size_t size, std::size_t align, bool keep_contents);

    void *slab_alloc(Cache &c);
    FreeResult slab_free(Cache &c, PageDesc *slab, void *p);
    PageDesc *refill(Cache &c);
    PageDesc *new_slab(Cache &c);
    void make_active(Cache &c, PageDesc *slab);
    void retire_active(Cache &c);
    void discard_slab(Cache &c, PageDesc *slab);
    void partial_push(Cache &c, PageDesc *slab);
    void partial_remove(Cache &c, PageDesc *slab);

    std::uint32_t alloc_run(std::uint32_t npages, std::uint32_t align_pages);
    std::uint32_t take_free_run(std::uint32_t npages, std::uint32_t align_pages);
    void free_run(std::uint32_t first, std::uint32_t npages);
    void put_free_run(std::uint32_t first, std::uint32_t npages);
    void carve_run(std::uint32_t run, std::uint32_t run_pages, std::uint32_t first,
                   std::uint32_t npages);
    void *large_alloc(std::uint32_t npages, std::uint32_t align_pages);
    static std::size_t large_pages(std::size_t size);  // pages of a kmalloc_large-style run
    FreeResult large_free(std::uint32_t page);
    FreeResult classify_bad_free(const void *p) const;

    std::uint32_t page_of(const void *p) const;
    std::uint32_t index_of(const PageDesc *d) const;
    char *page_addr(std::uint32_t page) const;
    const PageDesc *head_of(std::uint32_t page) const;
    bool is_live(const void *p) const;
    void set_live(const void *p);
    void clear_live(const void *p);

    char *heap_ = nullptr;
    std::size_t heap_pages_ = 0;
    void *mapping_ = nullptr;
    std::size_t mapping_size_ = 0;
    bool fixed_ = false;
    PageDesc *descs_ = nullptr;      // one per heap page, like struct page
    std::uint64_t *live_bits_ = nullptr;  // one bit per 8 heap bytes
    std::uint32_t top_ = 0;          // pages at and above top_ are free
    std::uint32_t high_ = 0;         // highest top_ so far: pages above were never used
    std::size_t used_pages_ = 0;
    std::set<std::pair<std::uint32_t, std::uint32_t>> free_runs_;  // (npages, first page)
    Cache classes_[kNumClasses];
    std::vector<std::unique_ptr<Cache>> caches_;
};

}  // namespace kshim
