// SLUB debug: red zones, poison and the quarantine, and mm/slub.c's reports of corrupted objects.
#include "mm/slub_debug.hpp"

#include <algorithm>
#include <cstring>

#include "debug/backtrace.hpp"
#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"
#include "mm/arena.hpp"
#include "printk/dump.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "time/clock.hpp"

#include "linux/kern_levels.h"
#include "linux/printk.h"

#if defined(__SANITIZE_ADDRESS__) || defined(KSHIM_SANITIZE_ADDRESS)
#include <sanitizer/asan_interface.h>
#define KSHIM_SLUB_ASAN 1
#else
#define ASAN_POISON_MEMORY_REGION(addr, size) ((void)(addr), (void)(size))
#define ASAN_UNPOISON_MEMORY_REGION(addr, size) ((void)(addr), (void)(size))
#endif

namespace kshim {

namespace {

// In the ASan build (KSHIM_SANITIZE=address) the red zones and the poison are ASan's shadow:
// every access to them is reported at the access, so nothing is painted or checked.
#ifdef KSHIM_SLUB_ASAN
constexpr bool kAsan = true;
#else
constexpr bool kAsan = false;
#endif

// First byte in [p, p+n) that is not `value`, or nullptr (the kernel's memchr_inv): a word at
// a time, then the bytes of the first word that differs.
unsigned char *first_other(unsigned char *p, unsigned char value, size_t n)
{
    const uint64_t word = 0x0101010101010101ull * value;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        if (w != word)
            break;
    }
    for (; i < n; ++i)
        if (p[i] != value)
            return p + i;
    return nullptr;
}

constexpr const char *kRule = "=============================================================================";
constexpr const char *kDash = "-----------------------------------------------------------------------------";

}  // namespace

SlubDebug::SlubDebug(Kernel &k, const Arena &arena, Release release)
    : k_(k), arena_(arena), release_(std::move(release))
{
}

Track SlubDebug::track(uintptr_t site) const
{
    Track t;
    TaskInfo ti = k_.reports().current();
    t.depth = (uint8_t)capture_stack_from(site, t.frames, Track::kDepth, ti.stack_lo, ti.stack_hi);
    t.cpu = ti.cpu;
    t.pid = ti.pid;
    t.jiffies = Clock::jiffies_at(k_.clock().now());
    return t;
}

void SlubDebug::paint(void *p, const Allocation &a)
{
    if (kAsan) {
        ASAN_POISON_MEMORY_REGION(p, a.slot);
        ASAN_UNPOISON_MEMORY_REGION(p, a.size);
        return;
    }
    if (a.slot > a.size)
        std::memset(static_cast<char *>(p) + a.size, kRedActive, a.slot - a.size);
}

std::string SlubDebug::kmalloc_name(unsigned object)
{
    return object >= 1024 ? strprintf("kmalloc-%uk", object / 1024) : strprintf("kmalloc-%u", object);
}

std::string SlubDebug::cache_name(const Allocation &a)
{
    if (a.kind == AllocKind::Cache && a.cache)
        return a.cache->name;
    return kmalloc_name(a.object);
}

bool SlubDebug::check_live(const void *p, const Allocation &a)
{
    if (kAsan || a.slot <= a.size)
        return true;
    auto *obj = static_cast<unsigned char *>(const_cast<void *>(p));
    return check_bytes("Right Redzone", obj, a, nullptr, obj + a.size, kRedActive, a.slot - a.size);
}

// The freed layout: object poisoned up to SLUB's object size (last byte POISON_END), the rest
// of the slot an inactive red zone. Objects whose contents must survive keep them.
void SlubDebug::poison(void *p, const Allocation &a) const
{
    auto *obj = static_cast<unsigned char *>(p);
    if (kAsan) {  // what may be read after free (a constructor's or RCU's) stays readable
        if (a.poison)
            ASAN_POISON_MEMORY_REGION(obj, a.slot);
        return;
    }
    size_t object = std::min<size_t>(a.object, a.slot);
    if (a.poison && object) {
        std::memset(obj, kPoisonFree, object - 1);
        obj[object - 1] = kPoisonEnd;
    }
    size_t red_from = a.poison ? object : a.size;
    if (a.slot > red_from)
        std::memset(obj + red_from, kRedInactive, a.slot - red_from);
}

void SlubDebug::quarantine(void *p, const Allocation &a, uintptr_t site)
{
    poison(p, a);
    q_.push_back(Freed{p, a, track(site)});
    q_bytes_ += a.slot;
    while (q_.size() > kQuarantineObjects || q_bytes_ > kQuarantineBytes)
        release_oldest();
}

// Checks a quarantined object as SLUB's check_object does for a free one: red zone, then
// poison, then the end marker. Reports and restores what it finds.
bool SlubDebug::check_freed(Freed &f)
{
    if (kAsan)
        return true;
    const Allocation &a = f.a;
    auto *obj = static_cast<unsigned char *>(f.p);
    size_t object = std::min<size_t>(a.object, a.slot);
    size_t red_from = a.poison ? object : a.size;
    if (!check_bytes("Right Redzone", obj, a, &f.free, obj + red_from, kRedInactive, a.slot - red_from))
        return false;
    if (!a.poison || object == 0)
        return true;
    return check_bytes("Poison", obj, a, &f.free, obj, kPoisonFree, object - 1) &&
           check_bytes("End Poison", obj, a, &f.free, obj + object - 1, kPoisonEnd, 1);
}

void SlubDebug::release_oldest()
{
    Freed f = std::move(q_.front());
    q_.pop_front();
    q_bytes_ -= f.a.slot;
    check_freed(f);
    ASAN_UNPOISON_MEMORY_REGION(f.p, f.a.slot);  // the slab writes its free list into it
    release_(f.p, f.a);
}

void SlubDebug::drain(const kmem_cache *c)
{
    std::deque<Freed> keep;
    while (!q_.empty()) {
        if (c && q_.front().a.cache != c) {
            keep.push_back(std::move(q_.front()));
            q_.pop_front();
            continue;
        }
        release_oldest();
    }
    q_ = std::move(keep);
    q_bytes_ = 0;
    for (const Freed &f : q_)
        q_bytes_ += f.a.slot;
}

unsigned SlubDebug::check_quarantine()
{
    unsigned bad = 0;
    for (Freed &f : q_)
        bad += check_freed(f) ? 0 : 1;
    return bad;
}

const Allocation *SlubDebug::freed(const void *p) const
{
    for (auto it = q_.rbegin(); it != q_.rend(); ++it)
        if (it->p == p)
            return &it->a;
    return nullptr;
}

const Allocation *SlubDebug::freed_containing(uintptr_t addr, const void **start, const Track **free) const
{
    for (auto it = q_.rbegin(); it != q_.rend(); ++it)
        if (addr >= (uintptr_t)it->p && addr < (uintptr_t)it->p + it->a.slot) {
            *start = it->p;
            *free = &it->free;
            return &it->a;
        }
    return nullptr;
}

bool SlubDebug::check_bytes(const char *what, const unsigned char *obj, const Allocation &a,
                            const Track *free, unsigned char *start, unsigned char value, size_t bytes)
{
    unsigned char *fault = first_other(start, value, bytes);
    if (!fault)
        return true;
    unsigned char *end = start + bytes;
    while (end > fault && end[-1] == value)
        --end;
    report(what, obj, a, free, fault, end, value);
    k_.log().emit(3, strprintf("FIX %s: Restoring %s 0x%p-0x%p=0x%x", cache_name(a).c_str(), what,
                               (void *)fault, (void *)(end - 1), value));
    std::memset(fault, value, (size_t)(end - fault));
    return false;
}

// slab_bug, the faulting range, then print_trailer; taints 'B' (TAINT_BAD_PAGE) after it.
void SlubDebug::report(const char *what, const unsigned char *obj, const Allocation &a, const Track *free,
                       const unsigned char *fault, const unsigned char *end, unsigned char value)
{
    Printk &log = k_.log();
    Reports &r = k_.reports();
    r.count_bug();
    log.emit(3, kRule);
    log.emit(3, strprintf("BUG %s (%s): %s overwritten", cache_name(a).c_str(), r.tainted().c_str(), what));
    log.emit(3, kDash);
    log.emit(3, "");
    Arena::SlabInfo si = arena_.slab_info(obj);
    log.emit(3, strprintf("0x%p-0x%p @offset=%zu. First byte 0x%x instead of 0x%x", (const void *)fault,
                          (const void *)(end - 1), si.offset + (size_t)(fault - obj), fault[0], value));
    print_trailer(obj, a, free);
    r.add_taint(TaintBadPage);
}

void SlubDebug::print_track(const char *what, const Track &t) const
{
    if (t.depth == 0)
        return;
    unsigned long now = Clock::jiffies_at(k_.clock().now());
    const std::string where = k_.symbols().text(t.frames[0], 'S');
    k_.log().emit(3, strprintf("%s in %s age=%lu cpu=%u pid=%d", what, where.c_str(), now - t.jiffies, t.cpu,
                               t.pid));
    for (unsigned i = 0; i < t.depth; ++i)
        if (trace_shows(k_.symbols(), t.frames[i]))
            k_.log().emit(3, " " + k_.symbols().text(t.frames[i], 'S'));
}

// The tracks, the slab, the object's bytes and red zone, then the current stack.
void SlubDebug::print_trailer(const unsigned char *obj, const Allocation &a, const Track *free)
{
    Printk &log = k_.log();
    print_track("Allocated", a.alloc);
    if (free)
        print_track("Freed", *free);
    Arena::SlabInfo si = arena_.slab_info(obj);
    log.emit(3, strprintf("Slab 0x%p objects=%u used=%u fp=0x%p flags=0x200(slab)", si.slab, si.objects,
                          si.inuse, si.freelist));
    log.emit(3, strprintf("Object 0x%p @offset=%zu fp=0x%p", (const void *)obj, si.offset,
                          free ? (const void *)nullptr : si.freelist));
    log.emit(3, "");
    if (si.offset >= 16)
        print_hex_dump(log, KERN_ERR, "Bytes b4 ", DUMP_PREFIX_ADDRESS, 16, 1, obj - 16, 16, true);
    size_t object = std::min<size_t>(a.object, a.slot);
    print_hex_dump(log, KERN_ERR, "Object   ", DUMP_PREFIX_ADDRESS, 16, 1, obj, std::min<size_t>(object, 4096), true);
    if (a.slot > object)
        print_hex_dump(log, KERN_ERR, "Redzone  ", DUMP_PREFIX_ADDRESS, 16, 1, obj + object, a.slot - object, true);
    k_.reports().dump_stack(3, 3);
}

}  // namespace kshim
