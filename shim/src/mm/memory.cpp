// Tracked allocations over the deterministic arena, misuse reports and the leak report.
#include "mm/memory.hpp"
#include <algorithm>
#include <cstring>
#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"
#include "mm/arena.hpp"
#include "mm/kasan.hpp"
#include "mm/kfence.hpp"
#include "mm/slub_debug.hpp"
#include "module/address_map.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"

#include "linux/gfp.h"
#include "linux/slab.h"

namespace kshim {

namespace {

#ifndef KSHIM_MEMORY_DETECTORS
#define KSHIM_MEMORY_DETECTORS 1
#endif
// SLUB debug, KFENCE and debugobjects; compiled out only to measure their cost (CMake option
// KSHIM_MEMORY_DETECTORS=OFF, docs/performance.md).
constexpr bool kDetectors = KSHIM_MEMORY_DETECTORS != 0;

#if defined(__SANITIZE_ADDRESS__) || defined(KSHIM_SANITIZE_ADDRESS)
constexpr bool kKfence = false;  // ASan checks every access exactly: no sampled guards needed
#else
constexpr bool kKfence = kDetectors;
#endif

// Bytes of red zone a kmem_cache object gets after its size (at least one word, as SLUB's).
constexpr size_t kCacheRedzone = kDetectors ? sizeof(void *) : 0;

}  // namespace

Memory::Memory(Kernel &k) : k_(k), arena_(std::make_unique<Arena>())
{
    slub_ = std::make_unique<SlubDebug>(k, *arena_, [this](void *p, const Allocation &a) { release(p, a.kind, a.cache); });
    kfence_ = std::make_unique<Kfence>(k);
    install_kasan_reports();
    kfence_->configure(kKfence ? k.options().kfence_sample_ms : 0);
    live_.reserve(1024);
}

Memory::~Memory()
{
    for (kmem_cache *c : caches_)
        delete c;
}

void Memory::check_context(gfp_t flags)
{
    if (gfpflags_allow_blocking(flags))
        k_.reports().check_might_sleep(__FILE__, __LINE__);
}

void *Memory::track(void *p, size_t size, gfp_t flags, uintptr_t site, AllocKind kind,
                    kmem_cache *c, const Track *t)
{
    if (!p)
        return nullptr;
    if (flags & __GFP_ZERO)
        std::memset(p, 0, size);
    Allocation &a = live_[(uintptr_t)p];
    a.size = size;
    a.site = site;
    a.module = k_.module_map().find(site);
    a.ns = k_.clock().now();
    a.jiffies = Clock::jiffies_at(a.ns);
    const task_struct &ts = k_.sched().current_or_boot().ts;
    a.pid = ts.pid;
    std::memcpy(a.comm, ts.comm, sizeof a.comm);
    a.kind = kind;
    a.cache = c;
    a.slot = 0;
    a.kfence = t != nullptr;
    if (!kDetectors)
        return p;
    a.alloc = t ? *t : slub_->track(site);
    if (t)
        return p;
    if (kind == AllocKind::Kmalloc && size < Arena::kMaxSlabSize) {
        a.slot = (uint32_t)arena_->usable_size(p);
        a.object = (uint32_t)arena_->rounded_size(size);
        a.poison = true;
    } else if (kind == AllocKind::Cache) {
        a.slot = (uint32_t)arena_->usable_size(p);
        a.object = c->size;
        a.poison = !c->ctor && !(c->flags & SLAB_TYPESAFE_BY_RCU);
    }
    SlubDebug::paint(p, a);
    return p;
}

// A KFENCE-guarded object for a kmalloc (c == nullptr) or a kmem_cache, or nullptr when the
// pool is full. kmalloc objects keep their size class's alignment and name, as 6.1's do.
void *Memory::guarded(size_t size, gfp_t flags, uintptr_t site, kmem_cache *c)
{
    const Arena::Cache *cls = c ? nullptr : arena_->size_class(size);
    const std::string name = c ? c->name : SlubDebug::kmalloc_name((unsigned)cls->object_size());
    // 6.1's kmalloc caches of a power-of-two size are aligned to it; the others to a word.
    size_t object = c ? 0 : cls->object_size();
    size_t align = c ? c->align : (object & (object - 1)) == 0 ? object : cls->align();
    Track t = slub_->track(site);
    void *p = kfence_->alloc(size, align, name, t);
    if (p && c && c->ctor)
        c->ctor(p);  // a slab runs it when the slab is made; a KFENCE object at each allocation
    if (p && c)
        ++c->live;
    return track(p, size, flags, site, c ? AllocKind::Cache : AllocKind::Kmalloc, c, &t);
}

// A kmalloc slab object with room for at least one red-zone byte after `size`; a power-of-two
// size keeps its natural alignment (the next class up would not give it: 64 -> kmalloc-96).
void *Memory::slab_alloc(size_t size, bool power_of_two)
{
    size_t align = power_of_two ? std::min<size_t>(size, Arena::kPageSize) : 0;
    return arena_->allocate(size + 1, align);
}

// An object leaves the quarantine for good: back to its slab. Atomic-safe.
void Memory::release(void *p, AllocKind kind, kmem_cache *c)
{
    if (kind == AllocKind::Cache)
        arena_->cache_free(static_cast<Arena::Cache *>(c->arena_cache), p);
    else
        arena_->free(p);
}

bool Memory::untrack(const void *p, uintptr_t site, AllocKind expect, const char *api)
{
    auto it = live_.find((uintptr_t)p);
    if (it == live_.end()) {
        if (kfence_->owns(p))
            kfence_->invalid_free(p, slub_->track(site));
        else
            bad_free(arena_->owns(p) ? "double-free" : "invalid-free", p, site);
        return false;
    }
    if (it->second.kind != expect) {
        bad_free(api, p, site);
        return false;
    }
    Allocation a = it->second;
    live_.erase(it);
    if (kDetectors && free_hook_) {
        const char *lo = static_cast<const char *>(p);
        free_hook_(FreedRange{lo, lo + std::max<size_t>(a.size, a.object), site});
    }
    if (a.kfence) {
        if (a.kind == AllocKind::Cache)
            --a.cache->live;
        kfence_->free(p, slub_->track(site));
        return true;
    }
    if (!a.slot) {
        arena_->free(const_cast<void *>(p));
        return true;
    }
    if (!slub_->check_live(p, a)) {
        // SLUB's free_debug_processing gives up on a corrupted object: it is never freed
        // (a cache then still has objects when it is destroyed).
        k_.log().emit(3, strprintf("FIX %s: Object at 0x%p not freed", SlubDebug::cache_name(a).c_str(), p));
        return true;
    }
    if (a.kind == AllocKind::Cache)
        --a.cache->live;
    slub_->quarantine(const_cast<void *>(p), a, site);
    return true;
}

void Memory::bad_free(const char *what, const void *p, uintptr_t site)
{
    Printk &log = k_.log();
    const std::string where = k_.symbols().text(site, 'S');
    const task_struct &ts = k_.sched().current_or_boot().ts;
    k_.reports().count_bug();
    log.emit(3, "==================================================================");
    log.emit(3, strprintf("BUG: KASAN: %s in %s", what, where.c_str()));
    log.emit(3, strprintf("Free of addr %px by task %s/%d", p, ts.comm, ts.pid));
    k_.reports().dump_stack(3, 3);
    log.emit(3, "==================================================================");
}

void *Memory::kmalloc(size_t size, gfp_t flags, uintptr_t site)
{
    check_context(flags);
    if (size == 0)
        return ZERO_SIZE_PTR;
    if (size > KMALLOC_MAX_SIZE) {
        if (!(flags & __GFP_NOWARN))
            k_.reports().warn(__FILE__, __LINE__, site, "");
        return nullptr;
    }
    if (k_.faults().should_fail(FaultCall::Kmalloc, size, flags, site))
        return nullptr;
    if (kDetectors && kfence_->want(size))
        if (void *p = guarded(size, flags, site, nullptr))
            return p;
    void *p = kDetectors && size < Arena::kMaxSlabSize ? slab_alloc(size, (size & (size - 1)) == 0) : arena_->allocate(size);
    return track(p, size, flags, site, AllocKind::Kmalloc, nullptr);
}

void *Memory::krealloc(const void *p, size_t size, gfp_t flags, uintptr_t site)
{
    if (ZERO_OR_NULL_PTR(p))
        return kmalloc(size, flags, site);
    if (size == 0) {
        kfree(p, site);
        return ZERO_SIZE_PTR;
    }
    auto it = live_.find((uintptr_t)p);
    if (it == live_.end()) {
        bad_free("invalid-free", p, site);
        return nullptr;
    }
    Allocation &a = it->second;
    size_t old = a.size;
    if (a.slot ? size <= a.object && size < a.slot : size <= arena_->usable_size(p)) {
        if (a.slot && size > old)
            slub_->check_live(p, a);  // a write past the old size before it grows
        a.size = size;
        SlubDebug::paint(const_cast<void *>(p), a);
        if ((flags & __GFP_ZERO) && size > old)
            std::memset((char *)p + old, 0, size - old);
        return const_cast<void *>(p);
    }
    void *n = kmalloc(size, flags, site);
    if (!n)
        return nullptr;
    std::memcpy(n, p, std::min(old, size));
    kfree(p, site);
    return n;
}

void Memory::kfree(const void *p, uintptr_t site, bool sensitive)
{
    if (ZERO_OR_NULL_PTR(p))
        return;
    auto it = live_.find((uintptr_t)p);
    if (it != live_.end() && it->second.kind == AllocKind::Vmalloc) {
        vfree(p, site);  // kvfree-style callers land here; kfree of vmalloc memory is a bug
        return;
    }
    if (sensitive && it != live_.end())
        std::memset(const_cast<void *>(p), 0, it->second.size);
    untrack(p, site, AllocKind::Kmalloc, "kfree of a non-kmalloc object");
}

size_t Memory::ksize(const void *p)
{
    if (ZERO_OR_NULL_PTR(p))
        return 0;
    auto it = live_.find((uintptr_t)p);
    if (it != live_.end() && it->second.kfence)
        return it->second.size;  // KFENCE's ksize is the object's size
    if (it == live_.end() || !it->second.slot)
        return arena_->usable_size(p);
    Allocation &a = it->second;
    if (a.size < a.object) {  // the caller may use all of it now, as KASAN's ksize() allows
        slub_->check_live(p, a);
        a.size = a.object;
        SlubDebug::paint(const_cast<void *>(p), a);
    }
    return a.object;
}

void *Memory::vmalloc(size_t size, gfp_t flags, uintptr_t site)
{
    check_context(flags | __GFP_DIRECT_RECLAIM);
    if (size == 0 || k_.faults().should_fail(FaultCall::Vmalloc, size, flags | __GFP_DIRECT_RECLAIM, site))
        return nullptr;
    return track(arena_->allocate_pages(size), size, flags, site, AllocKind::Vmalloc, nullptr);
}

void Memory::vfree(const void *p, uintptr_t site)
{
    if (!p)
        return;
    untrack(p, site, AllocKind::Vmalloc, "vfree of a non-vmalloc object");
}

bool Memory::is_vmalloc(const void *p) const
{
    auto it = live_.find((uintptr_t)p);
    return it != live_.end() && it->second.kind == AllocKind::Vmalloc;
}

void *Memory::pages(unsigned order, gfp_t flags, uintptr_t site)
{
    check_context(flags);
    size_t size = (size_t)4096 << order;
    if (k_.faults().should_fail(FaultCall::Pages, size, flags, site))
        return nullptr;
    return track(arena_->allocate_pages(size), size, flags, site, AllocKind::Pages, nullptr);
}

void Memory::free_pages(const void *p, uintptr_t site)
{
    if (p)
        untrack(p, site, AllocKind::Pages, "free_pages of a non-page allocation");
}

size_t Memory::size_roundup(size_t size) const { return arena_->rounded_size(size); }

void *Memory::alloc(Api api, size_t size, gfp_t flags, uintptr_t site)
{
    switch (api) {
    case Api::Kmalloc: return kmalloc(size, flags, site);
    case Api::Kvmalloc: return kvmalloc(size, flags, site);
    case Api::Vmalloc: return vmalloc(size, flags, site);
    }
    return nullptr;
}

namespace {

// n * size into bytes; false if the product overflows (the array forms then fail quietly).
bool array_bytes(size_t n, size_t size, size_t &bytes) { return !__builtin_mul_overflow(n, size, &bytes); }

}  // namespace

void *Memory::alloc_array(Api api, size_t n, size_t size, gfp_t flags, uintptr_t site)
{
    size_t bytes;
    return array_bytes(n, size, bytes) ? alloc(api, bytes, flags, site) : nullptr;
}

void *Memory::krealloc_array(void *p, size_t n, size_t size, gfp_t flags, uintptr_t site)
{
    size_t bytes;
    return array_bytes(n, size, bytes) ? krealloc(p, bytes, flags, site) : nullptr;
}

void *Memory::kvmalloc(size_t size, gfp_t flags, uintptr_t site)
{
    bool large = size > PAGE_SIZE;
    if (size <= KMALLOC_MAX_SIZE)
        if (void *p = kmalloc(size, large ? flags | __GFP_NOWARN : flags, site))
            return p;
    return large ? vmalloc(size, flags, site) : nullptr;
}

void *Memory::kvrealloc(const void *p, size_t oldsize, size_t newsize, gfp_t flags, uintptr_t site)
{
    if (oldsize >= newsize)
        return const_cast<void *>(p);
    void *n = kvmalloc(newsize, flags, site);
    if (n && p) {
        std::memcpy(n, p, oldsize);
        kfree(p, site);
    }
    return n;
}

void Memory::kvfree_sensitive(const void *p, size_t len, uintptr_t site)
{
    if (p)
        std::memset(const_cast<void *>(p), 0, len);
    kfree(p, site);
}

char *Memory::dup_bytes(const void *src, size_t len, bool nul, gfp_t flags, uintptr_t site)
{
    char *p = static_cast<char *>(kmalloc(len + (nul ? 1 : 0), flags, site));
    if (!p)
        return nullptr;
    std::memcpy(p, src, len);
    if (nul)
        p[len] = '\0';
    return p;
}

char *Memory::kstrndup(const char *s, size_t max, gfp_t flags, uintptr_t site)
{
    return s ? dup_bytes(s, strnlen(s, max), true, flags, site) : nullptr;
}

void *Memory::kmemdup(const void *src, size_t len, gfp_t flags, uintptr_t site)
{
    return dup_bytes(src, len, false, flags, site);
}

char *Memory::kmemdup_nul(const char *s, size_t len, gfp_t flags, uintptr_t site)
{
    return s ? dup_bytes(s, len, true, flags, site) : nullptr;
}

void *Memory::kvmemdup(const void *src, size_t len, gfp_t flags, uintptr_t site)
{
    void *p = kvmalloc(len, flags, site);
    if (p)
        std::memcpy(p, src, len);
    return p;
}

kmem_cache *Memory::cache_create(const char *name, unsigned size, unsigned align, unsigned flags,
                                 void (*ctor)(void *), uintptr_t site)
{
    check_context(GFP_KERNEL);
    auto *c = new kmem_cache;
    c->name = name ? name : "(null)";
    c->size = size;
    c->align = std::max(align, 8u);
    if (flags & SLAB_HWCACHE_ALIGN)
        c->align = std::max(c->align, 64u);
    c->flags = flags;
    c->ctor = ctor;
    c->arena_cache = arena_->create_cache(size + kCacheRedzone, c->align, ctor, (flags & SLAB_TYPESAFE_BY_RCU) != 0);
    c->module = k_.module_map().find(site);
    c->site = site;
    caches_.push_back(c);
    return c;
}

void Memory::cache_destroy(kmem_cache *c, uintptr_t site)
{
    if (!c)
        return;
    if (c->live) {
        const std::string from = k_.symbols().text(site, 'S');
        k_.reports().warn(__FILE__, __LINE__, site,
                          strprintf("kmem_cache_destroy %s: Slab cache still has objects when called from %s",
                                    c->name.c_str(), from.c_str()));
        return;
    }
    slub_->drain(c);
    arena_->destroy_cache(static_cast<Arena::Cache *>(c->arena_cache));
    caches_.erase(std::remove(caches_.begin(), caches_.end(), c), caches_.end());
    delete c;
}

void *Memory::cache_alloc(kmem_cache *c, gfp_t flags, uintptr_t site)
{
    check_context(flags);
    if (k_.faults().should_fail(FaultCall::KmemCacheAlloc, c->size, flags, site))
        return nullptr;
    // SLAB_TYPESAFE_BY_RCU objects stay readable after free: never guarded (6.1 delays the
    // free by a grace period instead).
    if (kDetectors && !(c->flags & SLAB_TYPESAFE_BY_RCU) && kfence_->want(c->size))
        if (void *p = guarded(c->size, flags, site, c))
            return p;
    void *p = arena_->cache_alloc(static_cast<Arena::Cache *>(c->arena_cache));
    if (!p)
        return nullptr;
    ++c->live;
    return track(p, c->size, flags, site, AllocKind::Cache, c);
}

void Memory::cache_free(kmem_cache *, void *p, uintptr_t site)
{
    if (!p)
        return;
    untrack(p, site, AllocKind::Cache, "kmem_cache_free of a foreign object");
}

unsigned Memory::check_objects(const Module *m)
{
    unsigned before = k_.reports().bugs();
    for (auto &[p, a] : live_)
        if (a.module == m && a.slot)
            slub_->check_live((const void *)p, a);
    slub_->check_quarantine();
    return k_.reports().bugs() - before;
}

Memory::ObjectAt Memory::object_at(uintptr_t addr) const
{
    ObjectAt o;
    for (auto &[p, a] : live_)
        if (addr >= p && addr < p + std::max<size_t>(a.slot, a.size)) {
            o.start = (const void *)p;
            o.a = &a;
            return o;
        }
    o.a = slub_->freed_containing(addr, &o.start, &o.free);
    return o;
}

const Allocation *Memory::find(const void *p) const
{
    auto it = live_.find((uintptr_t)p);
    return it == live_.end() ? nullptr : &it->second;
}

std::vector<std::pair<uintptr_t, Allocation>> Memory::held_by(const Module *m) const
{
    std::vector<std::pair<uintptr_t, Allocation>> out;
    for (auto &[p, a] : live_)
        if (a.module == m)
            out.emplace_back(p, a);
    std::sort(out.begin(), out.end(), [](auto &x, auto &y) { return x.first < y.first; });
    return out;
}

namespace {

// "    2a 00 00 00 ...  *..............." as the kernel's hex_dump_to_buffer with ascii.
std::string hex_row(const unsigned char *p, size_t n)
{
    std::string s = "   ";
    for (size_t i = 0; i < n; ++i)
        s += strprintf(" %02x", p[i]);
    s.append(3 * (16 - n) + 2, ' ');
    for (size_t i = 0; i < n; ++i)
        s.push_back(p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '.');
    return s;
}

}  // namespace

size_t Memory::report_leaks(const Module *m)
{
    auto leaks = held_by(m);
    if (leaks.empty())
        return 0;
    Printk &log = k_.log();
    uint64_t now = k_.clock().now();
    log.emit(6, strprintf("kmemleak: %zu new suspected memory leaks (see /sys/kernel/debug/kmemleak)",
                          leaks.size()));
    for (auto &[p, a] : leaks) {
        uint64_t age_ms = (now - a.ns) / 1'000'000;
        log.emit(3, strprintf("unreferenced object 0x%lx (size %zu):", (unsigned long)p, a.size));
        log.emit(3, strprintf("  comm \"%s\", pid %d, jiffies %lu (age %llu.%03llus)", a.comm, a.pid,
                              a.jiffies, (unsigned long long)(age_ms / 1000),
                              (unsigned long long)(age_ms % 1000)));
        size_t dump = std::min<size_t>(a.size, 32);
        log.emit(3, strprintf("  hex dump (first %zu bytes):", dump));
        for (size_t off = 0; off < dump; off += 16)
            log.emit(3, hex_row((const unsigned char *)p + off, std::min<size_t>(16, dump - off)));
        log.emit(3, "  backtrace:");
        const std::string where = k_.symbols().text(a.site, 'B');
        log.emit(3, strprintf("    [<%pK>] %s", (void *)a.site, where.c_str()));
    }
    return leaks.size();
}

}  // namespace kshim
