// Where a run's trace goes: the runner's --trace, --trace-text and --timeline.
#pragma once

#include <string>

namespace kshim {

class Kernel;

struct TraceOutputs {
    std::string json;          // --trace FILE.json: the trace-event JSON
    bool text = false;         // --trace-text: ftrace's text, on stdout after the log ...
    std::string text_path;     // ... or --trace-text=FILE into FILE
    std::string timeline;      // --timeline FILE.html
    bool any() const { return !json.empty() || text || !timeline.empty(); }
};

// Writes every output asked for, from the tracer's record of the run so far (the run ends now).
// title names the run in the timeline. A file that cannot be written is reported on stderr.
// Host thread, after the last rmmod. Returns false if any could not be written.
bool write_trace_outputs(Kernel &k, const TraceOutputs &out, const std::string &title);

}  // namespace kshim
