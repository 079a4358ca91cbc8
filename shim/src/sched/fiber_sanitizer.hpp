// AddressSanitizer's view of the scheduler's fiber switches (__sanitizer_start/finish_switch_fiber); no-ops in other builds.
#pragma once

#include <cstddef>

#if defined(__SANITIZE_ADDRESS__) || defined(KSHIM_SANITIZE_ADDRESS)
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#define KSHIM_ASAN_FIBERS 1
#endif

namespace kshim::fiber_san {

// A stack ASan is told about: its lowest address and its size.
struct Stack {
    const void *bottom = nullptr;
    size_t size = 0;
};

// Just before switching to the stack `to`. `save` keeps this side's fake stack until it is
// switched back to; nullptr says this side's stack ends for good (a task that finished).
inline void leaving(void **save, const Stack &to)
{
#ifdef KSHIM_ASAN_FIBERS
    __sanitizer_start_switch_fiber(save, to.bottom, to.size);
#else
    (void)save, (void)to;
#endif
}

// First thing after a switch arrives: `save` as leaving() stored it (nullptr on a fresh stack);
// `from` receives the stack the switch came from (may be nullptr).
inline void arrived(void *save, Stack *from)
{
#ifdef KSHIM_ASAN_FIBERS
    __sanitizer_finish_switch_fiber(save, from ? &from->bottom : nullptr, from ? &from->size : nullptr);
#else
    (void)save, (void)from;
#endif
}

// A recycled stack: forget the poisoning its last user's frames left in the shadow.
inline void forget(void *lo, size_t size)
{
#ifdef KSHIM_ASAN_FIBERS
    ASAN_UNPOISON_MEMORY_REGION(lo, size);
#else
    (void)lo, (void)size;
#endif
}

}  // namespace kshim::fiber_san
