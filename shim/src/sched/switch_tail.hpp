// The direct task-to-task switch made as a tail call (sched/switch_x86_64.S), where the platform has the stub.
#pragma once

#include <boost/context/detail/fcontext.hpp>
#include <boost/context/fiber.hpp>
#include <type_traits>

#include "sched/fiber_sanitizer.hpp"

// The stub is built for x86-64 outside ASan builds (which annotate every switch in C++).
#if defined(KSHIM_HAVE_SWITCH_STUB) && defined(__x86_64__) && !defined(KSHIM_ASAN_FIBERS)
#define KSHIM_TAIL_SWITCH 1
#endif

namespace kshim {

using boost::context::detail::fcontext_t;
using boost::context::detail::transfer_t;

// A suspended context's slot: a boost::context::fiber is one fcontext_t (standard layout), which
// the switch path reads and writes directly, as jump_fcontext takes and gives it.
static_assert(std::is_standard_layout_v<boost::context::fiber> && sizeof(boost::context::fiber) == sizeof(fcontext_t));
inline fcontext_t &slot_of(boost::context::fiber &f) { return *reinterpret_cast<fcontext_t *>(&f); }

}  // namespace kshim

extern "C" {
// Switches to `to`, keeping the caller's context in *slot once resumed (see the .S file).
__attribute__((visibility("hidden"))) void kshim_switch(kshim::fcontext_t to, kshim::fcontext_t *slot);
// Set while a stack dump is requested of the task being resumed; the landing then calls
// kshim_switch_landed(). Atomic-safe.
__attribute__((visibility("hidden"))) extern unsigned char kshim_switch_slow;
__attribute__((visibility("hidden"))) void kshim_switch_landed(void);
}
