// Stack capture for oops reports and dump_stack(): the current stack (fibers included) and the stack a signal interrupted.
#pragma once

#include <ucontext.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace kshim {

class Symbolizer;

// Warms up the unwinder (libgcc FDE lookup, register tables) so that later
// captures, including from a signal handler, do not initialise anything.
// Call once at start-up from normal context. May allocate.
void backtrace_init();

// Return addresses of the current call stack, innermost first. Frame 0 is
// in the function that called capture_backtrace; `skip` drops that many
// more. Works on Boost.Context fiber stacks (stops at the fiber entry).
// May allocate; not async-signal-safe.
std::vector<uintptr_t> capture_backtrace(unsigned skip = 0);

// The stack from the caller that returns to `from` outwards (`from` is a __builtin_return_address
// taken in an API entry point): stores at most max return addresses into out, out[0] == from.
// A frame-pointer walk, for every kmalloc and kfree (SLUB debug's tracks): module code and the
// runtime files on the way here (shim/CMakeLists.txt) keep frame pointers; only frames inside
// the task's stack [stack_lo, stack_hi) are read. If `from` is not found (a caller without
// frame pointers, or no stack bounds), out[0] = from alone. Returns the count (>= 1 when
// max >= 1). No allocation, atomic-safe.
size_t capture_stack_from(uintptr_t from, uintptr_t *out, size_t max, uintptr_t stack_lo, uintptr_t stack_hi);

// From a SIGSEGV/SIGBUS/... handler (sigaltstack is fine): walks the
// interrupted stack. out[0] is the faulting PC itself, out[1..] are return
// addresses of its callers. Returns the number of frames stored (>= 1 when
// max >= 1). If the PC is not in any loaded code (call through a NULL or
// wild pointer), the walk starts at the return address on top of the stack;
// for that `*uc` is rewritten during the call and restored before return.
// Allocation-free; safe in practice in a synchronous fault handler after
// backtrace_init() (the unwinder takes the loader's recursive lock, so it
// is not formally async-signal-safe).
size_t capture_backtrace_from_signal(ucontext_t *uc, uintptr_t *out, size_t max);

// The one frame filter of every call trace: true for the frames a kernel trace shows, that is
// module code and libkshim's C API functions (msleep, kthread, ...), not the runtime's C++
// internals, libc or the host. May allocate.
bool trace_shows(Symbolizer &sym, uintptr_t pc);

struct TraceOptions {
    bool all_frames = false;          // skip the filter (tests, raw dumps)
    bool first_is_fault_pc = false;   // frame 0 is an exact PC (capture_backtrace_from_signal)
};

// The one call-trace formatter: one "fn+0x1c/0x4d [mod]" line per frame, innermost first.
// Frames are return addresses (looked up as with %pB); an exact fault PC prints as with %pS.
// Callers add their own indentation. May allocate.
std::vector<std::string> call_trace_lines(Symbolizer &sym, const std::vector<uintptr_t> &frames,
                                          TraceOptions opts = {});

// Appends call_trace_lines(sym, frames, {all frames}) as " fn+0x1c/0x4d [mod]\n" lines.
// May allocate.
void format_call_trace(std::string &out, Symbolizer &sym, const std::vector<uintptr_t> &frames,
                       bool first_is_fault_pc = false);

}  // namespace kshim
