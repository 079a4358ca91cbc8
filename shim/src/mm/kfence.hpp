// KFENCE: sampled guarded objects at a page edge before a protected page, whose faults are reported as 6.1's mm/kfence does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "mm/memory.hpp"

namespace kshim {

class Kernel;

// What CONFIG_KFENCE gives a 6.1 kernel. A pool of kObjects object pages, each between two
// PROT_NONE guard pages; a guarded object ends at its page's end (aligned down to its cache's
// alignment), so an access past its end touches the next guard page and faults at the access
// itself. A freed object's page is protected too, so a use after free faults as well. The
// bytes of the object page around the object hold a canary, checked at free. Which
// allocations are guarded: every one (the test API's default, while the pool lasts) or one
// per sample interval of kernel time (the runner, as kfence.sample_interval).
// The SIGSEGV handler (debug/crash.cpp) hands a fault in the pool to handle_fault, which
// prints mm/kfence/report.c's report, unprotects the page and lets the access go on, once, as
// kfence_handle_page_fault does. Not thread-safe (one host thread); every member is
// atomic-safe and never sleeps.
class Kfence {
public:
    static constexpr size_t kObjects = 1023;     // CONFIG_KFENCE_NUM_OBJECTS (6.1: 255)
    static constexpr size_t kPage = 4096;
    static constexpr int64_t kAll = -1;          // sample_ms: guard every allocation

    explicit Kfence(Kernel &k);
    ~Kfence();
    Kfence(const Kfence &) = delete;
    Kfence &operator=(const Kfence &) = delete;

    // sample_ms: kAll, 0 (off) or the interval in ms between two guarded allocations.
    void configure(int64_t sample_ms);
    bool enabled() const { return sample_ms_ != 0; }
    // Whether an allocation of `size` bytes made now is to be guarded (closes the sample gate).
    bool want(size_t size);
    // A guarded object of size bytes in cache `cache` (name as SLUB prints it), aligned to
    // align; nullptr when the pool is exhausted (the caller then uses the slabs).
    void *alloc(size_t size, size_t align, const std::string &cache, const Track &t);
    // kfree of a live guarded object p: checks its canary, protects its page.
    void free(const void *p, const Track &t);
    // A free of p in the pool that is not a live object's start: KFENCE's invalid free.
    void invalid_free(const void *p, const Track &t);
    bool owns(const void *p) const;
    // The fault at addr (is_write from the page-fault error code); frames[0] is the faulting
    // PC. False when addr is not in the pool (then it is an oops). From the signal handler.
    bool handle_fault(uintptr_t addr, bool is_write, const std::vector<uintptr_t> &frames);
    size_t guarded() const { return allocs_; }

private:
    // A pool object's life: Unused -> Allocated (alloc) -> Freed (free) -> Allocated (reuse).
    enum class State : uint8_t { Unused, Allocated, Freed };
    struct Meta {
        State state = State::Unused;
        uintptr_t addr = 0;
        size_t size = 0;
        std::string cache;
        Track alloc, free;
        uint64_t alloc_ns = 0, free_ns = 0;
        uintptr_t opened_guard = 0;   // a guard page an out-of-bounds fault unprotected
    };
    enum class Error { OutOfBounds, UseAfterFree, Corruption, InvalidFree, Invalid };

    char *page(size_t i) const { return pool_ + (2 * i + 2) * kPage; }
    Meta *meta_of_page(uintptr_t addr);
    Meta *meta_at(uintptr_t addr);
    Meta *nearest_for_guard(uintptr_t addr);
    size_t index(const Meta &m) const { return (size_t)(&m - metas_.data()); }
    bool check_canary(Meta &m, const Track &t);
    void protect(uintptr_t addr, bool open);
    static std::string headline(Error e, bool is_write, const std::string &where);

    void report(Error e, uintptr_t addr, bool is_write, const Meta *m, const std::vector<uintptr_t> &stack);
    void print_header(Error e, uintptr_t addr, bool is_write, const Meta *m, const std::string &where);
    void print_object(const Meta &m);
    void print_track(const char *what, const Track &t, uint64_t ns);

    Kernel &k_;
    char *pool_ = nullptr;
    size_t pool_bytes_ = 0;
    std::vector<Meta> metas_;     // every object's, made at the first allocation
    size_t fresh_ = 0;            // objects [fresh_, kObjects) were never handed out
    std::deque<size_t> free_;     // freed pool objects to hand out again, oldest first
    int64_t sample_ms_ = 0;
    uint64_t next_ns_ = 0;         // the sample gate opens at this kernel time
    size_t allocs_ = 0;
};

}  // namespace kshim
