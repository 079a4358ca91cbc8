// The C ABI globals the kernel publishes to module code: one owner that resets them all.
#pragma once

#include "printk/format.hpp"

namespace kshim {

// Every variable that C code reads (jiffies, the cpu masks, current, console_printk,
// debug_locks, system_state, the system workqueues) and the %pS symbol formatter is defined in
// globals.cpp and nowhere else. The subsystems write them while they run (the clock publishes
// jiffies, the scheduler sets current, the workqueues set system_wq); Kernel holds one Globals
// and resets them all before any subsystem starts and after the last one stops, so a fresh
// kernel starts from the same state as the first. Process context, host thread only.
class Globals {
public:
    // Boot values for a kernel with `cpus` virtual CPUs naming symbols through `symbols`.
    void boot(unsigned cpus, SymbolFormatter symbols);
    // No kernel: every global back to a one-CPU boot state, with no symbol formatter.
    void shutdown();

private:
    static void publish_cpus(unsigned cpus);
};

}  // namespace kshim
