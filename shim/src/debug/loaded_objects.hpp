// The address ranges of the process's loaded objects: the one walk over their PT_LOAD segments.
#pragma once

#include <link.h>

#include <cstdint>

namespace kshim {

struct AddressRange {
    uintptr_t lo = 0, hi = 0;
    bool contains(uintptr_t a) const { return a >= lo && a < hi; }
};

// [lo, hi) spanning every PT_LOAD segment of one object as dl_iterate_phdr reports it.
// No allocation.
AddressRange load_span(const dl_phdr_info &info);

// [lo, hi) spanning every PT_LOAD segment of the loaded object whose load bias is `bias`
// (and, when `name` is given, whose loader name is `name`). Empty if none is loaded there.
// Takes the loader lock; no allocation.
AddressRange object_range(uintptr_t bias, const char *name = nullptr);

// The range of the object that contains libkshim's own code, computed once. May allocate
// on the first call (dladdr), never after.
AddressRange runtime_range();

// True if addr lies in an executable PT_LOAD segment of any loaded object. Takes the loader
// lock like the unwinder does; no allocation, so usable from the fatal-signal handler.
bool in_loaded_code(uintptr_t addr);

}  // namespace kshim
