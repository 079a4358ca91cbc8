// SLUB debug, always on: red zones after each object's requested size, poisoned freed objects in a quarantine, SLUB's reports.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>

#include "mm/memory.hpp"

namespace kshim {

class Arena;
class Kernel;

// What slub_debug=FZPU gives a 6.1 kernel, for every kmalloc (up to the slab classes) and
// kmem_cache object:
//  - a right red zone (0xcc while the object is live) from the requested size to the end of
//    its slot, checked at kfree / kmem_cache_free and at module unload;
//  - on free the object is poisoned (0x6b, last byte 0xa5, the red zone 0xbb) and held in a
//    FIFO quarantine instead of being reused at once; its poison is checked when it leaves the
//    quarantine (reuse), at cache destruction and at unload;
//  - the allocation and free tracks (call site, stack, pid, cpu, jiffies) each report prints.
// Findings are printed in mm/slub.c's wording ("BUG kmalloc-32 (Not tainted): Right Redzone
// overwritten", "Poison overwritten"), the bytes are restored ("FIX ...") and the kernel is
// tainted 'B', as SLUB does. Every member is atomic-safe and never sleeps.
class SlubDebug {
public:
    static constexpr unsigned char kRedActive = 0xcc;    // SLUB_RED_ACTIVE
    static constexpr unsigned char kRedInactive = 0xbb;  // SLUB_RED_INACTIVE
    static constexpr unsigned char kPoisonFree = 0x6b;   // POISON_FREE
    static constexpr unsigned char kPoisonEnd = 0xa5;    // POISON_END
    // The quarantine holds at most this many objects and bytes; the oldest leaves first.
    static constexpr size_t kQuarantineObjects = 1024;
    static constexpr size_t kQuarantineBytes = size_t{4} << 20;

    // `release` gives an object back to the arena for good (when it leaves the quarantine).
    using Release = std::function<void(void *p, const Allocation &a)>;
    SlubDebug(Kernel &k, const Arena &arena, Release release);

    // The track of the current task at call site `site` (its stack from there outwards).
    Track track(uintptr_t site) const;
    // A fresh object: paints its red zone [a.size, a.slot).
    static void paint(void *p, const Allocation &a);
    // kfree time, before anything else: checks p's red zone; reports and restores it if hit.
    // Returns false when the red zone was overwritten.
    bool check_live(const void *p, const Allocation &a);
    // Poisons p, quarantines it with the free track, and releases the oldest objects beyond
    // the quarantine's bounds after checking their poison.
    void quarantine(void *p, const Allocation &a, uintptr_t site);
    // Releases (after checking) every quarantined object, or only those of cache c.
    void drain(const kmem_cache *c = nullptr);
    // Module unload: checks the poison of every quarantined object (they stay quarantined).
    // Returns how many reports it printed.
    unsigned check_quarantine();
    // The quarantined (freed) object that starts at p, or nullptr. For double-free reports.
    const Allocation *freed(const void *p) const;
    // The quarantined object whose slot holds addr (its start in *start, its free track in
    // *free), or nullptr. For KASAN-style reports.
    const Allocation *freed_containing(uintptr_t addr, const void **start, const Track **free) const;
    size_t quarantined() const { return q_.size(); }

    // SLUB's cache name of an allocation: "kmalloc-32", "kmalloc-1k" or the kmem_cache's name.
    static std::string cache_name(const Allocation &a);
    // "kmalloc-32", "kmalloc-1k": the kmalloc cache of that object size.
    static std::string kmalloc_name(unsigned object);

private:
    struct Freed {
        void *p;
        Allocation a;
        Track free;
    };

    void poison(void *p, const Allocation &a) const;
    bool check_freed(Freed &f);
    bool check_bytes(const char *what, const unsigned char *obj, const Allocation &a, const Track *free,
                     unsigned char *start, unsigned char value, size_t bytes);
    void report(const char *what, const unsigned char *obj, const Allocation &a, const Track *free,
                const unsigned char *fault, const unsigned char *end, unsigned char value);
    void print_track(const char *what, const Track &t) const;
    void print_trailer(const unsigned char *obj, const Allocation &a, const Track *free);
    void release_oldest();

    Kernel &k_;
    const Arena &arena_;
    Release release_;
    std::deque<Freed> q_;
    size_t q_bytes_ = 0;
};

}  // namespace kshim
