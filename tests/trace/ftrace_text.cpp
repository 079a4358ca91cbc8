// Tests for the ftrace text sink (shim/src/trace/ftrace_text.cpp): 6.1's header, columns and formats, on the seed module.
#include <unistd.h>

#include <cstdio>
#include <regex>
#include <string>
#include <vector>

#include "support/subprocess.hpp"

#undef WARN
#include <catch2/catch.hpp>

using kshim_test::lines_of;
using kshim_test::run_process;
using kshim_test::sample_bin;

namespace {

// The seed module's run for 5 virtual seconds with --trace-text: its stdout as lines.
std::vector<std::string> seed_trace(const std::vector<std::string> &extra = {})
{
    std::vector<std::string> argv = {sample_bin("custom_workqueue"), "--time", "virtual", "--run-for", "5s", "--trace-text"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    kshim_test::ProcResult r = run_process(argv);
    REQUIRE(r.exit_code == 0);
    return lines_of(r.out);
}

// Hashed pointers (module statics move with ASLR) as P.
std::string mask(const std::string &line)
{
    static const std::regex ptr("[0-9a-f]{16}");
    return std::regex_replace(line, ptr, "P");
}

// A trace line: TASK-PID, [CPU], the five flag columns, SECONDS.MICROS, the event and its text.
const std::regex &line_layout()
{
    static const std::regex layout(R"(^ *[^ ].{0,15}-\d+ +\[\d{3}\] [.dDb][.nNp][.hHs][.0-9a-f]\. +\d+\.\d{6}: [a-z_]+: .+$)");
    return layout;
}

bool has_line(const std::vector<std::string> &lines, const std::string &want)
{
    for (const std::string &l : lines)
        if (mask(l) == want)
            return true;
    return false;
}

}  // namespace

TEST_CASE("A run with --trace-text prints 6.1's nop-tracer header after the log", "[trace]")
{
    const auto lines = seed_trace();
    size_t at = 0;
    while (at < lines.size() && lines[at] != "# tracer: nop")
        ++at;
    REQUIRE(at + 12 <= lines.size());
    CHECK(lines[at - 1].find("kshim: reports by kind") != std::string::npos);   // the log comes first
    const std::vector<std::string> want = {
        "# tracer: nop",
        "#",
        "# entries-in-buffer/entries-written: 34/34   #P:2",
        "#",
        "#                                _-----=> irqs-off/BH-disabled",
        "#                               / _----=> need-resched",
        "#                              | / _---=> hardirq/softirq",
        "#                              || / _--=> preempt-depth",
        "#                              ||| / _-=> migrate-disable",
        "#                              |||| /     delay",
        "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION",
        "#              | |         |   |||||     |         |",
    };
    for (size_t i = 0; i < want.size(); ++i)
        CHECK(lines[at + i] == want[i]);
}

TEST_CASE("The --trace-text header is the real kernel's, but for the counts", "[trace]")
{
    const auto kernel = lines_of(kshim_test::read_file(std::string(KSHIM_ORACLE_LOGS) + "/custom_workqueue.trace.kernel.txt"));
    const auto ours = seed_trace();
    size_t at = 0;
    while (at < ours.size() && ours[at] != "# tracer: nop")
        ++at;
    REQUIRE(kernel.size() >= 12);
    REQUIRE(at + 12 <= ours.size());
    static const std::regex counts(R"(\d+/\d+   #P:\d+)");
    for (size_t i = 0; i < 12; ++i)
        CHECK(std::regex_replace(ours[at + i], counts, "N/N   #P:N") == std::regex_replace(kernel[i], counts, "N/N   #P:N"));
}

TEST_CASE("The real kernel's trace lines have the columns kshim's are checked against", "[trace]")
{
    const auto kernel = lines_of(kshim_test::read_file(std::string(KSHIM_ORACLE_LOGS) + "/custom_workqueue.trace.kernel.txt"));
    size_t events = 0;
    for (const std::string &l : kernel) {
        if (l.empty() || l[0] == '#')
            continue;
        ++events;
        INFO(l);
        CHECK(std::regex_match(l, line_layout()));
    }
    CHECK(events > 20);
}

TEST_CASE("The lines --trace-text prints have ftrace's columns: TASK-PID, [CPU], flags, seconds.micros, event", "[trace]")
{
    const auto lines = seed_trace();
    size_t events = 0;
    for (const std::string &l : lines) {
        if (l.empty() || l[0] == '#' || l[0] == '[')
            continue;
        ++events;
        INFO(l);
        CHECK(std::regex_match(l, line_layout()));
        CHECK(l.find('-') >= 16);   // the comm is right-aligned in 16 columns
    }
    CHECK(events == 34);
}

TEST_CASE("A run with --trace-text prints the seed module's work items and switches in 6.1's event formats", "[trace]")
{
    const auto lines = seed_trace();
    CHECK(has_line(lines, "        mythread-101     [000] d..1.     2.016000: workqueue_queue_work: work struct=P "
                          "function=do_work1 [custom_workqueue] workqueue=wanghb_queue req_cpu=8192 cpu=0"));
    CHECK(has_line(lines, "        mythread-101     [000] d..1.     2.016000: workqueue_activate_work: work struct P"));
    CHECK(has_line(lines, "     kworker/0:0-102     [000] .....     2.016000: workqueue_execute_start: work struct P: "
                          "function do_work1 [custom_workqueue]"));
    CHECK(has_line(lines, "     kworker/0:0-102     [000] .....     4.032000: workqueue_execute_end: work struct P: "
                          "function do_work2 [custom_workqueue]"));
    CHECK(has_line(lines, "        mythread-101     [000] d..2.     2.016000: sched_switch: prev_comm=mythread prev_pid=101 "
                          "prev_prio=120 prev_state=D ==> next_comm=kworker/0:0 next_pid=102 next_prio=120"));
    CHECK(has_line(lines, "          <idle>-0       [000] d..2.     2.016000: sched_switch: prev_comm=swapper/0 prev_pid=0 "
                          "prev_prio=120 prev_state=R ==> next_comm=mythread next_pid=101 next_prio=120"));
    CHECK(has_line(lines, "          <idle>-0       [000] d..3.     2.016000: sched_wakeup: comm=mythread pid=101 prio=120 "
                          "target_cpu=000"));
}

TEST_CASE("A run with --trace-text=FILE writes the trace into FILE and leaves stdout to the log", "[trace]")
{
    const std::string path = "/tmp/kshim_trace_text_" + std::to_string(::getpid()) + ".txt";
    const auto lines = seed_trace({"--trace-text=" + path});
    (void)lines;
    const auto text = lines_of(kshim_test::read_file(path));
    std::remove(path.c_str());
    REQUIRE(text.size() == 12 + 34);
    CHECK(text[0] == "# tracer: nop");
    bool header_on_stdout = false;
    for (const std::string &l : seed_trace({"--trace-text=" + path}))
        header_on_stdout |= l == "# tracer: nop";
    std::remove(path.c_str());
    CHECK_FALSE(header_on_stdout);
}
