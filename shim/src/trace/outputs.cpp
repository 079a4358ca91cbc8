// Writes the run's trace outputs: the JSON, the ftrace text and the timeline page.
#include "trace/outputs.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "debug/report.hpp"
#include "kernel.hpp"
#include "printk/log.hpp"
#include "trace/sinks.hpp"
#include "trace/tracer.hpp"

namespace kshim {

namespace {

bool write_file(const std::string &path, const std::string &text)
{
    std::FILE *f = std::fopen(path.c_str(), "w");
    bool ok = f && std::fwrite(text.data(), 1, text.size(), f) == text.size();
    if (f && std::fclose(f) != 0)
        ok = false;
    if (!ok)
        std::fprintf(stderr, "kshim: cannot write %s: %s\n", path.c_str(), std::strerror(errno));
    return ok;
}

std::vector<TimelineLine> log_lines(Kernel &k)
{
    std::vector<TimelineLine> out;
    for (const LogRecord *r : k.log().records())
        out.push_back({r->ts_ns, r->caller, r->level, std::string(k.log().text(*r))});
    return out;
}

// Each report at the time of the first line not yet taken that carries its headline.
std::vector<TimelineReport> reports_of(Kernel &k, const std::vector<TimelineLine> &log)
{
    std::vector<TimelineReport> out;
    size_t from = 0;
    for (const ReportRecord &r : k.reports().records()) {
        TimelineReport t{k.clock().now(), r.pid, kReportKinds[(unsigned)r.kind].name, r.text};
        for (size_t i = from; i < log.size(); ++i)
            if (!r.text.empty() && log[i].text.find(r.text) != std::string::npos) {
                t.ns = log[i].ns;
                from = i + 1;
                break;
            }
        out.push_back(std::move(t));
    }
    return out;
}

}  // namespace

bool write_trace_outputs(Kernel &k, const TraceOutputs &out, const std::string &title)
{
    Tracer &tr = k.trace();
    tr.finish();
    const uint64_t end = k.clock().now();
    bool ok = true;
    if (!out.json.empty())
        ok &= write_file(out.json, trace_json(tr, end));
    if (!out.timeline.empty()) {
        const std::vector<TimelineLine> log = log_lines(k);
        ok &= write_file(out.timeline, timeline_html(tr, end, log, reports_of(k, log), title));
    }
    if (out.text && !out.text_path.empty()) {
        ok &= write_file(out.text_path, ftrace_text(tr));
    } else if (out.text) {
        k.log().flush();
        const std::string text = ftrace_text(tr);
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);
    }
    return ok;
}

}  // namespace kshim
