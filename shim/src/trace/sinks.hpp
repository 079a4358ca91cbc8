// The tracer's outputs: ftrace's text, Chrome/Perfetto trace-event JSON, the HTML timeline.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kshim {

class Tracer;
struct TraceEvent;

// The trace as /sys/kernel/tracing/trace prints it in 6.1 with the nop tracer: the header,
// then one line per event (TASK-PID, [CPU], the flags field, SECONDS.MICROS, name, format).
// Call after Tracer::finish(). Host thread.
std::string ftrace_text(const Tracer &t);
// The event part of one line, after "NAME: " (the event's TP_printk output).
std::string ftrace_format(const TraceEvent &e);

// A printk record for the timeline: when, by whom, what.
struct TimelineLine {
    uint64_t ns = 0;
    int pid = 0;
    int level = 6;
    std::string text;
};
// A bug report for the timeline: when (the printk line of its headline) and its headline.
struct TimelineReport {
    uint64_t ns = 0;
    int pid = 0;
    std::string kind, text;
};

// The trace-event JSON object ({"traceEvents": [...]}): one track per virtual CPU (process
// "CPUs") and per task (process "tasks"), X slices, instants, flows from queueing to execution,
// queue-depth counters. Timestamps in microseconds of the kernel clock. end_ns closes what is
// still open. Call after Tracer::finish(). Host thread.
std::string trace_json(const Tracer &t, uint64_t end_ns);
// A self-contained HTML page (inline script, SVG, no network) drawing the same run: a row per
// CPU and per task, work items, sleeps, IRQs and reports as coloured bars, printk lines as
// markers, names on hover. Host thread.
std::string timeline_html(const Tracer &t, uint64_t end_ns, const std::vector<TimelineLine> &log,
                          const std::vector<TimelineReport> &reports, const std::string &title);

}  // namespace kshim
