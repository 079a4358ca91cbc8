// The printk log: records with the kernel's level/newline/KERN_CONT rules, and the console.
#pragma once

#include <cstdarg>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kshim {

class Clock;

// Who prints: pid for KERN_CONT's same-caller rule (0: outside any task), and the context's CPU
// and comm as records keep them (a handler on the host thread is swapper/N).
// A bare pid converts (callers that know nothing else). Atomic-safe.
struct LogCaller {
    LogCaller(int p = 0, unsigned c = 0, const char *name = "swapper/0") : pid(p), cpu(c), comm(name) {}
    int pid;
    unsigned cpu;
    const char *comm;
};

// A record's descriptor; its text (without the trailing newline, possibly with inner newlines)
// lives in the log's text ring: see Printk::text().
struct LogRecord {
    uint64_t seq = 0;
    uint64_t ts_ns = 0;
    int level = 4;
    int caller = 0;        // pid of the printing task (0: outside any task)
    unsigned cpu = 0;      // the CPU it printed on, and its comm (the test API's LogLine)
    char comm[16] = {};
    uint32_t off = 0;
    uint32_t len = 0;
};

// What the console shows beyond dmesg's plain layout: dmesg's colours (its -L) and its level
// filter (its -l).
struct ConsoleStyle {
    bool color = false;       // util-linux dmesg's colours: timestamp, subsystem prefix, level
    unsigned levels = 0xff;   // bit N set: records at level N are shown
    bool raw = false;         // the runner's --raw: kshim's own "kshim: " lines are not shown
};

// dmesg-style console: "[%5lu.%06lu] text" per line, buffered, written to a file descriptor.
class Console {
public:
    Console(int fd, bool timestamps, ConsoleStyle style = {});
    ~Console();
    // Buffers the record, one "[%5lu.%06lu] " line per line of text; writes the buffer out once
    // it holds kFlushAt bytes. Atomic-safe.
    void print(const LogRecord &r, std::string_view text);
    // Async-signal-tolerant: a plain write(2) of what is buffered.
    void flush();
    // Text that is not a log record (the runner's --exec transcript): what is buffered goes out
    // first, then text as it is. A record after text that ended mid-line starts on a new line.
    // Host or task context (not atomic: it writes).
    void write_text(std::string_view text);
    int fd() const { return fd_; }

private:
    // "[%5lu.%06lu] " for ts_ns into out (room for 32); returns its length. Atomic-safe.
    static size_t format_prefix(char *out, uint64_t ts_ns);
    std::string_view prefix(uint64_t ts_ns);
    void put(const char *p, size_t n);
    void put_line(std::string_view stamp, std::string_view line);
    // put_line with dmesg's colours for a record at level. Atomic-safe.
    void put_colored_line(std::string_view stamp, std::string_view line, int level);
    void write_out(const char *p, size_t n);

    static constexpr size_t kFlushAt = 64 * 1024;
    static constexpr size_t kBufBytes = kFlushAt + 4096;
    int fd_;
    bool timestamps_;
    ConsoleStyle style_;
    std::unique_ptr<char[]> buf_;
    size_t used_ = 0;
    char prefix_[32];            // the last timestamp prefix, for prefix_ts_
    size_t prefix_len_ = 0;
    uint64_t prefix_ts_ = 0;
    bool mid_line_ = false;      // write_text's last text did not end with a newline
};

// Atomic-safe throughout: printk may be called from any context.
class Printk {
public:
    // caller() names the printing context (LogCaller). Atomic-safe.
    Printk(Clock &clock, std::function<LogCaller()> caller, int console_fd, bool timestamps, int console_level,
           ConsoleStyle style = {});
    ~Printk();

    // The level a KERN_<LEVEL> string names by the character after its SOH (as a digit), or 4
    // (KERN_WARNING) for NULL or a string without SOH. Atomic-safe.
    static int level_of(const char *kern_level);

    int vprintk(const char *fmt, va_list ap);
    // trace_printk: fmt's text at KERN_INFO; the first call prints the trace_printk notice.
    int vtrace_printk(const char *fmt, va_list ap);
    void print(const char *fmt, ...) __attribute__((format(printf, 2, 3)));
    // Stores one complete message whose level prefix (if any) is already parsed off.
    void emit(int level, std::string_view text);
    // Finalizes an open (newline-less) record and writes the console buffer out.
    void flush();
    void flush_console() { console_.flush(); }

    // The retained records, oldest first. Like log_buf, the log is bounded: kRecords records
    // and kTextBytes of text; the oldest go first.
    std::vector<const LogRecord *> records() const;
    std::string_view text(const LogRecord &r) const { return {text_.get() + r.off, r.len}; }
    size_t size() const { return count_; }
    std::vector<std::string> texts() const;
    int console_level() const;
    Console &console() { return console_; }

private:
    // fmt formatted into buf, its KERN_ headers parsed off (level and cont set where it has
    // them), a trailing newline taken off (newline says whether there was one), cut to a line.
    std::string_view format_line(char (&buf)[1024], const char *fmt, va_list ap, int &level, bool &cont,
                                 bool &newline);
    void store(int level, bool cont, std::string_view text, bool newline);
    void finalize();
    uint32_t place(size_t len);          // room for len bytes of text, dropping old records
    void reclaim(size_t from, size_t len);
    void append(std::string_view more);  // KERN_CONT: extend the last record's text
    void drop_oldest();
    LogRecord &new_record();            // the next descriptor, dropping the oldest when full
    LogRecord &back() { return ring_[tail_]; }

    static constexpr size_t kRecords = 1u << 16;
    static constexpr size_t kTextBytes = 4u << 20;
    Clock &clock_;
    Console console_;
    std::vector<LogRecord> ring_;        // descriptors; grows to kRecords, then wraps
    std::unique_ptr<char[]> text_;       // the text ring, touched only as it fills
    size_t head_ = 0;
    size_t tail_ = 0;
    size_t count_ = 0;
    size_t wpos_ = 0;
    uint64_t next_seq_ = 0;
    bool open_ = false;
    bool trace_notice_done_ = false;   // the trace_printk notice, printed once per kernel
    std::function<LogCaller()> caller_;
};

}  // namespace kshim
