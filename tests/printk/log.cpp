// Tests for the printk log and console (shim/src/printk/log.cpp): records, levels, KERN_CONT, newlines, console format and loglevel, the bounded record and text rings.
#include <catch2/catch.hpp>

#include <sys/mman.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "kshim/testing.hpp"
#include "printk/log.hpp"
#include "time/clock.hpp"
#include "support/subprocess.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/delay.h"
#include "linux/kthread.h"
#include "linux/printk.h"

using kshim::testing::Config;
using kshim::testing::TestKernel;

namespace {

// A console that writes into memory, read back after the kernel flushed it.
class CapturedConsole {
public:
    CapturedConsole() : fd_(memfd_create("console", MFD_CLOEXEC)) {}
    ~CapturedConsole() { close(fd_); }
    int fd() const { return fd_; }
    std::string text() const
    {
        std::string out;
        char buf[4096];
        off_t off = 0;
        ssize_t n;
        while ((n = pread(fd_, buf, sizeof buf, off)) > 0) {
            out.append(buf, (size_t)n);
            off += n;
        }
        return out;
    }

private:
    int fd_;
};

}  // namespace

TEST_CASE("A message without a trailing newline is still a record of its own", "[printk]")
{
    TestKernel k;
    k.run_task([] {
        printk(KERN_INFO "one");
        printk(KERN_INFO "two\n");
        printk("three");
        return 0L;
    });
    CHECK(k.log_texts() == std::vector<std::string>{"one", "two", "three"});
}

TEST_CASE("KERN_CONT from the same task continues the open line", "[printk]")
{
    TestKernel k;
    k.run_task([] {
        printk(KERN_WARNING "warn no nl");
        printk(KERN_CONT " cont1");
        printk(KERN_CONT " cont2\n");
        pr_info("next\n");
        return 0L;
    });
    auto log = k.log();
    REQUIRE(log.size() == 2);
    CHECK(log[0].text == "warn no nl cont1 cont2");
    CHECK(log[0].level == 4);
    CHECK(log[1].text == "next");
    CHECK(log[1].level == 6);
}

TEST_CASE("An orphan KERN_CONT after a finished line starts a new line at the default level", "[printk]")
{
    TestKernel k;
    k.run_task([] {
        pr_info("done\n");
        pr_cont("orphan cont\n");
        return 0L;
    });
    auto log = k.log();
    REQUIRE(log.size() == 2);
    CHECK(log[0].text == "done");
    CHECK(log[1].text == "orphan cont");
    CHECK(log[1].level == 4);
}

namespace {

int other_task_cont(void *)
{
    pr_cont(" from B\n");
    return 0;
}

}  // namespace

TEST_CASE("KERN_CONT from another task does not join the open line", "[printk]")
{
    TestKernel k;
    k.run_task([] {
        pr_info("A starts");
        kthread_run(other_task_cont, nullptr, "B");
        msleep(1);
        pr_cont(" A goes on\n");
        return 0L;
    });
    CHECK(k.log_texts() == std::vector<std::string>{"A starts", " from B", " A goes on"});
}

TEST_CASE("printk without a level uses the default message level 4", "[printk]")
{
    TestKernel k;
    k.run_task([] {
        printk("plain\n");
        pr_emerg("e\n");
        pr_alert("a\n");
        pr_crit("c\n");
        pr_err("r\n");
        pr_warn("w\n");
        pr_notice("n\n");
        pr_info("i\n");
        printk(KERN_DEBUG "d\n");
        printk(KERN_DEFAULT "def\n");
        return 0L;
    });
    std::vector<int> levels;
    for (auto &l : k.log())
        levels.push_back(l.level);
    CHECK(levels == std::vector<int>{4, 0, 1, 2, 3, 4, 5, 6, 7, 4});
}

TEST_CASE("The console prints each record as [%5lu.%06lu] text", "[printk]")
{
    CapturedConsole con;
    Config cfg;
    cfg.console_fd = con.fd();
    TestKernel k(cfg);
    k.run_task([] {
        pr_info("at zero\n");
        msleep(10);
        pr_info("after msleep(10)\n");
        return 0L;
    });
    k.run_for(123456'789012'000ull - k.now_ns());
    k.run_task([] {
        pr_info("much later\n");
        return 0L;
    });
    CHECK(con.text() ==
          "[    0.000000] at zero\n"
          "[    0.020000] after msleep(10)\n"
          "[123456.789012] much later\n");
}

TEST_CASE("A message with inner newlines prints one console line per line, same timestamp", "[printk]")
{
    CapturedConsole con;
    Config cfg;
    cfg.console_fd = con.fd();
    TestKernel k(cfg);
    k.run_task([] {
        msleep(1);
        printk("a\nb\n");
        return 0L;
    });
    CHECK(con.text() == "[    0.012000] a\n[    0.012000] b\n");
}

TEST_CASE("Console lines longer than its buffer and lines across a flush arrive whole and in order", "[printk]")
{
    CapturedConsole con;
    kshim::Clock clock(kshim::TimeMode::Virtual);
    std::string expected;
    {
        kshim::Printk log(clock, [] { return 0; }, con.fd(), true, 8);
        const std::string filler(600, 'f'), huge(100'000, 'h');
        for (int i = 0; i < 120; ++i) {  // 120 x 616 bytes: past the 64 KiB flush mark
            log.emit(6, filler + "\n");
            expected += "[    0.000000] " + filler + "\n";
        }
        log.emit(6, huge);
        log.emit(6, "tail\n");
        expected += "[    0.000000] " + huge + "\n[    0.000000] tail\n";
    }
    CHECK(con.text().size() == expected.size());
    CHECK(con.text() == expected);
}

TEST_CASE("The console loglevel hides messages at or above it but keeps them as records", "[printk]")
{
    CapturedConsole con;
    Config cfg;
    cfg.console_fd = con.fd();
    cfg.console_level = 4;
    TestKernel k(cfg);
    k.run_task([] {
        pr_emerg("lvl0\n");
        pr_err("lvl3\n");
        pr_warn("lvl4\n");
        pr_info("lvl6\n");
        printk(KERN_DEBUG "lvl7\n");
        printk("default\n");
        return 0L;
    });
    CHECK(con.text() == "[    0.000000] lvl0\n[    0.000000] lvl3\n");
    CHECK(k.log_texts().size() == 6);
}

TEST_CASE("An unfinished line is printed when the log is flushed", "[printk]")
{
    CapturedConsole con;
    Config cfg;
    cfg.console_fd = con.fd();
    TestKernel k(cfg);
    k.run_task([] {
        pr_info("no newline");
        return 0L;
    });
    CHECK(con.text() == "[    0.000000] no newline\n");
}

TEST_CASE("The log keeps the newest 65536 records and drops the oldest", "[printk]")
{
    TestKernel k;
    k.run_task([] {
        for (int i = 0; i < 70000; ++i)
            printk(KERN_INFO "line %d\n", i);
        return 0L;
    });
    auto texts = k.log_texts();
    REQUIRE(texts.size() == 65536);
    CHECK(texts.front() == "line 4464");
    CHECK(texts.back() == "line 69999");
}

TEST_CASE("Long records wrap the text ring without corrupting the texts kept", "[printk]")
{
    TestKernel k;
    std::string pad(900, 'x');
    k.run_task([&pad] {
        for (int i = 0; i < 10000; ++i)
            printk(KERN_INFO "%05d %s\n", i, pad.c_str());
        printk(KERN_INFO "start ");
        printk(KERN_CONT "%s", pad.c_str());
        printk(KERN_CONT " end\n");
        return 0L;
    });
    auto texts = k.log_texts();
    REQUIRE(texts.size() > 1000);
    CHECK(texts.size() < 10000);
    CHECK(texts.back() == "start " + pad + " end");
    int first = std::stoi(texts.front().substr(0, 5));
    for (size_t i = 0; i + 1 < texts.size(); ++i)
        CHECK(texts[i] == std::string(5 - std::to_string(first + (int)i).size(), '0') +
                              std::to_string(first + (int)i) + " " + pad);
}

TEST_CASE("trace_printk prints through printk at KERN_INFO, after the kernel's notice printed once", "[printk]")
{
    TestKernel k;
    k.run_task([] {
        trace_printk("first %d\n", 1);
        trace_puts("second\n");
        return 0L;
    });
    std::vector<std::string> texts = k.log_texts();
    REQUIRE(texts.size() == 16);
    CHECK(texts[0].empty());
    CHECK(texts[4] == "** trace_printk() being used. Allocating extra memory.  **");
    CHECK(texts[13] == "**********************************************************");
    CHECK(texts[14] == "first 1");
    CHECK(texts[15] == "second");
    CHECK(k.log().back().level == 6);
}

TEST_CASE("A coloured console uses util-linux dmesg's colours for timestamp, subsystem and level", "[printk]")
{
    // The escapes util-linux 2.38's dmesg --color=always prints for records written to
    // /dev/kmsg at each level (checked on this machine).
    CapturedConsole con;
    kshim::Clock clock(kshim::TimeMode::Virtual);
    {
        kshim::Printk log(clock, [] { return 0; }, con.fd(), true, 8, kshim::ConsoleStyle{true, 0xff});
        log.emit(1, "probe: alert\n");
        log.emit(2, "probe: crit\n");
        log.emit(3, "probe: err\n");
        log.emit(4, "x:  two spaces\n");
        log.emit(6, "a:b c: d e\n");
        log.emit(6, "no colon here\n");
        log.emit(3, "trailing:\n");
    }
    const std::string ts = "\033[32m[    0.000000] \033[0m", sub = "\033[33m";
    CHECK(con.text() == ts + sub + "probe: \033[0m\033[7m\033[31malert\033[0m\n" +
                            ts + sub + "probe: \033[0m\033[1m\033[31mcrit\033[0m\n" +
                            ts + sub + "probe: \033[0m\033[31merr\033[0m\n" +
                            ts + sub + "x: \033[0m\033[1m two spaces\033[0m\n" +
                            ts + sub + "a:b c: \033[0md e\n" +
                            ts + "no colon here\n" +
                            ts + "\033[31mtrailing:\033[0m\n");
}

TEST_CASE("The console's level filter shows only the chosen levels and keeps every record", "[printk]")
{
    CapturedConsole con;
    kshim::Clock clock(kshim::TimeMode::Virtual);
    size_t records = 0;
    {
        kshim::Printk log(clock, [] { return 0; }, con.fd(), false, 8, kshim::ConsoleStyle{false, 1u << 3 | 1u << 4});
        log.emit(3, "an error\n");
        log.emit(6, "some info\n");
        log.emit(4, "a warning\n");
        log.emit(7, "debugging\n");
        log.flush();
        records = log.records().size();
    }
    CHECK(con.text() == "an error\na warning\n");
    CHECK(records == 4);
}
