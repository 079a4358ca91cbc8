// The ASan build's KASAN-worded reports: ASan's error callback, kshim's object lookup, mm/kasan/report.c's layout.
#include "mm/kasan.hpp"

#if defined(__SANITIZE_ADDRESS__) || defined(KSHIM_SANITIZE_ADDRESS)

#include <sanitizer/asan_interface.h>

#include <cstring>
#include <string>

#include "debug/backtrace.hpp"
#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"
#include "mm/memory.hpp"
#include "mm/slub_debug.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"

namespace kshim {

namespace {

constexpr const char *kRule = "==================================================================";

// KASAN's name for what ASan found at addr: from kshim's objects where one holds it, else
// ASan's description mapped to the kernel's names.
std::string bug_type(const Memory::ObjectAt &o, const char *asan)
{
    if (o.a)
        return o.free ? "use-after-free" : "slab-out-of-bounds";
    static constexpr const char *map[][2] = {
        {"heap-buffer-overflow", "slab-out-of-bounds"}, {"heap-use-after-free", "use-after-free"},
        {"stack-buffer-overflow", "stack-out-of-bounds"}, {"global-buffer-overflow", "global-out-of-bounds"},
        {"stack-use-after-scope", "use-after-scope"}, {"double-free", "double-free"},
    };
    for (auto &m : map)
        if (asan && !std::strcmp(asan, m[0]))
            return m[1];
    return asan ? asan : "unknown-crash";
}

void print_track(Kernel &k, const char *what, const Track &t)
{
    Printk &log = k.log();
    log.emit(3, strprintf("%s by task %d:", what, t.pid));
    for (unsigned i = 0; i < t.depth; ++i)
        if (trace_shows(k.symbols(), t.frames[i]))
            log.emit(3, " " + k.symbols().text(t.frames[i], 'S'));
    log.emit(3, "");
}

// describe_object: the stacks, then where addr lies relative to the object.
void describe(Kernel &k, uintptr_t addr, const Memory::ObjectAt &o)
{
    Printk &log = k.log();
    print_track(k, "Allocated", o.a->alloc);
    if (o.free)
        print_track(k, "Freed", *o.free);
    uintptr_t start = (uintptr_t)o.start;
    size_t size = o.a->object ? o.a->object : o.a->size;
    log.emit(3, strprintf("The buggy address belongs to the object at %px", o.start));
    log.emit(3, strprintf(" which belongs to the cache %s of size %zu", SlubDebug::cache_name(*o.a).c_str(), size));
    const bool right = addr >= start + o.a->size;
    log.emit(3, strprintf("The buggy address is located %zu bytes %s of", right ? addr - start - o.a->size : addr - start,
                          right ? "to the right" : "inside"));
    log.emit(3, strprintf(" %zu-byte region [%px, %px)", o.a->size, o.start, (void *)(start + o.a->size)));
    log.emit(3, "");
}

void on_asan_report(const char *)
{
    Kernel *k = Kernel::active();
    if (!k)
        return;
    auto addr = (uintptr_t)__asan_get_report_address();
    const Memory::ObjectAt o = k->mm().object_at(addr);
    const std::string type = bug_type(o, __asan_get_report_description());
    const std::string where = k->symbols().text((uintptr_t)__asan_get_report_pc(), 'S');
    Reports &r = k->reports();
    const TaskInfo t = r.current();
    r.record(o.free ? ReportKind::KasanUseAfterFree : ReportKind::KasanOutOfBounds,
             "BUG: KASAN: " + type + " in " + where, (uintptr_t)__asan_get_report_pc());
    Printk &log = k->log();
    log.emit(3, kRule);
    log.emit(3, "BUG: KASAN: " + type + " in " + where);
    log.emit(3, strprintf("%s of size %zu at addr %px by task %s/%d", __asan_get_report_access_type() ? "Write" : "Read",
                          __asan_get_report_access_size(), (void *)addr, t.comm, t.pid));
    log.emit(3, "");
    r.dump_stack(3, 0);
    log.emit(3, "");
    if (o.a)
        describe(*k, addr, o);
    log.emit(3, kRule);
    log.emit(3, "kshim: AddressSanitizer's report of it is above (stderr); the run ends here");
    log.flush();
}

}  // namespace

void install_kasan_reports() { __asan_set_error_report_callback(&on_asan_report); }

}  // namespace kshim

#else

namespace kshim {
void install_kasan_reports() {}
}  // namespace kshim

#endif
