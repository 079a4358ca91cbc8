// Lockdep-lite: lock classes, the lock-order graph, AB-BA and recursion reports, held-lock stacks.
#include <algorithm>

#include "debug/backtrace.hpp"
#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"
#include "locking/locking.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"

#include "linux/lockdep.h"
#include "linux/preempt.h"

extern "C" {
struct lock_class_key __lockdep_no_validate__;
}

namespace kshim {

namespace {

// Usage bits, as lockdep's LOCK_USED_IN_* / LOCK_ENABLED_* (x2 for read).
enum : unsigned {
    UsedInHardirq = 1u << 0,
    EnabledHardirq = 1u << 2,
    UsedInSoftirq = 1u << 4,
    EnabledSoftirq = 1u << 6,
};

// The usage names of lockdep's lock_usage_bit, in bit order.
const char *const kUsageStr[10] = {"IN-HARDIRQ-W", "IN-HARDIRQ-R", "HARDIRQ-ON-W", "HARDIRQ-ON-R",
                                   "IN-SOFTIRQ-W", "IN-SOFTIRQ-R", "SOFTIRQ-ON-W", "SOFTIRQ-ON-R",
                                   "INITIAL USE", "INITIAL READ USE"};

// The irq context of the current task: 2 in a hardirq handler, 1 serving softirqs, else 0.
unsigned char irq_context_of(const Task &t)
{
    if (t.preempt_count & HARDIRQ_MASK)
        return 2;
    return (t.preempt_count & SOFTIRQ_OFFSET) ? 1 : 0;
}

}  // namespace

const char *Lockdep::usage_str(unsigned bit) { return bit < 10 ? kUsageStr[bit] : "?"; }

void Lockdep::init_map(lockdep_map *m, const char *name, lock_class_key *key, unsigned char inner)
{
    m->key = key;
    m->name = name;
    m->wait_type_inner = inner;
}

void Lockdep::emit(const std::string &line) { k_.log().emit(4, line); }

int Lockdep::class_of(lockdep_map *m, unsigned subclass)
{
    const void *key = m->key ? (const void *)m->key : (const void *)m;
    auto id = std::make_pair(key, subclass);
    auto it = by_key_.find(id);
    if (it != by_key_.end()) {
        // A class is named by its first lock, as in the kernel.
        return it->second;
    }
    Class c;
    c.key = key;
    c.subclass = subclass;
    c.name = m->name ? m->name : "(null)";
    c.wait_type = m->wait_type_inner;
    classes_.push_back(std::move(c));
    int idx = (int)classes_.size() - 1;
    by_key_.emplace(id, idx);
    return idx;
}


bool Lockdep::mark_usage(const HeldLock &h)
{
    // As lockdep's mark_usage: a lock taken (not tried) in an irq context is used in it; one
    // taken with hardirqs (and softirqs) enabled is taken irq-unsafe. Bit order: state * 4 +
    // direction * 2 + read.
    const Task &t = current_task(k_);
    const unsigned r = h.read ? 1 : 0;
    const bool hardirqs_on = t.irqs_off == 0 && !(t.preempt_count & HARDIRQ_MASK);
    const bool softirqs_on = !(t.preempt_count & SOFTIRQ_MASK);
    if (!h.trylock && (t.preempt_count & HARDIRQ_MASK) && !mark(h, 0 + r))
        return false;
    if (!h.trylock && (t.preempt_count & SOFTIRQ_OFFSET) && !mark(h, 4 + r))
        return false;
    if (hardirqs_on && !mark(h, 2 + r))
        return false;
    if (hardirqs_on && softirqs_on && !mark(h, 6 + r))
        return false;
    Class &c = classes_[h.cls];
    if (!(c.usage & (1u << (8 + r)))) {   // LOCK_USED / LOCK_USED_READ: "INITIAL USE"
        c.usage |= 1u << (8 + r);
        c.usage_trace[8 + r] = capture_backtrace(2);
    }
    return true;
}

// Sets usage bit `bit` of h's class; checks it against the opposite direction of the same
// irq state (writes also against its reads), as lockdep's mark_lock_irq/valid_state.
bool Lockdep::mark(const HeldLock &h, unsigned bit)
{
    Class &c = classes_[h.cls];
    if (c.usage & (1u << bit))
        return true;
    c.usage |= 1u << bit;
    c.usage_trace[bit] = capture_backtrace(3);
    const unsigned excl = (bit & ~3u) | ((bit & 2u) ^ 2u);
    if (c.usage & (1u << excl)) {
        report_usage(h, excl, bit);
        return false;
    }
    if (!(bit & 1u) && (c.usage & (1u << (excl | 1u)))) {
        report_usage(h, excl | 1u, bit);
        return false;
    }
    return check_usage_graph(h, bit);
}

bool Lockdep::mark_held_locks(unsigned base_bit)
{
    auto it = held_.find(&current_task(k_));
    if (it == held_.end())
        return true;
    for (const HeldLock &h : it->second)
        if (h.check && h.cls >= 0 && !mark(h, base_bit + (h.read ? 1u : 0u)))
            return false;
    return true;
}

void Lockdep::hardirqs_on()
{
    // Called while irqs are still off, so a report shows HE0 as 6.1's does.
    const Task &t = current_task(k_);
    if (off_ || !debug_locks || !t.irqs_off || (t.preempt_count & HARDIRQ_MASK))
        return;
    if (mark_held_locks(2) && !(t.preempt_count & SOFTIRQ_MASK))
        mark_held_locks(6);
}

void Lockdep::softirqs_on()
{
    // 6.1's local_bh_enable marks them in its closing local_irq_enable, with irqs still off.
    Task &t = current_task(k_);
    if (off_ || !debug_locks || t.irqs_off || (t.preempt_count & (HARDIRQ_MASK | SOFTIRQ_MASK)))
        return;
    ++t.irqs_off;
    mark_held_locks(6);
    --t.irqs_off;
}

std::string Lockdep::lock_name(int cls) const
{
    if (cls < 0)
        return "<unknown>";
    const Class &c = classes_[cls];
    if (c.subclass)
        return c.name + "/" + std::to_string(c.subclass);
    return c.name;
}

std::string Lockdep::class_desc(int cls) const
{
    if (cls < 0)
        return "(<unknown>)";
    const Class &c = classes_[cls];
    auto ch = [&c](unsigned used, unsigned enabled) {
        bool u = c.usage & used, e = c.usage & enabled;
        return u && e ? '?' : u ? '-' : e ? '+' : '.';
    };
    char usage[5] = {ch(UsedInHardirq, EnabledHardirq), ch(UsedInHardirq << 1, EnabledHardirq << 1),
                     ch(UsedInSoftirq, EnabledSoftirq), ch(UsedInSoftirq << 1, EnabledSoftirq << 1), 0};
    unsigned inner = c.wait_type & 0xf, outer = c.wait_type >> 4;
    return strprintf("(%s){%s}-{%u:%u}", lock_name(cls).c_str(), usage, outer ? outer : inner, inner);
}

std::string Lockdep::held_line(const HeldLock &h) const
{
    return strprintf("%016lx %s, at: %s", (unsigned long)(uintptr_t)h.map, class_desc(h.cls).c_str(),
                     k_.symbols().text(h.ip, 'S').c_str());
}

bool Lockdep::open_report(ReportKind kind, const std::string &title, uintptr_t ip, size_t rule)
{
    if (!debug_locks || !k_.reports().record(kind, title, ip))
        return false;
    debug_locks = 0;
    off_ = true;
    std::string bar(rule ? rule : title.size(), '=');
    emit("");
    emit(bar);
    emit(title);
    emit(strprintf("%s %s", Reports::ident(), k_.reports().tainted().c_str()));
    emit(std::string(bar.size(), '-'));
    return true;
}

void Lockdep::print_trace(const std::vector<uintptr_t> &frames, unsigned indent)
{
    const std::string pad(indent, ' ');
    for (const std::string &line : call_trace_lines(k_.symbols(), frames))
        emit(pad + line);
}

namespace {

// Dependency strength: bit 0 of the DEP_* bit number is prev taken exclusively, bit 1 next not
// taken as a recursive read (lockdep's __calc_dep_bit); masks below are of those bit numbers.
enum : unsigned char { DepSR = 1u << 0, DepER = 1u << 1, DepSN = 1u << 2, DepEN = 1u << 3 };

unsigned char dep_of(const HeldLock &prev, const HeldLock &next)
{
    return (unsigned char)(1u << ((prev.read == 0 ? 1u : 0u) + (next.read != 2 ? 2u : 0u)));
}

// An edge's dep bits as a backward search sees them (lockdep's calc_depb): "is the lock the
// search came from non-recursive" in bit 0, "is the one it goes to exclusive" in bit 1.
unsigned char backward_dep(unsigned char dep)
{
    return (unsigned char)((dep & (DepSR | DepEN)) | ((dep & DepER) << 1) | ((dep & DepSN) >> 1));
}

}  // namespace

int Lockdep::search(int root, bool root_only_xr, bool forwards, const std::function<bool(int, bool)> &match,
                    std::vector<BfsNode> &nodes) const
{
    // Breadth-first over edges, each class expanded once (so the path found is a shortest
    // strong one, as lockdep's __bfs; a class first reached by a weak step stays unexpanded).
    std::vector<bool> accessed(classes_.size(), false);
    nodes.assign(1, BfsNode{root, -1, 0, root_only_xr});
    for (size_t i = 0; i < nodes.size(); ++i) {
        const BfsNode n = nodes[i];
        if (accessed[n.cls])
            continue;
        accessed[n.cls] = true;
        if (n.parent >= 0) {
            unsigned char dep = n.dep;
            if (nodes[n.parent].only_xr)
                dep &= (unsigned char)~(DepSR | DepSN);   // -(*R)-> then -(S*)-> is no strong path
            if (!dep)
                continue;
            nodes[i].only_xr = !(dep & (DepSN | DepEN));
        }
        if (match(n.cls, nodes[i].only_xr))
            return (int)i;
        if (forwards) {
            for (const Edge &e : classes_[n.cls].after)
                nodes.push_back(BfsNode{e.to, (int)i, e.dep, false});
        } else {
            for (int from : classes_[n.cls].before)
                for (const Edge &e : classes_[from].after)
                    if (e.to == n.cls)
                        nodes.push_back(BfsNode{from, (int)i, backward_dep(e.dep), false});
        }
    }
    return -1;
}

std::vector<int> Lockdep::search_path(const std::vector<BfsNode> &nodes, int at)
{
    std::vector<int> path;
    for (int i = at; i >= 0; i = nodes[i].parent)
        path.push_back(nodes[i].cls);
    std::reverse(path.begin(), path.end());
    return path;
}

Lockdep::Edge *Lockdep::find_edge(int from, int to)
{
    for (Edge &e : classes_[from].after)
        if (e.to == to)
            return &e;
    return nullptr;
}

bool Lockdep::check_noncircular(const HeldLock &prev, const HeldLock &next)
{
    // A path next -> ... -> prev closes a deadlocking cycle when prev -> next is -(E*)-> or the
    // path ends -(*N)-> (lockdep's hlock_conflict): no -(*R)-> -(S*)-> pair at prev.
    std::vector<BfsNode> nodes;
    const int hit = search(next.cls, next.read == 2, true,
                           [&](int c, bool only_xr) { return c == prev.cls && (prev.read == 0 || !only_xr); }, nodes);
    if (hit < 0)
        return true;
    const std::vector<int> path = search_path(nodes, hit);
    if (path.size() == 1)
        report_recursive(next, prev);
    else
        report_circular(next, prev, path);
    return false;
}

void Lockdep::acquire(lockdep_map *m, unsigned subclass, bool trylock, int read, bool check, uintptr_t ip)
{
    Task &t = current_task(k_);
    std::vector<HeldLock> &stack = held_[&t];
    HeldLock next;
    next.map = m;
    next.cls = class_of(m, subclass);
    next.ip = ip;
    next.read = read;
    next.trylock = trylock;
    next.check = check && m->key != &__lockdep_no_validate__;
    next.irq_context = irq_context_of(t);
    if (!off_ && next.check && check_wait_context(stack, next) && mark_usage(next) && !trylock)
        validate(stack, next);
    stack.push_back(next);
    t.locks_held = (int)stack.size();
}

void Lockdep::validate(const std::vector<HeldLock> &stack, const HeldLock &next)
{
    // Taking a lock of a class already held: a self-deadlock unless both are shared recursive
    // reads.
    for (const HeldLock &h : stack)
        if (h.check && h.cls == next.cls && !(next.read == 2 && h.read)) {
            report_recursive(next, h);
            return;
        }
    add_dependencies(stack, next);
}

void Lockdep::add_dependencies(const std::vector<HeldLock> &stack, const HeldLock &next)
{
    // From the most recent held lock, and through trylocks to the ones below it (lockdep's
    // check_prevs_add).
    for (size_t i = stack.size(); i-- > 0;) {
        const HeldLock &prev = stack[i];
        if (prev.irq_context != next.irq_context)
            break;   // an interrupted context's locks: no dependency (lockdep's irq_context)
        if (!prev.check)
            continue;
        // A dependency of a strength not yet recorded is validated, then recorded.
        const unsigned char dep = dep_of(prev, next);
        Edge *e = find_edge(prev.cls, next.cls);
        if (!e || !(e->dep & dep)) {
            if (!check_noncircular(prev, next) || !check_irq_usage(prev, next))
                return;
            if ((e = find_edge(prev.cls, next.cls))) {
                e->dep |= dep;
            } else {
                classes_[prev.cls].after.push_back(Edge{next.cls, dep, capture_backtrace(1)});
                classes_[next.cls].before.push_back(prev.cls);
            }
        }
        if (!prev.trylock)
            break;
    }
}

bool Lockdep::release(lockdep_map *m, uintptr_t ip)
{
    auto it = held_.find(&current_task(k_));
    if (it != held_.end()) {
        std::vector<HeldLock> &stack = it->second;
        for (size_t i = stack.size(); i-- > 0;)
            if (stack[i].map == m) {
                stack.erase(stack.begin() + (long)i);
                current_task(k_).locks_held = (int)stack.size();
                return true;
            }
    }
    report_unlock_imbalance(m, ip);
    return false;
}

void Lockdep::report_unlock_imbalance(lockdep_map *m, uintptr_t ip)
{
    const Task &t = current_task(k_);
    if (off_ || !open_report(ReportKind::BadUnlockBalance, "WARNING: bad unlock balance detected!", ip))
        return;
    emit(strprintf("%s/%d is trying to release lock (%s) at:", t.ts.comm, t.ts.pid, m->name ? m->name : "(null)"));
    emit(strprintf("[<%016lx>] ", (unsigned long)ip) + k_.symbols().text(ip, 'S'));
    emit("but there are no more locks to release!");
    emit("");
    emit("other info that might help us debug this:");
    print_held_locks(&t);
    emit("");
    emit("stack backtrace:");
    k_.reports().dump_stack(4, 3);
}

void Lockdep::downgrade(lockdep_map *m)
{
    auto it = held_.find(&current_task(k_));
    if (it == held_.end())
        return;
    for (HeldLock &h : it->second)
        if (h.map == m)
            h.read = 1;
}

bool Lockdep::held(const lockdep_map *m, int read) const
{
    auto it = held_.find(&current_task(k_));
    if (it == held_.end())
        return false;
    for (const HeldLock &h : it->second)
        if (h.map == m && (read == -1 || (read ? h.read != 0 : h.read == 0)))
            return true;
    return false;
}

int Lockdep::depth(const Task *t) const
{
    auto it = held_.find(t);
    return it == held_.end() ? 0 : (int)it->second.size();
}

int Lockdep::current_depth() const { return depth(&current_task(k_)); }

void Lockdep::print_held_locks(const Task *t)
{
    int n = depth(t);
    if (!n) {
        emit(strprintf("no locks held by %s/%d.", t->ts.comm, t->ts.pid));
        return;
    }
    emit(strprintf("%d lock%s held by %s/%d:", n, n > 1 ? "s" : "", t->ts.comm, t->ts.pid));
    const std::vector<HeldLock> &stack = held_.at(t);
    for (size_t i = 0; i < stack.size(); ++i)
        emit(strprintf(" #%zu: ", i) + held_line(stack[i]));
}

void Lockdep::print_all_held_locks()
{
    for (auto &t : k_.sched().tasks())
        if (t->alive() && depth(t.get()))
            print_held_locks(t.get());
}

bool Lockdep::any_held() const
{
    for (auto &t : k_.sched().tasks())
        if (t->alive() && depth(t.get()))
            return true;
    return false;
}

void Lockdep::check_no_locks_held()
{
    const Task &t = current_task(k_);
    if (depth(&t) && !off_)
        report_held_at_exit(t, false);
}

void Lockdep::task_exit(const Task &t, bool to_user)
{
    if (depth(&t) && !off_)
        report_held_at_exit(t, to_user);
    held_.erase(&t);
}

// print_held_locks_bug (do_exit) or lockdep_sys_exit (a syscall returning to user space).
void Lockdep::report_held_at_exit(const Task &t, bool to_user)
{
    if (to_user) {
        if (!open_report(ReportKind::LockHeldReturningToUser, "WARNING: lock held when returning to user space!", 0))
            return;
        emit(strprintf("%s/%d is leaving the kernel with locks still held!", t.ts.comm, t.ts.pid));
        print_held_locks(&t);
        return;
    }
    // print_held_locks_bug's rules are 36 wide whatever the name's length.
    if (!open_report(ReportKind::LocksHeldAtExit, strprintf("WARNING: %s/%d still has locks held!", t.ts.comm, t.ts.pid), 0, 36))
        return;
    print_held_locks(&t);
    emit("");
    emit("stack backtrace:");
    k_.reports().dump_stack(4, 2);
}

void Lockdep::assert_failed(const char *file, int line, uintptr_t ip)
{
    k_.reports().warn(file, line, ip, {}, ReportKind::LockdepAssert);
}

// The opening of the recursive and circular splats. The first report turns lock debugging
// off, as in the kernel; returns nullptr when it is already off (or the kind is silenced).
const Task *Lockdep::begin_report(ReportKind kind, const char *title, const HeldLock &next, const HeldLock &prev)
{
    if (!open_report(kind, title, next.ip))
        return nullptr;
    const Task &t = current_task(k_);
    emit(strprintf("%s/%d is trying to acquire lock:", t.ts.comm, t.ts.pid));
    emit(held_line(next));
    emit("");
    emit("but task is already holding lock:");
    emit(held_line(prev));
    emit("");
    return &t;
}

std::string Lockdep::irq_state() const
{
    const Task &t = current_task(k_);
    const unsigned pc = (unsigned)t.preempt_count;
    return strprintf("[HC%u[%u]:SC%u[%u]:HE%u:SE%u]", (pc & HARDIRQ_MASK) ? 1u : 0u,
                     (unsigned)((pc & HARDIRQ_MASK) >> HARDIRQ_SHIFT), (pc & SOFTIRQ_OFFSET) ? 1u : 0u,
                     (unsigned)((pc & SOFTIRQ_MASK) >> SOFTIRQ_SHIFT),
                     t.irqs_off == 0 && !(pc & HARDIRQ_MASK) ? 1u : 0u, (pc & SOFTIRQ_MASK) ? 0u : 1u);
}

// check_wait_context: the strictest wait type among the locks held in this irq context (and
// the context's own: a hardirq handler spins, a softirq is LD_WAIT_CONFIG, which is
// LD_WAIT_SPIN without PREEMPT_RT) must allow next's.
bool Lockdep::check_wait_context(const std::vector<HeldLock> &stack, const HeldLock &next)
{
    const unsigned next_inner = classes_[next.cls].wait_type & 0xf;
    const unsigned next_outer = (classes_[next.cls].wait_type >> 4) ? (classes_[next.cls].wait_type >> 4) : next_inner;
    if (!next_inner || next.trylock)
        return true;
    const unsigned context = next.irq_context ? LD_WAIT_SPIN : LD_WAIT_SLEEP + 1;   // LD_WAIT_MAX in a task
    unsigned curr_inner = context;
    for (size_t i = stack.size(); i-- > 0 && stack[i].irq_context == next.irq_context;)
        if (stack[i].cls >= 0 && (classes_[stack[i].cls].wait_type & 0xf))
            curr_inner = std::min(curr_inner, classes_[stack[i].cls].wait_type & 0xfu);
    if (next_outer <= curr_inner)
        return true;
    const Task &t = current_task(k_);
    if (!open_report(ReportKind::InvalidWaitContext, "[ BUG: Invalid wait context ]", next.ip))
        return false;
    emit(strprintf("%s/%d is trying to lock:", t.ts.comm, t.ts.pid));
    emit(held_line(next));
    emit("other info that might help us debug this:");
    emit(strprintf("context-{%u:%u}", context, context));
    print_held_locks(&t);
    emit("stack backtrace:");
    k_.reports().dump_stack(4, 3);
    return false;
}

// print_usage_bug: h's class was used as prev_bit says and is now used as new_bit says.
void Lockdep::report_usage(const HeldLock &h, unsigned prev_bit, unsigned new_bit)
{
    if (!open_report(ReportKind::InconsistentLockState, "WARNING: inconsistent lock state", h.ip))
        return;
    const Task &t = current_task(k_);
    emit(strprintf("inconsistent {%s} -> {%s} usage.", kUsageStr[prev_bit], kUsageStr[new_bit]));
    emit(strprintf("%s/%d %s takes:", t.ts.comm, t.ts.pid, irq_state().c_str()));
    emit(held_line(h));
    emit(strprintf("{%s} state was registered at:", kUsageStr[prev_bit]));
    print_trace(classes_[h.cls].usage_trace[prev_bit], 2);
    emit("");
    emit("other info that might help us debug this:");
    emit(" Possible unsafe locking scenario:");
    emit("");
    emit("       CPU0");
    emit("       ----");
    emit("  lock(" + lock_name(h.cls) + ");");
    emit("  <Interrupt>");
    emit("    lock(" + lock_name(h.cls) + ");");
    emit("");
    emit(" *** DEADLOCK ***");
    emit("");
    print_held_locks(&t);
    emit("");
    emit("stack backtrace:");
    k_.reports().dump_stack(4, 4);
}

void Lockdep::report_recursive(const HeldLock &next, const HeldLock &prev)
{
    const Task *t = begin_report(ReportKind::RecursiveLocking, "WARNING: possible recursive locking detected", next, prev);
    if (!t)
        return;
    emit("other info that might help us debug this:");
    emit(" Possible unsafe locking scenario:");
    emit("");
    emit("       CPU0");
    emit("       ----");
    emit("  lock(" + lock_name(prev.cls) + ");");
    emit("  lock(" + lock_name(next.cls) + ");");
    emit("");
    emit(" *** DEADLOCK ***");
    emit("");
    emit(" May be due to missing lock nesting notation");
    emit("");
    print_held_locks(t);
    emit("");
    emit("stack backtrace:");
    k_.reports().dump_stack(4, 2);
}

void Lockdep::report_circular(const HeldLock &next, const HeldLock &prev, const std::vector<int> &path)
{
    const Task *t = begin_report(ReportKind::CircularLocking, "WARNING: possible circular locking dependency detected", next, prev);
    if (!t)
        return;
    emit("which lock already depends on the new lock.");
    emit("");
    emit("");
    emit("the existing dependency chain (in reverse order) is:");
    // path: next's class ... prev's class; entry #i is path[i], with the trace of the edge
    // that made it depend on path[i-1]; #0 is the lock being taken now.
    for (size_t i = path.size(); i-- > 1;) {
        emit("");
        emit(strprintf("-> #%zu ", i) + class_desc(path[i]) + ":");
        for (const Edge &e : classes_[path[i - 1]].after)
            if (e.to == path[i]) {
                print_trace(e.trace);
                break;
            }
    }
    emit("");
    emit("-> #0 " + class_desc(path[0]) + ":");
    print_trace(capture_backtrace(1));
    emit("");
    emit("other info that might help us debug this:");
    emit("");
    int source = path.front(), target = path.back(), parent = path[path.size() - 2];
    if (parent != source) {
        emit("Chain exists of:");
        emit("  " + lock_name(source) + " --> " + lock_name(parent) + " --> " + lock_name(target));
        emit("");
    }
    emit(" Possible unsafe locking scenario:");
    emit("");
    emit("       CPU0                    CPU1");
    emit("       ----                    ----");
    // The locks this task takes show as rlock() when taken shared, as print_circular_lock_scenario.
    emit((prev.read ? "  rlock(" : "  lock(") + lock_name(target) + ");");
    emit("                               lock(" + lock_name(parent) + ");");
    emit("                               lock(" + lock_name(target) + ");");
    emit((next.read ? "  rlock(" : "  lock(") + lock_name(source) + ");");
    emit("");
    emit(" *** DEADLOCK ***");
    emit("");
    print_held_locks(t);
    emit("");
    emit("stack backtrace:");
    k_.reports().dump_stack(4, 2);
}

void Lockdep::free_key_range(uintptr_t lo, uintptr_t hi)
{
    std::vector<bool> dead(classes_.size(), false);
    for (auto it = by_key_.begin(); it != by_key_.end();) {
        uintptr_t key = (uintptr_t)it->first.first;
        if (key >= lo && key < hi) {
            dead[it->second] = true;
            classes_[it->second].after.clear();
            classes_[it->second].before.clear();
            it = by_key_.erase(it);
        } else {
            ++it;
        }
    }
    for (Class &c : classes_) {
        c.after.erase(std::remove_if(c.after.begin(), c.after.end(),
                                     [&dead](const Edge &e) { return dead[e.to]; }),
                      c.after.end());
        c.before.erase(std::remove_if(c.before.begin(), c.before.end(), [&dead](int from) { return dead[from]; }),
                       c.before.end());
    }
}

}  // namespace kshim
