// Oops reports for crashes in module code (SIGSEGV, SIGBUS, SIGFPE, SIGILL, stack overflow).
#pragma once

namespace kshim {

// Installs the fatal-signal handlers on an alternate stack. The handler prints the kernel's
// oops report for the current task, flushes the log and exits with status 1.
void install_crash_handlers();

}  // namespace kshim
