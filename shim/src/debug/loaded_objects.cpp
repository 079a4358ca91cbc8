// PT_LOAD walks over dl_iterate_phdr: an object's span, libkshim's span, and "is this code?".
#include "debug/loaded_objects.hpp"

#include <dlfcn.h>

#include <cstring>

namespace kshim {

namespace {

// Calls f(lo, hi, flags) for each PT_LOAD segment of one object. No allocation.
template <class F> void for_each_load(const dl_phdr_info &info, F f)
{
    for (int i = 0; i < info.dlpi_phnum; ++i) {
        const ElfW(Phdr) &ph = info.dlpi_phdr[i];
        if (ph.p_type != PT_LOAD)
            continue;
        uintptr_t lo = info.dlpi_addr + ph.p_vaddr;
        f(lo, lo + ph.p_memsz, ph.p_flags);
    }
}

struct SpanQuery {
    uintptr_t bias;
    const char *name;
    AddressRange out;
};

// dl_iterate_phdr callback: the span of the object the query names. No allocation.
int span_of(dl_phdr_info *info, size_t, void *data)
{
    auto &q = *static_cast<SpanQuery *>(data);
    if (info->dlpi_addr != q.bias || (q.name && std::strcmp(info->dlpi_name, q.name) != 0))
        return 0;
    q.out = load_span(*info);
    return 1;
}

struct CodeQuery {
    uintptr_t addr;
    bool found = false;
};

// dl_iterate_phdr callback: is the queried address in an executable segment? No allocation.
int find_code(dl_phdr_info *info, size_t, void *data)
{
    auto &q = *static_cast<CodeQuery *>(data);
    for_each_load(*info, [&q](uintptr_t lo, uintptr_t hi, unsigned flags) {
        q.found |= (flags & PF_X) && q.addr >= lo && q.addr < hi;
    });
    return q.found ? 1 : 0;
}

}  // namespace

AddressRange load_span(const dl_phdr_info &info)
{
    AddressRange r;
    for_each_load(info, [&r](uintptr_t lo, uintptr_t hi, unsigned) {
        if (!r.hi || lo < r.lo)  // the first segment sets both ends
            r.lo = lo;
        if (hi > r.hi)
            r.hi = hi;
    });
    return r;
}

AddressRange object_range(uintptr_t bias, const char *name)
{
    SpanQuery q{bias, name, {}};
    dl_iterate_phdr(span_of, &q);
    return q.out;
}

AddressRange runtime_range()
{
    static const AddressRange r = [] {
        Dl_info info{};
        if (!dladdr((void *)&runtime_range, &info))
            return AddressRange{};
        return object_range((uintptr_t)info.dli_fbase);
    }();
    return r;
}

bool in_loaded_code(uintptr_t addr)
{
    CodeQuery q{addr};
    dl_iterate_phdr(find_code, &q);
    return q.found;
}

}  // namespace kshim
