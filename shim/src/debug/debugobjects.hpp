// debugobjects' reports (lib/debugobjects.c): an object freed, re-initialised or used in the wrong state.
#pragma once

#include <cstdint>

namespace kshim {

class Kernel;

// The states a report names, as lib/debugobjects.c's obj_states.
enum class OdebugState { None, Init, Inactive, Active, Destroyed, NotAvailable };

// A range of memory that is going away (kfree, kmem_cache_free, vfree, destroy_*_on_stack):
// [lo, hi), freed by code at `site`.
struct FreedRange {
    const void *lo, *hi;
    uintptr_t site;
    bool contains(const void *p) const { return p >= lo && p < hi; }
};

// "ODEBUG: <msg> <state> (active state 0) object type: <type> hint: <hint as %pS>" as a
// WARNING at `site` (6.1 warns from debug_print_object; the site is the caller's, which a
// user needs). Counted as a warning. Atomic-safe.
void odebug_report(Kernel &k, const char *msg, OdebugState state, const char *type, const void *hint,
                   uintptr_t site);

// debug_object_is_on_stack's report, for a caller that found an object initialised without the
// _ONSTACK annotation on the current task's stack (whose lowest address is stack_page), or
// annotated but elsewhere: 6.1's "ODEBUG: object P is on stack S, but NOT annotated." (or "is
// NOT on stack S, but annotated.") and a WARNING; the first five only, as 6.1. Atomic-safe.
void odebug_stack_mismatch(Kernel &k, const void *addr, bool annotated, const void *stack_page, uintptr_t site);

}  // namespace kshim
