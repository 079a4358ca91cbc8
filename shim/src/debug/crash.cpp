// The fatal-signal handler: a kernel-style oops naming the task, the faulting function and a trace.
#include "debug/crash.hpp"

#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "debug/backtrace.hpp"
#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"

namespace kshim {

namespace {

volatile sig_atomic_t in_handler = 0;

// The first lines of the report, which depend on the kind of fault.
void fault_header(Kernel &k, int sig, siginfo_t *info, ucontext_t *uc, const TaskInfo &t)
{
    Printk &log = k.log();
    uintptr_t addr = (uintptr_t)info->si_addr;
    // The host reports a user-mode fault (X86_PF_USER, 0x4); module code runs "in the kernel".
    unsigned long err = (unsigned long)uc->uc_mcontext.gregs[REG_ERR] & ~0x4ul;
    // A user task's page is present for the kernel, which SMAP stops (X86_PF_PROT, 0x1); the
    // host's PROT_NONE page shows as not present.
    if (sig == SIGSEGV && k.reports().user_page(addr))
        err |= 0x1;
    if (sig == SIGFPE) {
        log.emit(4, "divide error: 0000 [#1] PREEMPT SMP NOPTI");
        return;
    }
    if (sig == SIGILL) {
        log.emit(4, "invalid opcode: 0000 [#1] PREEMPT SMP NOPTI");
        return;
    }
    if (t.is_task && addr >= t.guard_lo && addr < t.guard_hi) {
        log.emit(0, strprintf("BUG: TASK stack guard page was hit at %px (stack is %px..%px)", (void *)addr,
                              (void *)t.stack_lo, (void *)t.stack_hi));
        // Linux 6.1 handle_stack_overflow(): die("stack guard page", regs, 0).
        log.emit(4, "stack guard page: 0000 [#1] PREEMPT SMP NOPTI");
        return;
    }
    if (addr < 4096)
        log.emit(1, strprintf("BUG: kernel NULL pointer dereference, address: %016lx", (unsigned long)addr));
    else
        log.emit(1, strprintf("BUG: unable to handle page fault for address: %016lx", (unsigned long)addr));
    const char *kind = (err & 0x10) ? "instruction fetch" : (err & 2) ? "write access" : "read access";
    log.emit(1, strprintf("#PF: supervisor %s in kernel mode", kind));
    log.emit(1, strprintf("#PF: error_code(0x%04lx) - %s", err, (err & 1) ? "permissions violation" : "not-present page"));
    log.emit(4, strprintf("Oops: %04lx [#1] PREEMPT SMP NOPTI", err));
}

// Where a KUnit case's task goes after its oops: back on its own stack, out of the handler.
[[noreturn]] void end_crashed_case()
{
    Kernel::active()->reports().end_case_task();
}

// Makes the interrupted task resume in end_crashed_case (the handler then returns): on its
// stack below the faulting frame, or mid-stack when the fault was an overflow into the guard.
void resume_in_case_end(ucontext_t *uc, const TaskInfo &t)
{
    uintptr_t sp = (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
    constexpr uintptr_t kRoom = 32 * 1024;
    if (sp < t.stack_lo + kRoom || sp > t.stack_hi)
        sp = t.stack_lo + (t.stack_hi - t.stack_lo) / 2;
    sp = ((sp - 1024) & ~(uintptr_t)15) - 8;   // as just after a call: rsp % 16 == 8
    uc->uc_mcontext.gregs[REG_RSP] = (greg_t)sp;
    uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)&end_crashed_case;
}

// The faulting PC and its callers, from the signal's context.
std::vector<uintptr_t> interrupted_frames(ucontext_t *uc)
{
    uintptr_t frames[64];
    size_t n = capture_backtrace_from_signal(uc, frames, 64);
    std::vector<uintptr_t> trace(frames, frames + n);
    if (!trace.empty())
        trace[0] = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    return trace;
}

// A fault KFENCE owns: reported, its page opened, and the access restarted (true).
bool guarded_fault(Kernel &k, siginfo_t *info, ucontext_t *uc)
{
    // Page-fault error code bit 1 (X86_PF_WRITE): the access was a write.
    bool is_write = (unsigned long)uc->uc_mcontext.gregs[REG_ERR] & 2;
    return k.reports().guarded_fault((uintptr_t)info->si_addr, is_write, interrupted_frames(uc));
}

void on_fatal_signal(int sig, siginfo_t *info, void *ctx)
{
    if (in_handler)
        _exit(2);
    auto *uc = static_cast<ucontext_t *>(ctx);
    Kernel *k = Kernel::active();
    if (k && sig == SIGSEGV) {
        in_handler = 1;
        bool handled = guarded_fault(*k, info, uc);
        in_handler = 0;
        if (handled)
            return;
    }
    in_handler = 1;
    if (!k) {
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    Printk &log = k->log();
    const TaskInfo t = k->reports().current();
    fault_header(*k, sig, info, uc, t);
    // As in the kernel, the oops is printed first and taints ('D') only once it is over.
    log.emit(4, k->reports().cpu_line(t));
    k->reports().add_taint(TaintDie);
    log.emit(4, "Hardware name: kshim userspace kernel emulation");
    print_interrupted(*k, interrupted_frames(uc));
    log.emit(4, "Modules linked in: " + k->reports().linked_in());
    if (sig == SIGSEGV || sig == SIGBUS)
        log.emit(4, strprintf("CR2: %016lx", (unsigned long)info->si_addr));
    log.emit(4, "---[ end trace 0000000000000000 ]---");
    if (t.is_task && t.stack_hi && k->reports().in_case()) {   // a KUnit case: only its task dies
        resume_in_case_end(uc, t);
        in_handler = 0;
        return;
    }
    log.flush();
    std::fprintf(stderr, "kshim: oops in task %s:%d; the run ends here\n", t.comm, t.pid);
    _exit(1);
}

}  // namespace

void print_interrupted(Kernel &k, const std::vector<uintptr_t> &frames)
{
    if (frames.empty())
        return;
    k.log().emit(4, "RIP: 0010:" + k.symbols().text(frames[0], 'S'));
    k.reports().call_trace(std::vector<uintptr_t>(frames.begin() + 1, frames.end()), 4);
}

namespace {

// The handlers run on a stack of their own (a report symbolises and formats: it needs room).
void use_alternate_stack()
{
    // Mapped, not zero-filled: untouched pages cost nothing at start-up.
    constexpr size_t kAltStack = 1 << 20;
    static void *altstack = mmap(nullptr, kAltStack, PROT_READ | PROT_WRITE,
                                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    stack_t ss{};
    ss.ss_sp = altstack;
    ss.ss_size = kAltStack;
    sigaltstack(&ss, nullptr);
}

struct sigaction chained_segv;  // what install_guarded_fault_handler replaced

// KFENCE's faults, then whatever handled SIGSEGV before (the test framework's crash report).
void on_segv_chained(int sig, siginfo_t *info, void *ctx)
{
    Kernel *k = Kernel::active();
    if (k && !in_handler && guarded_fault(*k, info, static_cast<ucontext_t *>(ctx)))
        return;
    if ((chained_segv.sa_flags & SA_SIGINFO) && chained_segv.sa_sigaction) {
        chained_segv.sa_sigaction(sig, info, ctx);
        return;
    }
    if (chained_segv.sa_handler != SIG_DFL && chained_segv.sa_handler != SIG_IGN) {
        chained_segv.sa_handler(sig);
        return;
    }
    signal(sig, SIG_DFL);  // the access faults again on return and the process dies of it
}

}  // namespace

void install_guarded_fault_handler()
{
    struct sigaction sa {}, old {};
    sigaction(SIGSEGV, nullptr, &old);
    if (old.sa_sigaction == &on_segv_chained || old.sa_sigaction == &on_fatal_signal)
        return;
    use_alternate_stack();
    chained_segv = old;
    sa.sa_sigaction = &on_segv_chained;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, nullptr);
}

void install_crash_handlers()
{
    use_alternate_stack();
    struct sigaction sa {};
    sa.sa_sigaction = &on_fatal_signal;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL})
        sigaction(sig, &sa, nullptr);
}

}  // namespace kshim
