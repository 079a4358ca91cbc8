// KFENCE: the guarded-object pool, its page protections, the fault handler's side and mm/kfence/report.c's reports.
#include "mm/kfence.hpp"

#include <sys/mman.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "debug/backtrace.hpp"
#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "time/clock.hpp"

namespace kshim {

namespace {

// KFENCE_CANARY_PATTERN: the byte a canary holds at addr.
unsigned char canary(const unsigned char *addr) { return (unsigned char)(0xaa ^ ((uintptr_t)addr & 7)); }

// The canary of an 8-byte aligned word (little-endian: byte i holds 0xaa ^ i).
constexpr uint64_t kCanaryWord = 0xadacafaea9a8abaaull;

// Fills [b, e) with the canary, a word at a time between the unaligned ends.
void fill_canary(unsigned char *b, unsigned char *e)
{
    for (; b < e && ((uintptr_t)b & 7); ++b)
        *b = canary(b);
    for (; b + 8 <= e; b += 8)
        std::memcpy(b, &kCanaryWord, 8);
    for (; b < e; ++b)
        *b = canary(b);
}

// The first byte of [b, e) that is not the canary, or nullptr; a word at a time.
unsigned char *first_bad_canary(unsigned char *b, unsigned char *e)
{
    for (; b < e && ((uintptr_t)b & 7); ++b)
        if (*b != canary(b))
            return b;
    for (uint64_t w; b + 8 <= e; b += 8)
        if (std::memcpy(&w, b, 8), w != kCanaryWord)
            break;
    for (; b < e; ++b)
        if (*b != canary(b))
            return b;
    return nullptr;
}

constexpr const char *kRule = "==================================================================";

}  // namespace

Kfence::Kfence(Kernel &k) : k_(k)
{
    // The first two pages and every odd page are guards; object i lives on page 2i + 2.
    pool_bytes_ = (2 * kObjects + 2) * kPage;
    void *p = mmap(nullptr, pool_bytes_, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        std::fputs("kshim: no address space for the KFENCE pool\n", stderr);
        std::abort();
    }
    pool_ = static_cast<char *>(p);
}

Kfence::~Kfence() { munmap(pool_, pool_bytes_); }

void Kfence::configure(int64_t sample_ms)
{
    sample_ms_ = sample_ms;
    // The gate first opens one interval after boot: what a module does at load (kernel time 0
    // in virtual time) is left to SLUB debug, the same in every run.
    next_ns_ = sample_ms > 0 ? (uint64_t)sample_ms * 1'000'000ull : 0;
}

bool Kfence::want(size_t size)
{
    if (sample_ms_ == 0 || size == 0 || size > kPage || (fresh_ == kObjects && free_.empty()))
        return false;
    if (sample_ms_ == kAll)
        return true;
    uint64_t now = k_.clock().now();
    if (now < next_ns_)
        return false;
    next_ns_ = now + (uint64_t)sample_ms_ * 1'000'000ull;
    return true;
}

bool Kfence::owns(const void *p) const
{
    auto a = reinterpret_cast<const char *>(p);
    return a >= pool_ && a < pool_ + pool_bytes_;
}

void Kfence::protect(uintptr_t addr, bool open)
{
    mprotect(reinterpret_cast<void *>(addr & ~(kPage - 1)), kPage, open ? PROT_READ | PROT_WRITE : PROT_NONE);
}

void *Kfence::alloc(size_t size, size_t align, const std::string &cache, const Track &t)
{
    // The objects never handed out come first, in pool order, then the freed, oldest first.
    if (fresh_ == kObjects && free_.empty())
        return nullptr;
    if (metas_.empty())
        metas_.resize(kObjects);   // on the first guarded allocation: most kernels make none
    size_t i = fresh_;
    if (fresh_ < kObjects) {
        ++fresh_;
    } else {
        i = free_.front();
        free_.pop_front();
    }
    Meta &m = metas_[i];
    char *pg = page(index(m));
    protect((uintptr_t)pg, true);
    // Placed on the page's right side (6.1 picks a side at random): an overflow faults at once.
    uintptr_t addr = (uintptr_t)pg + kPage - size;
    addr &= ~(uintptr_t)((align ? align : 1) - 1);
    m.state = State::Allocated;
    m.addr = addr;
    m.size = size;
    m.cache = cache;
    m.alloc = t;
    m.alloc_ns = k_.clock().now();
    m.free = {};
    fill_canary((unsigned char *)pg, (unsigned char *)addr);
    fill_canary((unsigned char *)addr + size, (unsigned char *)pg + kPage);
    ++allocs_;
    return reinterpret_cast<void *>(addr);
}

Kfence::Meta *Kfence::meta_of_page(uintptr_t addr)
{
    if (!owns((void *)addr))
        return nullptr;
    size_t pg = (addr - (uintptr_t)pool_) / kPage;
    if (pg < 2 || pg % 2 || pg / 2 - 1 >= metas_.size())
        return nullptr;
    return &metas_[pg / 2 - 1];
}

Kfence::Meta *Kfence::meta_at(uintptr_t addr)
{
    Meta *m = meta_of_page(addr);
    return m && m->state != State::Unused ? m : nullptr;
}

void Kfence::free(const void *p, const Track &t)
{
    Meta *m = meta_at((uintptr_t)p);
    if (!m || m->state != State::Allocated || m->addr != (uintptr_t)p) {
        invalid_free(p, t);
        return;
    }
    if (m->opened_guard) {  // a guard page an out-of-bounds access opened: closed again, zeroed
        std::memset(reinterpret_cast<void *>(m->opened_guard), 0, kPage);
        protect(m->opened_guard, false);
        m->opened_guard = 0;
    }
    m->state = State::Freed;
    m->free = t;
    m->free_ns = k_.clock().now();
    check_canary(*m, t);
    protect(m->addr, false);
    free_.push_back(index(*m));
}

void Kfence::invalid_free(const void *p, const Track &t)
{
    Meta *m = meta_at((uintptr_t)p);
    std::vector<uintptr_t> stack(t.frames, t.frames + t.depth);
    report(m ? Error::InvalidFree : Error::Invalid, (uintptr_t)p, false, m, stack);
}

// The canary on both sides of the object, first corrupted byte reported (for_each_canary).
bool Kfence::check_canary(Meta &m, const Track &t)
{
    auto *pg = (unsigned char *)page(index(m));
    auto *obj = (unsigned char *)m.addr;
    unsigned char *bad = first_bad_canary(pg, obj);
    if (!bad)
        bad = first_bad_canary(obj + m.size, pg + kPage);
    if (!bad)
        return true;
    std::vector<uintptr_t> stack(t.frames, t.frames + t.depth);
    report(Error::Corruption, (uintptr_t)bad, false, &m, stack);
    return false;
}

// A fault on a guard page belongs to the allocated neighbour it is closest to (6.1's choice).
Kfence::Meta *Kfence::nearest_for_guard(uintptr_t addr)
{
    Meta *left = meta_at(addr - kPage), *right = meta_at(addr + kPage);
    if (left && left->state != State::Allocated)
        left = nullptr;
    if (right && right->state != State::Allocated)
        right = nullptr;
    if (left && right)
        return addr - (left->addr + left->size) <= right->addr - addr ? left : right;
    return left ? left : right;
}

bool Kfence::handle_fault(uintptr_t addr, bool is_write, const std::vector<uintptr_t> &frames)
{
    if (!owns((void *)addr))
        return false;
    size_t pg = (addr - (uintptr_t)pool_) / kPage;
    if (pg % 2 || pg < 2) {
        Meta *m = nearest_for_guard(addr);
        if (m)
            m->opened_guard = addr & ~(kPage - 1);
        report(m ? Error::OutOfBounds : Error::Invalid, addr, is_write, m, frames);
    } else {
        Meta *m = meta_at(addr);
        report(m ? Error::UseAfterFree : Error::Invalid, addr, is_write, m, frames);
    }
    protect(addr, true);  // let the access proceed, as kfence_unprotect does
    return true;
}

std::string Kfence::headline(Error e, bool is_write, const std::string &where)
{
    static constexpr const char *what[] = {"out-of-bounds %s", "use-after-free %s", "memory corruption",
                                           "invalid free", "invalid %s"};
    return "BUG: KFENCE: " + strprintf(what[(int)e], is_write ? "write" : "read") + " in " + where;
}

void Kfence::print_header(Error e, uintptr_t addr, bool is_write, const Meta *m, const std::string &where)
{
    Printk &log = k_.log();
    const char *access = is_write ? "write" : "read";
    log.emit(3, headline(e, is_write, where));
    log.emit(3, "");
    void *a = (void *)addr;
    long idx = m ? (long)index(*m) : -1;
    switch (e) {
    case Error::OutOfBounds: {  // the distance is from the object's start, as report.c computes it
        bool left = addr < m->addr;
        log.emit(3, strprintf("Out-of-bounds %s at 0x%p (%luB %s of kfence-#%ld):", access, a,
                              (unsigned long)(left ? m->addr - addr : addr - m->addr), left ? "left" : "right", idx));
        break;
    }
    case Error::UseAfterFree:
        log.emit(3, strprintf("Use-after-free %s at 0x%p (in kfence-#%ld):", access, a, idx));
        break;
    case Error::Corruption: {  // print_diff_canary: up to 16 bytes, never into the object or the next page
        uintptr_t end = addr < m->addr ? std::min(addr + 16, m->addr) : std::min(addr + 16, (addr | (kPage - 1)) + 1);
        std::string diff = "[";
        for (auto *b = (const unsigned char *)addr; b < (const unsigned char *)end; ++b)
            diff += *b == canary(b) ? " ." : " !";
        log.emit(3, strprintf("Corrupted memory at 0x%p %s ] (in kfence-#%ld):", a, diff.c_str(), idx));
        break;
    }
    case Error::InvalidFree:
        log.emit(3, strprintf("Invalid free of 0x%p (in kfence-#%ld):", a, idx));
        break;
    case Error::Invalid:
        log.emit(3, strprintf("Invalid %s at 0x%p:", access, a));
        break;
    }
}

void Kfence::print_track(const char *what, const Track &t, uint64_t ns)
{
    Printk &log = k_.log();
    log.emit(3, strprintf("%s by task %d on cpu %u at %llu.%06llus:", what, t.pid, t.cpu,
                          (unsigned long long)(ns / 1'000'000'000ull), (unsigned long long)(ns % 1'000'000'000ull / 1000)));
    unsigned shown = 0;
    for (unsigned i = 0; i < t.depth; ++i)
        if (trace_shows(k_.symbols(), t.frames[i]) && ++shown)
            log.emit(3, " " + k_.symbols().text(t.frames[i], 'S'));
    if (!shown)
        log.emit(3, strprintf(" no %s stack", what[0] == 'a' ? "allocation" : "deallocation"));
}

void Kfence::print_object(const Meta &m)
{
    Printk &log = k_.log();
    log.emit(3, strprintf("kfence-#%zu: 0x%p-0x%p, size=%zu, cache=%s", index(m), (void *)m.addr,
                          (void *)(m.addr + m.size - 1), m.size, m.cache.c_str()));
    log.emit(3, "");
    print_track("allocated", m.alloc, m.alloc_ns);
    if (m.state == State::Freed) {
        log.emit(3, "");
        print_track("freed", m.free, m.free_ns);
    }
}

// kfence_report_error: header, the access (or free) stack, the object, the CPU lines; taints B.
void Kfence::report(Error e, uintptr_t addr, bool is_write, const Meta *m, const std::vector<uintptr_t> &stack)
{
    static constexpr ReportKind kinds[] = {ReportKind::KfenceOutOfBounds, ReportKind::KfenceUseAfterFree,
                                           ReportKind::KfenceCorruption, ReportKind::KfenceInvalidFree,
                                           ReportKind::KfenceInvalid};
    Symbolizer &sym = k_.symbols();
    const std::string where = stack.empty() ? std::string("0x0") : sym.text(stack[0], 'S');
    Reports &r = k_.reports();
    const ReportKind kind = kinds[(int)e];
    if (!r.record(kind, headline(e, is_write, where), stack.empty() ? 0 : stack[0]))
        return;
    Printk &log = k_.log();
    log.emit(3, kRule);
    print_header(e, addr, is_write, m, where);
    for (uintptr_t pc : stack)
        if (pc == stack[0] || trace_shows(sym, pc))
            log.emit(3, " " + sym.text(pc, 'S'));
    if (m) {
        log.emit(3, "");
        print_object(*m);
    }
    log.emit(3, "");
    log.emit(3, r.cpu_line(r.current()));
    log.emit(3, "Hardware name: kshim userspace kernel emulation");
    log.emit(3, kRule);
    r.add_taint(TaintBadPage);
}

}  // namespace kshim
