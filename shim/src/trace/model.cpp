// Builds the trace model: per-track stacks pair entries with exits, switches with sleeps.
#include "trace/model.hpp"

#include <map>
#include <unordered_map>

#include "printk/strprintf.hpp"
#include "sched/task.hpp"
#include "trace/tracer.hpp"

namespace kshim {

namespace {

// What a sleeping task waits on, as its sleep bar's name and category ("lock" for the lock waits).
std::pair<const char *, const char *> sleep_kind(int64_t kind)
{
    switch ((WaitKind)kind) {
    case WaitKind::Mutex: return {"mutex wait", "lock"};
    case WaitKind::Semaphore: return {"semaphore wait", "lock"};
    case WaitKind::RwSem: return {"rwsem wait", "lock"};
    case WaitKind::Completion: return {"completion wait", "sleep"};
    case WaitKind::WaitQueue: return {"wait queue", "sleep"};
    case WaitKind::KthreadStop: return {"kthread_stop wait", "sleep"};
    case WaitKind::KthreadPark: return {"kthread_park wait", "sleep"};
    case WaitKind::Work: return {"flush_work wait", "sleep"};
    case WaitKind::Workqueue: return {"flush_workqueue wait", "sleep"};
    default: return {"sleep", "sleep"};
    }
}

const char *const kSoftirqNames[] = {"HI", "TIMER", "NET_TX", "NET_RX", "BLOCK", "IRQ_POLL", "TASKLET", "SCHED", "HRTIMER", "RCU"};

// One pass over the events in time order.
class Builder {
public:
    Builder(const Tracer &t, uint64_t end_ns) : t_(t)
    {
        m_.end_ns = end_ns;
        for (unsigned c = 0; c < t.cpus(); ++c)
            m_.tracks.push_back({true, (int)c, strprintf("CPU %u", c)});
        open_.resize(t.cpus());
    }
    TraceModel build();

private:
    size_t cpu_track(unsigned cpu) const { return cpu; }
    size_t task_track(int pid);
    // A task's track, or its CPU's for the idle context.
    size_t ctx_track(const TraceEvent &e) { return e.pid ? task_track(e.pid) : cpu_track(e.cpu); }
    TraceSlice &open(size_t track, uint64_t ns, std::string name, std::string cat);
    void close(size_t track, uint64_t ns, const std::string &cat);
    void close_all(size_t track, uint64_t ns);
    TraceMark &mark(size_t track, const TraceEvent &e, std::string name, std::string cat);
    void depth(uint64_t ns, const std::string &wq, int delta);
    void sched_switch(const TraceEvent &e);
    void workqueue(const TraceEvent &e);
    void callback(const TraceEvent &e);
    void one(const TraceEvent &e);

    const Tracer &t_;
    TraceModel m_;
    std::vector<std::vector<size_t>> open_;   // per track: its open slices, innermost last
    std::unordered_map<int, size_t> tasks_;
    std::unordered_map<const void *, std::pair<uint64_t, std::string>> queued_;   // work: flow, workqueue
    std::map<std::string, int64_t> depth_;
    uint64_t flows_ = 0;
};

size_t Builder::task_track(int pid)
{
    auto [it, fresh] = tasks_.try_emplace(pid, m_.tracks.size());
    if (fresh) {
        m_.tracks.push_back({false, pid, t_.comm_of(pid)});
        open_.emplace_back();
    }
    return it->second;
}

TraceSlice &Builder::open(size_t track, uint64_t ns, std::string name, std::string cat)
{
    open_[track].push_back(m_.slices.size());
    TraceSlice &s = m_.slices.emplace_back();
    s.track = track;
    s.start = s.end = ns;
    s.name = std::move(name);
    s.cat = std::move(cat);
    return s;
}

// Ends the innermost open slice of cat on track, and any opened inside it.
void Builder::close(size_t track, uint64_t ns, const std::string &cat)
{
    std::vector<size_t> &st = open_[track];
    for (size_t i = st.size(); i-- > 0;) {
        if (m_.slices[st[i]].cat != cat)
            continue;
        for (size_t j = i; j < st.size(); ++j)
            m_.slices[st[j]].end = ns;
        st.resize(i);
        return;
    }
}

void Builder::close_all(size_t track, uint64_t ns)
{
    for (size_t i : open_[track])
        m_.slices[i].end = ns;
    open_[track].clear();
}

TraceMark &Builder::mark(size_t track, const TraceEvent &e, std::string name, std::string cat)
{
    TraceMark &k = m_.marks.emplace_back();
    k.track = track;
    k.ns = e.ns;
    k.name = std::move(name);
    k.cat = std::move(cat);
    return k;
}

void Builder::depth(uint64_t ns, const std::string &wq, int delta)
{
    int64_t &d = depth_[wq];
    d = std::max<int64_t>(0, d + delta);
    m_.counters.push_back({ns, "queue depth " + wq, d});
}

// The CPU's running bar passes from prev to next; prev's sleep bar starts unless it was
// preempted or ended, next's ends.
void Builder::sched_switch(const TraceEvent &e)
{
    const size_t cpu = cpu_track(e.cpu);
    close_all(cpu, e.ns);
    if (e.pid && !(e.b & 0x100) && !(e.b & 0x10)) {
        auto [name, cat] = e.b & 0x80 ? std::pair<const char *, const char *>{"idle", "idle"} : sleep_kind(e.e);
        TraceSlice &s = open(task_track(e.pid), e.ns, name, cat);
        s.args.push_back({"prev_state", e.b & 0x2 ? "D" : e.b & 0x1 ? "S" : strprintf("0x%llx", (unsigned long long)e.b)});
        if (e.obj)
            s.args.push_back({"on", strprintf("%p", e.obj)});
    }
    if (!e.c)
        return;
    const size_t next = task_track((int)e.c);
    close(next, e.ns, "sleep");
    close(next, e.ns, "idle");
    close(next, e.ns, "lock");
    TraceSlice &run = open(cpu, e.ns, e.str, "running");
    run.args.push_back({"pid", std::to_string(e.c)});
}

// Queueing starts a flow and raises the queue depth; the start ends the flow in its slice.
void Builder::workqueue(const TraceEvent &e)
{
    const std::string work = strprintf("%p", e.obj);
    if (e.ev == TraceEv::WqQueueWork) {
        TraceMark &k = mark(ctx_track(e), e, trace_event_name(e.ev), "workqueue");
        k.args = {{"work", work}, {"function", e.fn}, {"workqueue", e.str}, {"req_cpu", std::to_string(e.a)},
                  {"cpu", std::to_string(e.b)}};
        k.flow_out = ++flows_;
        queued_[e.obj] = {k.flow_out, e.str};
        depth(e.ns, e.str, +1);
    } else if (e.ev == TraceEv::WqActivateWork) {
        mark(ctx_track(e), e, trace_event_name(e.ev), "workqueue").args = {{"work", work}};
    } else if (e.ev == TraceEv::WqExecuteStart) {
        TraceSlice &s = open(ctx_track(e), e.ns, e.fn, "workqueue");
        s.args = {{"work", work}, {"begin", "workqueue_execute_start"}, {"end", "workqueue_execute_end"}};
        if (auto it = queued_.find(e.obj); it != queued_.end()) {
            s.flow_in = it->second.first;
            s.args.push_back({"workqueue", it->second.second});
            depth(e.ns, it->second.second, -1);
            queued_.erase(it);
        }
    } else {
        close(ctx_track(e), e.ns, "workqueue");
    }
}

// Callbacks in interrupt and softirq context: bars on the CPU's track.
void Builder::callback(const TraceEvent &e)
{
    const size_t cpu = cpu_track(e.cpu);
    switch (e.ev) {
    case TraceEv::TimerExpireEntry: open(cpu, e.ns, e.fn, "timer").args = {{"timer", strprintf("%p", e.obj)}}; break;
    case TraceEv::HrtimerExpireEntry: open(cpu, e.ns, e.fn, "hrtimer").args = {{"hrtimer", strprintf("%p", e.obj)}}; break;
    case TraceEv::IrqHandlerEntry: open(cpu, e.ns, strprintf("irq %d: %s", (int)e.a, e.str.c_str()), "irq"); break;
    case TraceEv::SoftirqEntry:
        open(cpu, e.ns, std::string("softirq ") + kSoftirqNames[e.a % 10], "softirq");
        break;
    case TraceEv::TaskletEntry: open(cpu, e.ns, e.fn, "tasklet").args = {{"tasklet", e.str}}; break;
    case TraceEv::TimerExpireExit: close(cpu, e.ns, "timer"); break;
    case TraceEv::HrtimerExpireExit: close(cpu, e.ns, "hrtimer"); break;
    case TraceEv::IrqHandlerExit: close(cpu, e.ns, "irq"); break;
    case TraceEv::SoftirqExit: close(cpu, e.ns, "softirq"); break;
    default: close(cpu, e.ns, "tasklet"); break;
    }
}

void Builder::one(const TraceEvent &e)
{
    switch (e.ev) {
    case TraceEv::SchedSwitch:
        sched_switch(e);
        break;
    case TraceEv::SchedWakeup:
        mark(task_track((int)e.a), e, trace_event_name(e.ev), "sched").args = {
            {"by", t_.comm_of(e.pid) + "-" + std::to_string(e.pid)}, {"target_cpu", std::to_string(e.c)}};
        break;
    case TraceEv::WqQueueWork:
    case TraceEv::WqActivateWork:
    case TraceEv::WqExecuteStart:
    case TraceEv::WqExecuteEnd:
        workqueue(e);
        break;
    case TraceEv::TimerStart:
    case TraceEv::HrtimerStart:
        mark(ctx_track(e), e, trace_event_name(e.ev), "timer").args = {{"function", e.fn}, {"timer", strprintf("%p", e.obj)}};
        break;
    default:
        callback(e);
        break;
    }
}

TraceModel Builder::build()
{
    for (const TraceEvent &e : t_.events())
        one(e);
    for (size_t track = 0; track < open_.size(); ++track)
        close_all(track, m_.end_ns);
    return std::move(m_);
}

}  // namespace

TraceModel build_trace_model(const Tracer &t, uint64_t end_ns) { return Builder(t, end_ns).build(); }

std::string json_escape(const std::string &s)
{
    std::string out;
    out.reserve(s.size());
    for (unsigned char c : s) {
        if (c == '"' || c == '\\')
            out += {'\\', (char)c};
        else if (c == '\n')
            out += "\\n";
        else if (c < 0x20 || c == '<')
            out += strprintf("\\u%04x", c);
        else
            out += (char)c;
    }
    return out;
}

}  // namespace kshim
