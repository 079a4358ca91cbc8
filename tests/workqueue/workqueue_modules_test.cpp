// Workqueue tests driven through C test modules (tests/modules/wq_*.c): the kernel probe, self-freeing items, leaks, the API tour.
#include <catch2/catch.hpp>

#include <cstdio>
#include <unistd.h>
#include <string>
#include <vector>

#include "kshim/testing.hpp"
#include "support/subprocess.hpp"

using kshim::testing::TestKernel;
using namespace kshim_test;

namespace {

size_t count_lines(const TestKernel &k, const std::string &needle)
{
    size_t n = 0;
    for (const auto &t : k.log_texts())
        if (t.find(needle) != std::string::npos)
            ++n;
    return n;
}

// The index of the first log text equal to `text`, or -1.
long index_of(const std::vector<std::string> &texts, const std::string &text)
{
    for (size_t i = 0; i < texts.size(); ++i)
        if (texts[i] == text)
            return (long)i;
    return -1;
}

const std::string kProbeLog = std::string(KSHIM_ORACLE_LOGS) + "/wq_semantics.kernel.txt";

}  // namespace

TEST_CASE("the wq_semantics probe prints the real kernel's lines in the kernel's order", "[workqueue]")
{
    ProcResult r = run_process({test_runner("wq_semantics"), "--time", "virtual", "--run-for", "5s"}, 20000);
    REQUIRE_FALSE(r.timed_out);
    REQUIRE(r.exit_code == 0);
    // Compare line by line (strict order) with the kernel's log.
    std::vector<std::string> want;
    for (const std::string &line : lines_of(read_file(kProbeLog)))
        if (!line.empty() && line[0] == '[')
            want.push_back(strip_timestamp(line));
    REQUIRE(want.size() == 20);
    std::vector<std::string> got;
    for (const std::string &line : lines_of(r.out + r.err))
        got.push_back(strip_timestamp(line));
    size_t at = 0;
    for (const std::string &w : want) {
        while (at < got.size() && got[at] != w)
            ++at;
        INFO("kernel line missing or out of order: " << w);
        REQUIRE(at < got.size());
        ++at;
    }
    // And with the project's comparison tool, when it and python are there.
    std::string path = "/tmp/kshim_wq_semantics_" + std::to_string(::getpid()) + ".txt";
    bool tool = ::access(KSHIM_COMPARE_TOOL, R_OK) == 0 && ::access("/usr/bin/python3", X_OK) == 0;
    if (FILE *f = tool ? std::fopen(path.c_str(), "w") : nullptr) {
        std::fputs((r.out + r.err).c_str(), f);
        std::fclose(f);
        ProcResult c = run_process({"/usr/bin/python3", KSHIM_COMPARE_TOOL, kProbeLog, path,
                                    "--strict-order"});
        std::remove(path.c_str());
        INFO(c.out << c.err);
        CHECK(c.exit_code == 0);
    }
}

TEST_CASE("work functions may free their own work items, even when the memory is reused at once", "[workqueue]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("wq_free_self"), {"rounds=8"}) == 0);
    REQUIRE(k.run_until_idle());
    auto texts = k.log_texts();
    for (int n = 0; n < 8; ++n)
        CHECK(index_of(texts, "job " + std::to_string(n) + " freed itself") >= 0);
    CHECK(count_lines(k, "refused") == 0);
    auto u = k.unload("wq_free_self");
    CHECK(u.error == 0);
    CHECK(u.leaks == 0);
    CHECK(k.bugs() == 0);
    CHECK(k.warnings() == 0);
}

TEST_CASE("a work function that leaks preemption or a lock is reported with the kernel's BUG text", "[workqueue]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("wq_leak")) == 0);
    k.run_until_idle();
    auto texts = k.log_texts();
    long first = -1, second = -1;
    for (size_t i = 0; i < texts.size(); ++i) {
        if (texts[i].rfind("BUG: workqueue leaked lock or atomic: kworker/0:", 0) == 0 && first < 0)
            first = (long)i;
        if (texts[i].rfind("BUG: workqueue leaked lock or atomic: kworker/1:", 0) == 0)
            second = (long)i;
    }
    REQUIRE(first >= 0);
    REQUIRE(second >= 0);
    // comm/preempt_count/pid, then the function's name.
    CHECK(texts[first].find("/0x00000001/") != std::string::npos);
    CHECK(texts[first + 1] == "     last function: leak_atomic_fn [wq_leak]");
    CHECK(texts[second].find("/0x00000001/") != std::string::npos);
    CHECK(texts[second + 1] == "     last function: leak_lock_fn [wq_leak]");
    CHECK(k.bugs() >= 2);
    // The worker goes on with a clean count afterwards.
    CHECK(index_of(texts, "clean work ran with preempt_count 0") >= 0);
}

TEST_CASE("the workqueue API from module code returns what Linux 6.1 returns", "[workqueue]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("wq_api")) == 0);
    k.run_until_idle();
    REQUIRE(k.unload("wq_api").error == 0);
    // The real kernel's log of this module (kernel-oracle, Linux 6.1, 2 CPUs).
    std::vector<std::string> want = {
        "queue_work_on: 1",
        "static work ran on CPU 1, current_work matches: 1",
        "flush_work: 0 busy after: 0",
        "queue_delayed_work_on: 1 pending: 1",
        "schedule_delayed_work_on while pending: 0",
        "static delayed work ran on CPU 1 after 11 jiffies, is static_dwork: 1",
        "mod_delayed_work_on idle: 0",
        "mod_delayed_work_on pending: 1",
        "static delayed work ran on CPU 0 after 3 jiffies, is static_dwork: 1",
        "schedule_delayed_work deferrable: 1",
        "cancel_delayed_work_sync deferrable: 1",
        "deferrable work ran",
        "queue_work freezable: 1",
        "static work ran on CPU 0, current_work matches: 1",
        "flushed: pending 0",
        "api done",
    };
    auto texts = k.log_texts();
    long at = -1;
    for (const std::string &w : want) {
        long i = index_of(texts, w);
        INFO("line: " << w);
        CHECK(i > at);
        at = i;
    }
    CHECK(k.warnings() == 0);
    CHECK(k.bugs() == 0);
}

TEST_CASE("The runner option --wq-stats makes a runner print each workqueue's statistics at unload", "[workqueue]")
{
    ProcResult r = run_process({test_runner("wq_api"), "--time", "virtual", "--wq-stats", "--no-timestamps"}, 20000);
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 0);
    std::string all = r.out + r.err;
    INFO(all);
    CHECK(all.find("workqueue api_sys_2: queued 1, executed 1, rejected (already pending) 0, dropped 0, max depth 1")
          != std::string::npos);
    // schedule_delayed_work_on() hit system_wq ("events") while the item was pending.
    CHECK(all.find("workqueue events: queued 1, executed 1, rejected (already pending) 1") != std::string::npos);
    CHECK(all.find("workqueue api_legacy: queued 1, executed 1") != std::string::npos);
}
