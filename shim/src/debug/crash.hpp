// Oops reports for crashes in module code (SIGSEGV, SIGBUS, SIGFPE, SIGILL, stack overflow).
#pragma once

#include <cstdint>
#include <vector>

namespace kshim {

class Kernel;

// Installs the fatal-signal handlers on an alternate stack. The handler prints the kernel's
// oops report for the current task, flushes the log and exits with status 1.
void install_crash_handlers();

// The test API's: a SIGSEGV handler that lets KFENCE report its faults (and continue) and hands
// every other fault to the handler it replaced. Process context; idempotent.
void install_guarded_fault_handler();

// The "RIP: 0010:fn+0x../0x.. [mod]" line and the call trace of code a signal interrupted:
// frames[0] is the interrupted PC, the rest its callers (capture_backtrace_from_signal).
// From a signal handler on the kernel thread; allocates.
void print_interrupted(Kernel &k, const std::vector<uintptr_t> &frames);

// Where module code hands the runtime a bad pointer (NULL, an ERR_PTR) that the kernel's
// function dereferences: reads the byte at `address` (the field the kernel reads first) as that
// access does, so the oops handler reports the NULL pointer dereference or page fault. The same
// access in C++ faults too, but is undefined behaviour that UBSan reports first (null,
// misaligned). Never returns: the oops ends the run (or a KUnit case's task). Any context.
[[noreturn]] inline __attribute__((always_inline)) void bad_pointer_read(uintptr_t address)
{
    asm volatile("movb (%0), %%al" : : "r"(address) : "al", "memory");
    __builtin_unreachable();
}

}  // namespace kshim
