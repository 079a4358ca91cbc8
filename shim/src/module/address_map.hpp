// Which loaded module owns a code address: a leaf registry that Modules fills at load and unload.
#pragma once

#include <cstdint>
#include <vector>

namespace kshim {

class Module;

// What a subsystem needs to know of a module that is going away: its identity, its name for
// the report and its code range. Modules hands one to each subsystem's unload sweep, so those
// subsystems need nothing of Module itself.
struct ModuleSpan {
    const Module *id;
    const char *name;
    uintptr_t lo, hi;
    bool contains(const void *addr) const { return (uintptr_t)addr >= lo && (uintptr_t)addr < hi; }
};

// Subsystems that attribute objects to a module (allocations, kthreads, workqueues) ask here
// instead of reaching into Modules. Not thread-safe (one host thread); every member is
// atomic-safe and allocation-free except add().
class ModuleAddressMap {
public:
    // A module's code now spans [lo, hi). Called by Modules at load, process context; allocates.
    void add(uintptr_t lo, uintptr_t hi, Module *m) { ranges_.push_back({lo, hi, m}); }
    // The module is going away; no address maps to it any more. Called by Modules at unload.
    void remove(const Module *m) { std::erase_if(ranges_, [m](const Range &r) { return r.owner == m; }); }
    // The module whose code contains addr, or nullptr (kernel code, or no module there).
    Module *find(uintptr_t addr) const
    {
        for (const Range &r : ranges_)
            if (addr >= r.lo && addr < r.hi)
                return r.owner;
        return nullptr;
    }

private:
    struct Range {
        uintptr_t lo, hi;
        Module *owner;
    };
    std::vector<Range> ranges_;
};

}  // namespace kshim
