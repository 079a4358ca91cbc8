// Tests of the runner's --exec: transcripts of our test modules compared with the real kernel's (compare-kernel-log --commands), usage errors, blocking and time.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "fs/user_task.hpp"
#include "kshim/testing.hpp"
#include "runner/exec_commands.hpp"
#include "runner/exec_script.hpp"
#include "support/oracle.hpp"
#include "support/subprocess.hpp"

using kshim_test::ProcResult;

namespace {

// The oracle's commands for each module (tests/oracle/README.md has the kernel-oracle lines).
const char *const kBusybox =
    "cat /nonexistent; cat /proc/exec_busybox_err; head -c 3 /nonexistent; head -n 1 /dev/exec_busybox; "
    "cat /dev/exec_busybox; head -c 100 /dev/exec_busybox; head -c 7 /dev/exec_busybox; echo; "
    "echo E > /dev/exec_busybox; echo hi >> /dev/exec_busybox; echo -n abc > /dev/exec_busybox; "
    "echo 'a  b' \"c d\" > /dev/exec_busybox; printf 'x=%d %s\\n' 5 abc; "
    "printf '%5s|%-4d|%x|%c|%%\\n' ab 7 255 qz > /dev/exec_busybox; printf '%s-' a b c; printf '\\n'; "
    "ls /nonexistent; ls /dev/exec_busybox; ls /proc/exec_busybox_dir; mknod /dev/exec_busybox c 240 0; "
    "mknod /dev/exec_busybox2 c 240 1; cat /dev/exec_busybox2; mknod /nodir/x c 1 1; "
    "dd if=/dev/exec_busybox bs=4 count=2; dd if=/dev/exec_busybox of=/dev/exec_busybox bs=3 count=2 skip=1; "
    "dd if=/proc/exec_busybox_err bs=4 count=1; dd if=/nonexistent; "
    "dd if=/dev/exec_busybox of=/proc/exec_busybox_err bs=4 count=1; dd if=/dev/exec_busybox bs=5; "
    "dd if=/dev/exec_busybox bs=4 count=1 skip=2; sleep 0.5; cat /dev/exec_busybox /nonexistent /dev/exec_busybox; "
    "echo -e 'a\\tb'; echo -n x; echo y; ls /proc/exec_busybox_dir/a; cat /proc/exec_busybox_dir; "
    "head -n 2 /proc/exec_busybox_dir/a; echo hi > /proc/exec_busybox_dir/a; echo hi > /nonexistent/x; "
    "cat /dev/exec_busybox &  sleep 0.2; ls /sys/class/exec_busybox; printf 'nofmt'; printf '%d\\n' abc; "
    "echo E >> /dev/exec_busybox";
const char *const kPipe =
    "mknod /dev/exec_pipe c 241 5; mknod /dev/exec_pipe_b c 241 6; cat /dev/exec_pipe & sleep 1; "
    "ioctl /dev/exec_pipe_b 0x80047001 x:00000000; echo hello > /dev/exec_pipe_b; sleep 1; "
    "ioctl /dev/exec_pipe_b 0x80047001 x:00000000; ioctl /dev/exec_pipe 0x40047002 x:07000000; "
    "ioctl /dev/exec_pipe 0x1234; ioctl /dev/nothing 1; cat /dev/exec_pipe; head -c 2 /dev/exec_pipe";
const char *const kProcCounter =
    "cat /proc/kshim_dir/counter; echo 42 > /proc/kshim_dir/counter; cat /proc/kshim_dir/counter; "
    "echo x > /proc/kshim_dir/counter";
const char *const kSeqProc =
    "cat /proc/seq_items; cat /proc/seq_single; head -c 7 /proc/seq_items; dd if=/proc/seq_items bs=1 count=20";
const char *const kSysfsKobj =
    "ls /sys/kernel/sysfs_kobj; cat /sys/kernel/sysfs_kobj/value; echo 42 > /sys/kernel/sysfs_kobj/value; "
    "cat /sys/kernel/sysfs_kobj/value; echo abc > /sys/kernel/sysfs_kobj/value; ls /sys/kernel/sysfs_kobj/extra; "
    "cat /sys/kernel/sysfs_kobj/extra/note; echo hi there > /sys/kernel/sysfs_kobj/extra/note; "
    "cat /sys/kernel/sysfs_kobj/extra/note; cat /sys/kernel/sysfs_kobj/extra/wo; ls /sys/kernel/sysfs_kset";

// The "$ CMD" lines of an oracle transcript, as one --exec script (for transcripts whose every
// command starts a line).
std::string script_of(const std::string &oracle)
{
    std::string s;
    for (const std::string &l : kshim_test::lines_of(oracle))
        if (l.rfind("$ ", 0) == 0)
            s += (s.empty() ? "" : "; ") + l.substr(2);
    return s;
}

// The oracle's transcript with only the kernel lines that start with one of `keep` (the guest's
// own lines, such as a WARN's stack dump, are not kshim's to print). Returns the file's path.
std::string filtered_oracle(const std::string &name, const std::vector<std::string> &keep)
{
    const std::string path = "/tmp/kshim_exec_" + name + "_" + std::to_string(::getpid()) + ".txt";
    std::ofstream out(path);
    for (const std::string &l : kshim_test::lines_of(kshim_test::oracle_log(name))) {
        const std::string text = kshim_test::strip_timestamp(l);
        bool kept = text == l;   // not a kernel line
        for (const std::string &k : keep)
            kept |= text.rfind(k, 0) == 0;
        if (kept)
            out << l << "\n";
    }
    return path;
}

// Runs tests/modules/NAME with --exec script and compares with its oracle transcript.
void check_against_oracle(const std::string &name, const std::string &script, const std::vector<std::string> &params = {},
                          const std::vector<std::string> &keep = {})
{
    std::vector<std::string> args = params;
    args.insert(args.end(), {"--exec", script});
    ProcResult r = kshim_test::run_test_module(name, "1s", args);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    if (!kshim_test::compare_tool_available())
        return;
    const std::string want = keep.empty() ? kshim_test::oracle_log_path(name) : filtered_oracle(name, keep);
    ProcResult c = kshim_test::compare_kernel_log(want, r.out + r.err, {"--commands"});
    if (!keep.empty())
        std::remove(want.c_str());
    INFO(c.out << c.err);
    CHECK(c.exit_code == 0);
}

}  // namespace

TEST_CASE("The runner's --exec transcripts of busybox's commands match the real kernel's (exec_busybox)", "[runner]")
{
    check_against_oracle("exec_busybox", kBusybox);
}

TEST_CASE("The runner's --exec: a read blocked in a background cat is woken by echo's write, in a two-file module whose device numbers are parameters (exec_pipe)", "[runner]")
{
    check_against_oracle("exec_pipe", kPipe, {"major=241", "minor=5"});
    CHECK(script_of(kshim_test::oracle_log("exec_pipe")) == kPipe);
}

TEST_CASE("The runner's --exec transcripts of /proc, seq_file, sysfs and debugfs test modules match the real kernel's", "[runner]")
{
    check_against_oracle("proc_counter", kProcCounter);
    check_against_oracle("seq_proc", kSeqProc);
    check_against_oracle("sysfs_kobj", kSysfsKobj, {}, {"sysfs_kobj: ", "sysfs: "});
    check_against_oracle("debugfs_values", script_of(kshim_test::oracle_log("debugfs_values")));
}

TEST_CASE("The runner's --exec with bad syntax is a usage error (exit 2) and loads nothing", "[runner]")
{
    ProcResult r = kshim_test::run_test_module("exec_pipe", "1s", {"--exec", "cat /dev/exec_pipe; grep x /proc/devices"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--exec: 'grep x /proc/devices': unknown command 'grep'") != std::string::npos);
    CHECK(r.out.find("exec_pipe: region") == std::string::npos);
    CHECK(r.out.find("$ cat") == std::string::npos);
}

TEST_CASE("The runner's --exec: a foreground command nothing can wake skips the rest, and rmmod then finds the device in use", "[runner]")
{
    ProcResult r = kshim_test::run_test_module("exec_pipe", "1s",
                                               {"--exec", "mknod /dev/p c 240 3; cat /dev/p; echo never > /dev/p"});
    INFO(r.out << r.err);
    CHECK(r.err.find("kshim: --exec: 'cat /dev/p' is blocked and nothing can wake it") != std::string::npos);
    CHECK(r.out.find("$ echo never") == std::string::npos);
    CHECK(r.err.find("rmmod: ERROR: Module exec_pipe is in use") != std::string::npos);
}

TEST_CASE("ExecSession runs commands in user tasks in virtual time: sleep takes its time, output comes in order", "[runner]")
{
    kshim::testing::TestKernel tk;
    REQUIRE(tk.load(std::string(KSHIM_TEST_MODULES) + "/exec_pipe.ko") == 0);
    std::string out;
    kshim::ExecSession s(tk.kernel(), [&out](std::string_view t) { out += t; });
    kshim::ExecParse p = kshim::parse_exec_script(
        "mknod /dev/p c 240 3; cat /dev/p & sleep 0.25; echo -n hi > /dev/p; sleep 1.5; cat /dev/p");
    REQUIRE(p.error.empty());
    const uint64_t t0 = tk.now_ns();
    CHECK(s.run(p.script));
    CHECK(tk.now_ns() - t0 == 1750000000ull);
    CHECK(out == "$ mknod /dev/p c 240 3\n$ cat /dev/p & sleep 0.25\n$ echo -n hi > /dev/p\nhi$ sleep 1.5\n$ cat /dev/p\n");
    CHECK(tk.log_contains("exec_pipe: cat read 2 bytes"));
    CHECK(tk.log_contains("exec_pipe: open minor 3 by sh"));
    CHECK(tk.unload("exec_pipe").error == 0);
}
