// The trace-event JSON (Chrome's format, which Perfetto and chrome://tracing open).
#include <string>

#include "printk/strprintf.hpp"
#include "trace/model.hpp"
#include "trace/sinks.hpp"
#include "trace/tracer.hpp"

namespace kshim {

namespace {

// The two processes the tracks belong to: the virtual CPUs, and the kernel's tasks.
constexpr int kCpuPid = 1, kTaskPid = 2;

std::string us(uint64_t ns) { return strprintf("%llu.%03llu", (unsigned long long)(ns / 1000), (unsigned long long)(ns % 1000)); }

std::string quoted(const std::string &s) { return "\"" + json_escape(s) + "\""; }

// "pid":P,"tid":T of a track.
std::string where(const TraceTrack &t) { return strprintf("\"pid\":%d,\"tid\":%d", t.cpu ? kCpuPid : kTaskPid, t.id); }

std::string args_of(const std::vector<TraceArg> &args)
{
    std::string out = "{";
    for (const TraceArg &a : args)
        out += (out.size() > 1 ? "," : "") + quoted(a.key) + ":" + quoted(a.value);
    return out + "}";
}

// The M events: process and thread names, and an order that lists CPUs by number, tasks by pid.
void metadata(const TraceModel &m, std::string &out)
{
    out += strprintf("{\"name\":\"process_name\",\"ph\":\"M\",\"ts\":0,\"pid\":%d,\"tid\":0,\"args\":{\"name\":\"CPUs\"}},\n", kCpuPid);
    out += strprintf("{\"name\":\"process_name\",\"ph\":\"M\",\"ts\":0,\"pid\":%d,\"tid\":0,\"args\":{\"name\":\"tasks\"}},\n", kTaskPid);
    for (const TraceTrack &t : m.tracks) {
        out += "{\"name\":\"thread_name\",\"ph\":\"M\",\"ts\":0," + where(t) + ",\"args\":{\"name\":" + quoted(t.name) + "}},\n";
        out += "{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"ts\":0," + where(t) +
               strprintf(",\"args\":{\"sort_index\":%d}},\n", t.id);
    }
}

void slices(const TraceModel &m, std::string &out)
{
    for (const TraceSlice &s : m.slices) {
        const std::string at = where(m.tracks[s.track]);
        out += "{\"name\":" + quoted(s.name) + ",\"cat\":" + quoted(s.cat) + ",\"ph\":\"X\",\"ts\":" + us(s.start) +
               ",\"dur\":" + us(s.end - s.start) + "," + at + ",\"args\":" + args_of(s.args) + "},\n";
        if (s.flow_in)   // binds to this slice, which starts here
            out += strprintf("{\"name\":\"work\",\"cat\":\"workqueue\",\"ph\":\"f\",\"bp\":\"e\",\"id\":%llu,\"ts\":",
                             (unsigned long long)s.flow_in) + us(s.start) + "," + at + "},\n";
    }
}

// Instants; one that starts a flow is a zero-length slice the flow can leave from.
void marks(const TraceModel &m, std::string &out)
{
    for (const TraceMark &k : m.marks) {
        const std::string at = where(m.tracks[k.track]);
        const std::string head = "{\"name\":" + quoted(k.name) + ",\"cat\":" + quoted(k.cat) + ",\"ts\":" + us(k.ns) + "," + at;
        if (!k.flow_out) {
            out += head + ",\"ph\":\"i\",\"s\":\"t\",\"args\":" + args_of(k.args) + "},\n";
            continue;
        }
        out += head + ",\"ph\":\"X\",\"dur\":0,\"args\":" + args_of(k.args) + "},\n";
        out += strprintf("{\"name\":\"work\",\"cat\":\"workqueue\",\"ph\":\"s\",\"id\":%llu,\"ts\":",
                         (unsigned long long)k.flow_out) + us(k.ns) + "," + at + "},\n";
    }
}

void counters(const TraceModel &m, std::string &out)
{
    for (const TraceCounter &c : m.counters)
        out += "{\"name\":" + quoted(c.name) + ",\"ph\":\"C\",\"ts\":" + us(c.ns) +
               strprintf(",\"pid\":%d,\"tid\":0,\"args\":{\"depth\":%lld}},\n", kCpuPid, (long long)c.value);
}

}  // namespace

std::string trace_json(const Tracer &t, uint64_t end_ns)
{
    const TraceModel m = build_trace_model(t, end_ns);
    std::string out = "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"producer\":\"kshim\",\"clock\":\"kernel (virtual or real) time, microseconds\"},\n\"traceEvents\":[\n";
    metadata(m, out);
    slices(m, out);
    marks(m, out);
    counters(m, out);
    out.resize(out.size() - 2);   // the last ",\n"
    out += "\n]}\n";
    return out;
}

}  // namespace kshim
