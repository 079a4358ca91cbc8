// The run as tracks, slices, marks and counters: what the JSON and the timeline both draw.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace kshim {

class Tracer;

struct TraceTrack {
    bool cpu = false;   // a virtual CPU's track (id = the CPU), else a task's (id = its pid)
    int id = 0;
    std::string name;   // "CPU 0", or the task's comm
};
struct TraceArg {
    std::string key, value;
};
// Something that lasted: a task running on a CPU, a work item, a callback, a sleep, a lock wait.
struct TraceSlice {
    size_t track = 0;
    uint64_t start = 0, end = 0;
    std::string name, cat;
    std::vector<TraceArg> args;
    uint64_t flow_in = 0;   // the flow (from a workqueue_queue_work) this slice ends, 0 for none
};
// Something that happened at an instant: queueing, arming, a wake-up.
struct TraceMark {
    size_t track = 0;
    uint64_t ns = 0;
    std::string name, cat;
    std::vector<TraceArg> args;
    uint64_t flow_out = 0;  // the flow this mark starts, 0 for none
};
struct TraceCounter {
    uint64_t ns = 0;
    std::string name;
    int64_t value = 0;
};

struct TraceModel {
    std::vector<TraceTrack> tracks;   // the CPUs first, then tasks in order of appearance
    std::vector<TraceSlice> slices;
    std::vector<TraceMark> marks;
    std::vector<TraceCounter> counters;
    uint64_t end_ns = 0;
};

// Pairs entries with exits and switches with sleeps; what is still open at end_ns ends there.
// Call after Tracer::finish(). Host thread.
TraceModel build_trace_model(const Tracer &t, uint64_t end_ns);
// s as the body of a JSON string (quotes, backslashes, control characters escaped; '<' too,
// so that the text may sit inside an HTML script element).
std::string json_escape(const std::string &s);

}  // namespace kshim
