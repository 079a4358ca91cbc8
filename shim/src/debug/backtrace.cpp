// Stack capture with the libgcc unwinder (_Unwind_Backtrace), and kernel-style call trace text.
#include "backtrace.hpp"

#include "symbolizer.hpp"

#include <link.h>
#include <unwind.h>

#include <utility>

#if !defined(__x86_64__)
#error "capture_backtrace_from_signal reads x86_64 registers (REG_RIP/REG_RSP)"
#endif

namespace kshim {
namespace {

constexpr size_t kMaxFrames = 64;
// Handler frames (handler, trampoline, ...) tolerated before the fault frame.
constexpr unsigned kMaxHandlerFrames = 32;

struct Walk {
    uintptr_t *out;
    size_t max;
    size_t n = 0;
    unsigned skip = 0;
};

// Unwinder callback storing IPs after skipping `skip` frames. No allocation.
_Unwind_Reason_Code on_frame(_Unwind_Context *ctx, void *arg) {
    auto &w = *static_cast<Walk *>(arg);
    int before = 0;
    uintptr_t ip = _Unwind_GetIPInfo(ctx, &before);
    if (ip == 0 || w.n == w.max)
        return _URC_END_OF_STACK;
    if (w.skip) {
        --w.skip;
        return _URC_NO_REASON;
    }
    w.out[w.n++] = ip;
    return _URC_NO_REASON;
}

struct SignalWalk {
    uintptr_t pc;
    uintptr_t *out;
    size_t max;
    size_t n = 0;
    unsigned seen = 0;
    bool started = false;
};

// Unwinder callback: ignores the handler's own frames until the interrupted
// frame (IP == faulting PC), then stores it and its callers. No allocation.
_Unwind_Reason_Code on_signal_frame(_Unwind_Context *ctx, void *arg) {
    auto &w = *static_cast<SignalWalk *>(arg);
    int before = 0;
    uintptr_t ip = _Unwind_GetIPInfo(ctx, &before);
    if (!w.started) {
        w.started = ip == w.pc;
        if (!w.started)
            return ++w.seen < kMaxHandlerFrames ? _URC_NO_REASON : _URC_END_OF_STACK;
    }
    if (w.n == w.max || (ip == 0 && w.n > 0))
        return _URC_END_OF_STACK;
    w.out[w.n++] = ip;
    return _URC_NO_REASON;
}

// dl_iterate_phdr callback: is the queried address in an executable segment?
int find_code(dl_phdr_info *info, size_t, void *data) {
    auto &q = *static_cast<std::pair<uintptr_t, bool> *>(data);
    for (int i = 0; i < info->dlpi_phnum; ++i) {
        const ElfW(Phdr) &ph = info->dlpi_phdr[i];
        uintptr_t at = info->dlpi_addr + ph.p_vaddr;
        if (ph.p_type == PT_LOAD && (ph.p_flags & PF_X) && q.first - at < ph.p_memsz) {
            q.second = true;
            return 1;
        }
    }
    return 0;
}

// True if addr lies in the code of a loaded object. No allocation; takes
// the loader lock like the unwinder does.
bool is_code(uintptr_t addr) {
    std::pair<uintptr_t, bool> q{addr, false};
    dl_iterate_phdr(find_code, &q);
    return q.second;
}

// Walks from the frame interrupted at uc's RIP. No allocation.
size_t walk_signal_stack(const ucontext_t *uc, uintptr_t *out, size_t max) {
    SignalWalk w{uintptr_t(uc->uc_mcontext.gregs[REG_RIP]), out, max};
    _Unwind_Backtrace(on_signal_frame, &w);
    if (w.n == 0)
        out[w.n++] = w.pc;  // the unwinder never reached the fault frame
    return w.n;
}

}  // namespace

void backtrace_init() {
    (void)capture_backtrace(0);
}

__attribute__((noinline)) std::vector<uintptr_t> capture_backtrace(unsigned skip) {
    uintptr_t buf[kMaxFrames];
    Walk w{buf, kMaxFrames};
    w.skip = skip + 1;  // this function's own frame
    _Unwind_Backtrace(on_frame, &w);
    return std::vector<uintptr_t>(buf, buf + w.n);
}

size_t capture_backtrace_from_signal(ucontext_t *uc, uintptr_t *out, size_t max) {
    if (!uc || !out || max == 0)
        return 0;
    greg_t &rip = uc->uc_mcontext.gregs[REG_RIP];
    greg_t &rsp = uc->uc_mcontext.gregs[REG_RSP];
    if (is_code(uintptr_t(rip)))
        return walk_signal_stack(uc, out, max);
    // Jump to a bad address (typically a call through a NULL pointer): the
    // unwinder would read code at the PC and fault. Pretend the bad callee
    // returned at once, walk from its caller, then put the context back.
    out[0] = uintptr_t(rip);
    uintptr_t ret = *reinterpret_cast<const uintptr_t *>(rsp);
    if (max == 1 || !is_code(ret))
        return 1;
    const greg_t saved_rip = rip, saved_rsp = rsp;
    rip = greg_t(ret);
    rsp += sizeof(uintptr_t);
    size_t n = 1 + walk_signal_stack(uc, out + 1, max - 1);
    rip = saved_rip;
    rsp = saved_rsp;
    return n;
}

void format_call_trace(std::string &out, Symbolizer &sym, const std::vector<uintptr_t> &frames,
                       bool first_is_fault_pc) {
    for (size_t i = 0; i < frames.size(); ++i) {
        out += ' ';
        sym.format(out, frames[i], i == 0 && first_is_fault_pc ? 'S' : 'B');
        out += '\n';
    }
}

}  // namespace kshim
