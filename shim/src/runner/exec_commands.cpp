// The --exec commands (busybox's cat, head, echo, printf, ls, mknod, sleep, dd; kshim's ioctl), each run in a user task.
#include "runner/exec_commands.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "fs/host_process.hpp"
#include "fs/user_task.hpp"
#include "fs/vfs.hpp"
#include "kernel.hpp"
#include "printk/log.hpp"
#include "runner/exec_text.hpp"
#include "sched/scheduler.hpp"

#include "linux/errno.h"
#include "linux/fcntl.h"
#include "linux/sched.h"

namespace kshim {

namespace {

constexpr size_t kCatChunk = 64 * 1024;   // busybox's copy buffer (CONFIG_FEATURE_COPYBUF_KB=64)
constexpr unsigned kTcgets = 0x5401;      // stdio asks whether a file is a terminal first
constexpr size_t kTermiosBytes = 60;

std::string errstr(long err) { return std::strerror((int)-err); }

// One command's process: its task, its output (the console or a redirection's fd) and errors.
// Every member runs on the command's task (process context, may sleep).
struct Proc {
    Kernel &k;
    UserTask &t;
    const ExecSession::Sink &console;
    const ExecCommand &c;
    HostProcess *host = nullptr;   // a --user program's process (ExecOp::User)
    const std::string *exe = nullptr;
    int out_fd = -1;   // -1: the console
    int err_fd = -1;
    std::string held;  // console text after the last newline: a terminal line goes out whole

    // Text for the console: whole lines now, a partial line when it ends or the command does
    // (so a kernel line printed meanwhile does not split it, as on the oracle's serial console).
    void to_console(std::string_view s, bool all = false)
    {
        for (char ch : s)
            if (ch)
                held += ch;   // kernel-oracle's shell drops NUL bytes from the console text
        const size_t cut = all ? held.size() : held.rfind('\n') + 1;   // npos + 1 == 0
        if (cut) {
            console(std::string_view(held).substr(0, cut));
            held.erase(0, cut);
        }
    }

    // write(2) of all of s to fd (busybox's full_write): bytes written, or -errno.
    long write_fd(int fd, std::string_view s)
    {
        char *buf = t.map(s.size());
        std::memcpy(buf, s.data(), s.size());
        size_t done = 0;
        long r = 0;
        while (done < s.size() && (r = t.sys_write(fd, buf + done, s.size() - done)) > 0)
            done += (size_t)r;
        t.unmap(buf);
        return r < 0 ? r : (long)done;
    }
    // read(2) of up to n bytes into *into: bytes read, or -errno.
    long read_fd(int fd, size_t n, std::string *into)
    {
        char *buf = t.map(n);
        long r = t.sys_read(fd, buf, n);
        if (r > 0)
            into->assign(buf, (size_t)r);
        t.unmap(buf);
        return r;
    }
    long out(std::string_view s)
    {
        if (out_fd < 0) {
            to_console(s);
            return (long)s.size();
        }
        return s.empty() ? 0 : write_fd(out_fd, s);
    }
    void err(const std::string &s)
    {
        if (err_fd < 0)
            to_console(s);
        else
            (void)write_fd(err_fd, s);
    }
};

// The commands below (cmd_*, and their helpers) run on the command's user task: process context,
// they may sleep (in the module's file operations). Each returns the command's exit status.

long cat_one(Proc &p, const std::string &path)
{
    long fd = p.t.sys_open(path, O_RDONLY);
    if (fd == -EISDIR) {   // Linux opens a directory; its read fails
        p.err("cat: read error: Is a directory\n");
        return 1;
    }
    if (fd < 0) {
        p.err("cat: can't open '" + path + "': " + errstr(fd) + "\n");
        return 1;
    }
    long status = 0;
    for (std::string chunk;;) {
        long r = p.read_fd((int)fd, kCatChunk, &chunk);
        if (r < 0)
            p.err("cat: read error: " + errstr(r) + "\n");
        if (r <= 0) {
            status = r < 0;
            break;
        }
        if (long w = p.out(chunk); w < 0) {
            p.err("cat: write error: " + errstr(w) + "\n");
            status = 1;
            break;
        }
    }
    (void)p.t.sys_close((int)fd);
    return status;
}

// cat FILE...: each file copied out in 64 KiB reads; a file that fails does not stop the rest.
long cmd_cat(Proc &p)
{
    long status = 0;
    for (const std::string &f : p.c.args)
        status |= cat_one(p, f);
    return status;
}

// head -c N / -n N FILE: glibc's stdio reads blocks of the file's st_blksize (1 KiB on /proc,
// a page elsewhere) after asking TCGETS, and stops once N bytes or lines are out.
long cmd_head(Proc &p)
{
    const std::string &path = p.c.args[0];
    long fd = p.t.sys_open(path, O_RDONLY);
    if (fd < 0) {
        p.err("head: " + path + ": " + errstr(fd) + "\n");
        return 1;
    }
    char *termios = p.t.map(kTermiosBytes);
    (void)p.t.sys_ioctl((int)fd, kTcgets, (unsigned long)termios);
    p.t.unmap(termios);
    const size_t blk = path.rfind("/proc/", 0) == 0 ? 1024 : 4096;
    uint64_t left = p.c.count;
    std::string chunk;
    while (left) {
        long r = p.read_fd((int)fd, blk, &chunk);
        if (r <= 0)
            break;
        size_t take = 0;
        for (; take < (size_t)r && left; ++take)
            if (p.c.head_bytes || chunk[take] == '\n')
                --left;
        p.out(std::string_view(chunk).substr(0, take));
    }
    (void)p.t.sys_close((int)fd);
    return 0;
}

// The shell's builtins report a failed write so (their stderr may be the same file).
long builtin_out(Proc &p, const std::string &text)
{
    long w = p.out(text);
    if (w < 0) {
        p.err("sh: write error: " + errstr(w) + "\n");
        return 1;
    }
    return 0;
}

// echo [-n] [-e] WORDS: the words joined by blanks, a newline unless -n (or -e's \c).
long cmd_echo(Proc &p)
{
    std::string text;
    bool stop = false;
    for (size_t i = 0; i < p.c.args.size() && !stop; ++i) {
        if (i)
            text += ' ';
        text += p.c.escapes ? expand_escapes(p.c.args[i], &stop) : p.c.args[i];
    }
    if (!p.c.no_newline && !stop)
        text += '\n';
    return builtin_out(p, text);
}

long cmd_printf(Proc &p)
{
    std::vector<std::string> errors;
    std::vector<std::string> args(p.c.args.begin() + 1, p.c.args.end());
    const std::string text = busybox_printf(p.c.args[0], args, &errors);
    for (const std::string &e : errors)
        p.err("sh: " + e + "\n");
    return builtin_out(p, text) | !errors.empty();
}

// ls DIR: the entries (not those starting with '.') in busybox's columns; a file: its name.
long cmd_ls(Proc &p)
{
    const std::string &path = p.c.args[0];
    Node *n = p.k.fs().lookup(path);
    if (!n) {
        p.err("ls: " + path + ": No such file or directory\n");
        return 1;
    }
    if (n->kind != NodeKind::Dir)
        return p.out(path + "\n") < 0;
    std::vector<std::string> names;
    for (const auto &child : n->children)
        if (!child->name.empty() && child->name[0] != '.')
            names.push_back(child->name);
    return p.out(ls_columns(names)) < 0;
}

// mknod PATH c MAJOR MINOR: a device node of mode 0644 (0666 less the shell's umask 022).
long cmd_mknod(Proc &p)
{
    const uint32_t devt = (p.c.major << 20) | p.c.minor;   // MKDEV
    int r = p.k.fs().mknod(p.c.args[0], devt, 0644);
    if (r) {
        p.err("mknod: " + p.c.args[0] + ": " + errstr(r) + "\n");
        return 1;
    }
    return 0;
}

// sleep SECONDS: nanosleep, interruptible.
long cmd_sleep(Proc &p)
{
    Scheduler &s = p.k.sched();
    const uint64_t until = p.k.clock().now() + p.c.sleep_ns;
    while (p.k.clock().now() < until && !Scheduler::signal_pending(*p.t.task()))
        s.sleep_until(until, TASK_INTERRUPTIBLE);
    return 0;
}

// dd's counts of whole and partial blocks.
struct DdStats {
    uint64_t in_full = 0, in_part = 0, out_full = 0, out_part = 0;
    std::string text() const
    {
        char b[128];
        std::snprintf(b, sizeof b, "%llu+%llu records in\n%llu+%llu records out\n", (unsigned long long)in_full,
                      (unsigned long long)in_part, (unsigned long long)out_full, (unsigned long long)out_part);
        return b;
    }
};

// dd's skip=: a seek past the blocks, or (where the file cannot seek) reads of them.
void dd_skip(Proc &p, int ifd)
{
    if (!p.c.skip || p.t.sys_lseek(ifd, (long)(p.c.skip * p.c.bs), 1 /* SEEK_CUR */) >= 0)
        return;
    std::string junk;
    for (uint64_t i = 0; i < p.c.skip; ++i)
        if (p.read_fd(ifd, p.c.bs, &junk) <= 0)
            return;
}

// dd's copy loop: count blocks of bs (or to the end). Returns the status, stats in *st.
long dd_copy(Proc &p, int ifd, int ofd, DdStats *st)
{
    std::string block;
    for (uint64_t n = 0; !p.c.dd_count || n < *p.c.dd_count; ++n) {
        long r = p.read_fd(ifd, p.c.bs, &block);
        if (r < 0) {
            p.err("dd: " + p.c.dd_if + ": " + errstr(r) + "\n");
            return -1;   // busybox dies here: no statistics
        }
        if (r == 0)
            break;
        ((size_t)r == p.c.bs ? st->in_full : st->in_part)++;
        long w = ofd >= 0 ? p.write_fd(ofd, block) : p.out(block);
        if (w < 0) {
            p.err("dd: error writing '" + (ofd >= 0 ? p.c.dd_of : std::string("standard output")) + "': " + errstr(w) + "\n");
            return 1;
        }
        ((size_t)w == p.c.bs ? st->out_full : st->out_part)++;
    }
    return 0;
}

// dd if= [of=] [bs=] [count=] [skip=]: the copy, then its records lines on stderr.
long cmd_dd(Proc &p)
{
    long ifd = p.t.sys_open(p.c.dd_if, O_RDONLY);
    if (ifd < 0) {
        p.err("dd: can't open '" + p.c.dd_if + "': " + errstr(ifd) + "\n");
        return 1;
    }
    long ofd = -1;
    if (!p.c.dd_of.empty() && (ofd = p.t.sys_open(p.c.dd_of, O_WRONLY | O_CREAT | O_TRUNC)) < 0) {
        p.err("dd: can't open '" + p.c.dd_of + "': " + errstr(ofd) + "\n");
        return 1;
    }
    dd_skip(p, (int)ifd);
    DdStats st;
    long status = dd_copy(p, (int)ifd, (int)ofd, &st);
    if (status >= 0)
        p.err(st.text());
    return status != 0;
}

std::string hex_of(const std::string &bytes)
{
    std::string out;
    char b[4];
    for (unsigned char c : bytes) {
        std::snprintf(b, sizeof b, "%02x", c);
        out += b;
    }
    return out;
}

// ioctl FILE NR [ARG] (kshim's own; tests/oracle/user/ioctl.c is the same program for the
// real kernel): "ioctl: returned N", then with x:HEX the buffer's bytes after the call.
long cmd_ioctl(Proc &p)
{
    const std::string &path = p.c.args[0];
    long fd = p.t.sys_open(path, O_RDONLY);
    if (fd < 0) {
        p.err("ioctl: can't open '" + path + "': " + errstr(fd) + "\n");
        return 1;
    }
    char *buf = p.c.buf ? p.t.map(p.c.buf->size()) : nullptr;
    if (buf)
        std::memcpy(buf, p.c.buf->data(), p.c.buf->size());
    long r = p.t.sys_ioctl((int)fd, (unsigned)p.c.nr, buf ? (unsigned long)buf : p.c.value);
    if (r < 0)
        p.err("ioctl: " + path + ": " + errstr(r) + "\n");
    else
        p.out("ioctl: returned " + std::to_string(r) + "\n");
    if (r >= 0 && buf)
        p.out("ioctl: x:" + hex_of(std::string(buf, p.c.buf->size())) + "\n");
    if (buf)
        p.t.unmap(buf);
    (void)p.t.sys_close((int)fd);
    return r < 0;
}

// A --user program: the host process, its file calls served on this task until it exits.
long cmd_user(Proc &p)
{
    if (int r = p.host->start(*p.exe, p.c.args, HostProcesses::preload_path()); r) {
        p.err("sh: " + p.c.args[0] + ": " + errstr(r) + "\n");
        return 127;
    }
    return p.host->serve([&p](std::string_view s) { (void)p.out(s); });
}

long run_op(Proc &p)
{
    switch (p.c.op) {
    case ExecOp::Cat: return cmd_cat(p);
    case ExecOp::Head: return cmd_head(p);
    case ExecOp::Echo: return cmd_echo(p);
    case ExecOp::Printf: return cmd_printf(p);
    case ExecOp::Ls: return cmd_ls(p);
    case ExecOp::Mknod: return cmd_mknod(p);
    case ExecOp::Sleep: return cmd_sleep(p);
    case ExecOp::Dd: return cmd_dd(p);
    case ExecOp::Ioctl: return cmd_ioctl(p);
    case ExecOp::User: return cmd_user(p);
    }
    return 1;
}

const char *comm_of(ExecOp op)
{
    static const char *const names[] = {"cat", "head", "sh", "sh", "ls", "mknod", "sleep", "dd", "ioctl", "user"};
    return names[(size_t)op];
}

// The shell's redirection, as ash makes it: open, dup to stdout (and stderr for the line's last
// command, the oracle's 2>&1), close the first fd; each close calls the file's flush, as on Linux.
// Returns false (with ash's message) when the file cannot be opened.
bool redirect(Proc &p, unsigned line_no)
{
    const int flags = O_WRONLY | O_CREAT | (p.c.append ? O_APPEND : O_TRUNC);
    long fd = p.t.sys_open(p.c.redirect, flags);
    if (fd < 0) {
        const std::string why = fd == -ENOENT ? "nonexistent directory" : errstr(fd);
        p.to_console("/cmds.sh: line " + std::to_string(2 * line_no) + ": can't create " + p.c.redirect + ": " + why + "\n");
        return false;
    }
    p.out_fd = (int)p.t.sys_dup((int)fd);
    if (p.c.err_to_out)
        p.err_fd = (int)p.t.sys_dup(p.out_fd);
    (void)p.t.sys_close((int)fd);
    return true;
}

// One command in its task: redirection, the command, then its fds closed (process exit, or
// the shell restoring its own). Process context.
long run_command(Kernel &k, UserTask &t, const ExecSession::Sink &console, const ExecCommand &c, unsigned line_no,
                 HostProcess *host = nullptr, const std::string *exe = nullptr)
{
    Proc p{k, t, console, c, host, exe};
    if (!c.redirect.empty() && !redirect(p, line_no))
        return 1;
    long status = run_op(p);
    t.close_all();
    p.to_console("", true);
    return status;
}

}  // namespace

ExecSession::ExecSession(Kernel &k, Sink console) : k_(k), console_(std::move(console)) {}

ExecSession::~ExecSession()
{
    hosts_.reset();   // the --user processes still running are killed before their tasks go
}

void ExecSession::set_programs(std::vector<UserProgram> programs)
{
    programs_ = std::move(programs);
    if (!programs_.empty() && !hosts_)
        hosts_ = std::make_unique<HostProcesses>(k_);
}

// The process a command runs in: a new one named after it, or the shell for a foreground builtin.
UserTask *ExecSession::task_for(const ExecCommand &c)
{
    const bool builtin = c.op == ExecOp::Echo || c.op == ExecOp::Printf;
    if (builtin && !c.background && shell_)
        return shell_;
    tasks_.push_back(std::make_unique<UserTask>(k_, c.op == ExecOp::User ? c.args[0] : comm_of(c.op)));
    if (builtin && !c.background)
        shell_ = tasks_.back().get();
    return tasks_.back().get();
}

// Runs the kernel until t's command ends. False if it never can, or a signal ends the run.
bool ExecSession::wait_for(UserTask *t, const ExecLine &line)
{
    Scheduler &s = k_.sched();
    RunResult r = s.run([t] { return !t->busy(); });
    if (r == RunResult::Done) {
        // What the command woke runs before the shell goes on (it forks the next meanwhile).
        s.run_until(k_.clock().now());
        return true;
    }
    k_.log().flush();
    if (r == RunResult::Idle)
        std::fprintf(stderr, "kshim: --exec: '%s' is blocked and nothing can wake it; the rest of --exec is skipped\n",
                     line.text.c_str());
    return false;
}

const std::string *ExecSession::exe_of(const std::string &name) const
{
    for (const UserProgram &u : programs_)
        if (u.name == name)
            return &u.exe;
    return nullptr;
}

bool ExecSession::run(const ExecScript &script)
{
    script_ = script;
    for (size_t li = 0; li < script_.lines.size(); ++li) {
        const ExecLine &line = script_.lines[li];
        console_("$ " + line.text + "\n");
        for (const ExecCommand &c : line.commands) {
            UserTask *t = task_for(c);
            HostProcess *host = c.op == ExecOp::User ? &hosts_->add(*t) : nullptr;
            const std::string *exe = c.op == ExecOp::User ? exe_of(c.args[0]) : nullptr;
            t->submit([this, t, &c, li, host, exe] {
                return run_command(k_, *t, console_, c, (unsigned)li + 1, host, exe);
            });
            if (!c.background && !wait_for(t, line))
                return false;
        }
    }
    return true;
}

}  // namespace kshim
