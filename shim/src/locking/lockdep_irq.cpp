// Lockdep's irq checks on the graph: HARDIRQ/SOFTIRQ-safe -> -unsafe lock orders and irq lock inversions.
#include <algorithm>

#include "debug/backtrace.hpp"
#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"
#include "locking/locking.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"

namespace kshim {

namespace {

// Usage bit numbers are state * 4 + direction * 2 + read (lockdep's lock_usage_bit): the
// used-in-irq bits and the irq-enabled bits of both states.
constexpr unsigned kUsedInAll = 0x33, kEnabledAll = 0xcc, kWriteAll = 0x55;

// lockdep's exclusive_mask (and original_mask, the same map): the direction of each bit
// flipped, with both the write and the read form of every bit that results.
unsigned exclusive_mask(unsigned mask)
{
    unsigned excl = ((mask & kEnabledAll) >> 2) | ((mask & kUsedInAll) << 2);
    excl |= (excl & 0xaa) >> 1;
    excl |= (excl & 0x55) << 1;
    return excl;
}

// exclusive_bit: the same state, the other direction, the write form.
unsigned exclusive_bit(unsigned bit) { return (bit & ~3u) | ((bit & 2u) ^ 2u); }

// state_name: "HARDIRQ", "SOFTIRQ", or their "-READ" forms.
std::string state_name(unsigned bit)
{
    std::string s = (bit >> 2) ? "SOFTIRQ" : "HARDIRQ";
    return (bit & 1u) ? s + "-READ" : s;
}

// lockdep's usage_match: a class a strong path reached uses an irq as mask says; when only
// -(*R)-> edges led to it (or, searching backwards, only -(S*)-> ones left it), its read usages
// cannot deadlock with the root, so only its write ones count (LOCKF_IRQ).
bool usage_match(unsigned usage, bool only_xr, unsigned mask)
{
    return ((only_xr ? usage & kWriteAll : usage) & mask) != 0;
}

}  // namespace

bool Lockdep::check_irq_usage(const HeldLock &prev, const HeldLock &next)
{
    // 1: the irq usages of prev and of every lock a strong path leads from to prev (only the
    // write usages of those whose path leaves them shared: usage_accumulate).
    unsigned used_in = 0;
    std::vector<BfsNode> back, fwd;
    search(prev.cls, prev.read != 0, false, [&](int c, bool only_xr) {
        used_in |= only_xr ? classes_[c].usage & kWriteAll : classes_[c].usage;
        return false;
    }, back);
    used_in &= kUsedInAll;
    if (!used_in)
        return true;
    // 2: a lock taken with such an irq enabled, next or one a strong path from next reaches.
    const unsigned unsafe_mask = exclusive_mask(used_in);
    const int u = search(next.cls, next.read == 2, true,
                         [&](int c, bool only_xr) { return usage_match(classes_[c].usage, only_xr, unsafe_mask); }, fwd);
    if (u < 0)
        return true;
    const int unsafe = fwd[u].cls;
    // 3: the irq-safe lock behind prev that conflicts with it, and the pair of usage bits.
    const unsigned safe_mask = exclusive_mask(classes_[unsafe].usage & kEnabledAll);
    const int s = search(prev.cls, prev.read != 0, false,
                         [&](int c, bool only_xr) { return usage_match(classes_[c].usage, only_xr, safe_mask); }, back);
    if (s < 0)
        return true;
    const int safe = back[s].cls;
    const unsigned su = classes_[safe].usage, uu = classes_[unsafe].usage;
    for (unsigned bit = 0; bit < 8; ++bit) {
        if (!(su & (1u << bit)))
            continue;
        const unsigned excl = exclusive_bit(bit);
        const unsigned hit = (uu & (1u << excl)) ? excl : (uu & (1u << (excl | 1u))) ? (excl | 1u) : 8u;
        if (hit == 8u)
            continue;
        std::vector<int> chain_back = search_path(back, s);   // prev ... safe
        std::reverse(chain_back.begin(), chain_back.end());   // safe -> ... -> prev
        report_bad_irq_dependency(prev, next, chain_back, search_path(fwd, u), bit, hit);
        return false;
    }
    return true;
}

bool Lockdep::check_usage_graph(const HeldLock &h, unsigned bit)
{
    if (bit >= 8)
        return true;
    // A lock now used in an irq looks forwards for locks taken with it enabled; a lock now
    // taken with it enabled looks backwards for locks used in it (check_usage_forwards /
    // _backwards, over strong paths).
    const unsigned excl = exclusive_bit(bit);
    const unsigned want = (1u << excl) | (1u << (excl | 1u));
    const bool forwards = !(bit & 2u);
    std::vector<BfsNode> nodes;
    const int hit = search(h.cls, forwards ? h.read == 2 : h.read != 0, forwards, [&](int c, bool only_xr) {
        return c != h.cls && usage_match(classes_[c].usage, only_xr, want);
    }, nodes);
    if (hit < 0)
        return true;
    const int other = nodes[hit].cls;
    std::vector<int> path = search_path(nodes, hit);        // h ... other, in search order
    if (!forwards)
        std::reverse(path.begin(), path.end());              // other -> ... -> h
    report_irq_inversion(h, path, forwards, (classes_[other].usage & (1u << excl)) ? excl : (excl | 1u));
    return false;
}

const std::vector<uintptr_t> *Lockdep::edge_trace(int from, int to) const
{
    for (const Edge &e : classes_[from].after)
        if (e.to == to)
            return &e.trace;
    return nullptr;
}

void Lockdep::print_class_header(int cls, unsigned depth)
{
    const Class &c = classes_[cls];
    const std::string pad(depth, ' ');
    emit(pad + "-> " + class_desc(cls) + " {");
    for (unsigned bit = 0; bit < 10; ++bit) {
        if (!(c.usage & (1u << bit)))
            continue;
        const std::string head = pad + "   " + usage_str(bit);
        emit(head + " at:");
        // lockdep indents the trace by what it printed so far (the depth counted twice).
        print_trace(c.usage_trace[bit], (unsigned)(depth + head.size() + 5));
    }
    emit(pad + " }");
    emit(pad + strprintf(" ... key      at: [<%016lx>] ", (unsigned long)(uintptr_t)c.key) +
         k_.symbols().text((uintptr_t)c.key, 'S'));
}

void Lockdep::print_chain(const std::vector<int> &path, bool backwards)
{
    // path[0] -> ... -> path.back() along the graph's edges. Forwards (the search ran from
    // path[0]): the leaf path.back() first, each class with the trace of the edge into it,
    // the root with the current stack. Backwards (the search ran from path.back() against the
    // edges): the leaf path[0] first, each later class with the trace of the edge into it.
    const std::vector<uintptr_t> now = capture_backtrace(2);
    const size_t n = path.size();
    for (size_t k = 0; k < n; ++k) {
        const size_t i = backwards ? k : n - 1 - k;
        const unsigned depth = (unsigned)(backwards ? n - 1 - k : i);
        print_class_header(path[i], depth);
        const std::vector<uintptr_t> *trace = i ? edge_trace(path[i - 1], path[i]) : (backwards ? nullptr : &now);
        if (!trace)
            continue;
        emit(std::string(depth, ' ') + " ... acquired at:");
        print_trace(*trace, 3);
        emit("");
    }
}

void Lockdep::print_irq_scenario(int safe, int unsafe, int prev, int next)
{
    const int middle = prev == safe ? next : prev;
    if (middle != unsafe) {
        emit("Chain exists of:");
        emit("  " + lock_name(safe) + " --> " + lock_name(middle) + " --> " + lock_name(unsafe));
        emit("");
    }
    emit(" Possible interrupt unsafe locking scenario:");
    emit("");
    emit("       CPU0                    CPU1");
    emit("       ----                    ----");
    emit("  lock(" + lock_name(unsafe) + ");");
    emit("                               local_irq_disable();");
    emit("                               lock(" + lock_name(safe) + ");");
    emit("                               lock(" + lock_name(middle) + ");");
    emit("  <Interrupt>");
    emit("    lock(" + lock_name(safe) + ");");
    emit("");
    emit(" *** DEADLOCK ***");
    emit("");
}

// print_bad_irq_dependency: back is safe -> ... -> prev, fwd is next -> ... -> unsafe.
void Lockdep::report_bad_irq_dependency(const HeldLock &prev, const HeldLock &next, const std::vector<int> &back,
                                        const std::vector<int> &fwd, unsigned safe_bit, unsigned unsafe_bit)
{
    const std::string irq = state_name(safe_bit);
    const std::string title = strprintf("WARNING: %s-safe -> %s-unsafe lock order detected", irq.c_str(), irq.c_str());
    if (!open_report(ReportKind::IrqLockOrder, title, next.ip, 53))
        return;
    const Task &t = current_task(k_);
    const int safe = back.front(), unsafe = fwd.back();
    emit(strprintf("%s/%d %s is trying to acquire:", t.ts.comm, t.ts.pid, irq_state().c_str()));
    emit(held_line(next));
    emit("");
    emit("and this task is already holding:");
    emit(held_line(prev));
    emit("which would create a new lock dependency:");
    emit(" " + class_desc(prev.cls) + " -> " + class_desc(next.cls));
    emit("");
    emit(strprintf("but this new dependency connects a %s-irq-safe lock:", irq.c_str()));
    emit(" " + class_desc(safe));
    emit("");
    emit(strprintf("... which became %s-irq-safe at:", irq.c_str()));
    print_trace(classes_[safe].usage_trace[safe_bit], 2);
    emit("");
    emit(strprintf("to a %s-irq-unsafe lock:", irq.c_str()));
    emit(" " + class_desc(unsafe));
    emit("");
    emit(strprintf("... which became %s-irq-unsafe at:", irq.c_str()));
    emit("...");
    print_trace(classes_[unsafe].usage_trace[unsafe_bit], 2);
    emit("");
    emit("other info that might help us debug this:");
    emit("");
    print_irq_scenario(safe, unsafe, prev.cls, next.cls);
    print_held_locks(&t);
    emit("");
    emit(strprintf("the dependencies between %s-irq-safe lock and the holding lock:", irq.c_str()));
    print_chain(back, true);
    emit("");
    emit("the dependencies between the lock to be acquired");
    emit(strprintf(" and %s-irq-unsafe lock:", irq.c_str()));
    print_chain(fwd, false);
    emit("");
    emit("stack backtrace:");
    k_.reports().dump_stack(4, 5);
}

// print_irq_inversion_bug: forwards, path is h -> ... -> other (other irq-unsafe); else
// other -> ... -> h (other irq-safe). bit: the usage of other that conflicts.
void Lockdep::report_irq_inversion(const HeldLock &h, const std::vector<int> &path, bool forwards, unsigned bit)
{
    if (!open_report(ReportKind::IrqLockInversion, "WARNING: possible irq lock inversion dependency detected", h.ip))
        return;
    const Task &t = current_task(k_);
    const int other = forwards ? path.back() : path.front();
    const std::string irq = state_name(bit);
    emit(strprintf("%s/%d just changed the state of lock:", t.ts.comm, t.ts.pid));
    emit(held_line(h));
    if (forwards)
        emit(strprintf("but this lock took another, %s-unsafe lock in the past:", irq.c_str()));
    else
        emit(strprintf("but this lock was taken by another, %s-safe lock in the past:", irq.c_str()));
    emit(" " + class_desc(other));
    emit("");
    emit("");
    emit("and interrupts could create inverse lock ordering between them.");
    emit("");
    emit("");
    emit("other info that might help us debug this:");
    if (forwards)
        print_irq_scenario(h.cls, other, path[1], other);
    else
        print_irq_scenario(other, h.cls, path[path.size() - 2], h.cls);
    print_held_locks(&t);
    emit("");
    emit("the shortest dependencies between 2nd lock and 1st lock:");
    // The search ran from h: forwards it is path's root, backwards its end, each printed class
    // then carrying the edge out of it (print_shortest_lock_dependencies on a backward search).
    if (forwards) {
        print_chain(path, false);
    } else {
        const std::vector<uintptr_t> now = capture_backtrace(1);
        for (size_t i = 0; i < path.size(); ++i) {
            const unsigned depth = (unsigned)(path.size() - 1 - i);
            print_class_header(path[i], depth);
            emit(std::string(depth, ' ') + " ... acquired at:");
            const std::vector<uintptr_t> *tr = i + 1 < path.size() ? edge_trace(path[i], path[i + 1]) : &now;
            print_trace(tr ? *tr : now, 3);
            emit("");
        }
    }
    emit("");
    emit("stack backtrace:");
    k_.reports().dump_stack(4, 5);
}

}  // namespace kshim
