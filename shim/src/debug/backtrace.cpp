// Stack capture with the libgcc unwinder (_Unwind_Backtrace), and kernel-style call trace text.
#include "backtrace.hpp"

#include "debug/loaded_objects.hpp"
#include "debug/symbolizer.hpp"

#include <unwind.h>

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

__attribute__((noinline)) size_t capture_stack_from(uintptr_t from, uintptr_t *out, size_t max,
                                                     uintptr_t stack_lo, uintptr_t stack_hi) {
    if (max == 0)
        return 0;
    size_t n = 0;
    unsigned seen = 0;
    auto *fp = static_cast<const uintptr_t *>(__builtin_frame_address(0));
    while (n < max && (uintptr_t)fp >= stack_lo && (uintptr_t)fp + 2 * sizeof(uintptr_t) <= stack_hi &&
           (uintptr_t)fp % sizeof(uintptr_t) == 0) {
        uintptr_t ret = fp[1];
        if (n > 0 || ret == from)
            out[n++] = ret;
        else if (++seen > kMaxHandlerFrames)
            break;
        auto *next = reinterpret_cast<const uintptr_t *>(fp[0]);
        if (next <= fp)
            break;
        fp = next;
    }
    if (n == 0)
        out[n++] = from;
    return n;
}

size_t capture_backtrace_from_signal(ucontext_t *uc, uintptr_t *out, size_t max) {
    if (!uc || !out || max == 0)
        return 0;
    greg_t &rip = uc->uc_mcontext.gregs[REG_RIP];
    greg_t &rsp = uc->uc_mcontext.gregs[REG_RSP];
    if (in_loaded_code(uintptr_t(rip)))
        return walk_signal_stack(uc, out, max);
    // Jump to a bad address (typically a call through a NULL pointer): the
    // unwinder would read code at the PC and fault. Pretend the bad callee
    // returned at once, walk from its caller, then put the context back.
    out[0] = uintptr_t(rip);
    uintptr_t ret = *reinterpret_cast<const uintptr_t *>(rsp);
    if (max == 1 || !in_loaded_code(ret))
        return 1;
    const greg_t saved_rip = rip, saved_rsp = rsp;
    rip = greg_t(ret);
    rsp += sizeof(uintptr_t);
    size_t n = 1 + walk_signal_stack(uc, out + 1, max - 1);
    rip = saved_rip;
    rsp = saved_rsp;
    return n;
}

bool trace_shows(Symbolizer &sym, uintptr_t pc) {
    SymbolInfo s = sym.lookup(pc - 1);
    if (!s.module.empty())
        return true;
    // C names only: the symbolizer demangles, so C++ internals carry "::", "(" or "<".
    bool c_name = s.found && s.name.find_first_of(":(<") == std::string::npos && s.name.rfind("_Z", 0) != 0;
    // The switch stub and its landing (sched/switch_x86_64.S) are C names but the scheduler's own.
    return c_name && s.name.rfind("kshim_switch", 0) != 0 && runtime_range().contains(pc);
}

std::vector<std::string> call_trace_lines(Symbolizer &sym, const std::vector<uintptr_t> &frames,
                                          TraceOptions opts) {
    std::vector<std::string> out;
    for (size_t i = 0; i < frames.size(); ++i) {
        if (!opts.all_frames && !trace_shows(sym, frames[i]))
            continue;
        std::string line;
        sym.format(line, frames[i], i == 0 && opts.first_is_fault_pc ? 'S' : 'B');
        out.push_back(std::move(line));
    }
    return out;
}

void format_call_trace(std::string &out, Symbolizer &sym, const std::vector<uintptr_t> &frames,
                       bool first_is_fault_pc) {
    for (const std::string &line : call_trace_lines(sym, frames, {true, first_is_fault_pc}))
        out += ' ' + line + '\n';
}

}  // namespace kshim
