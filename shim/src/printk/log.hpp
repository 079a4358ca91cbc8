// The printk log: records with the kernel's level/newline/KERN_CONT rules, and the console.
#pragma once

#include <cstdarg>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kshim {

class Clock;

struct LogRecord {
    uint64_t seq = 0;
    uint64_t ts_ns = 0;
    int level = 4;
    int caller = 0;        // pid of the printing task (0: outside any task)
    std::string text;      // without the trailing newline; may hold inner newlines
};

// dmesg-style console: "[%5lu.%06lu] text" per line, buffered, written to a file descriptor.
class Console {
public:
    Console(int fd, bool timestamps) : fd_(fd), timestamps_(timestamps) { buf_.reserve(kFlushAt + 4096); }
    ~Console() { flush(); }
    void print(const LogRecord &r);
    // Async-signal-tolerant: a plain write(2) of what is buffered.
    void flush();
    int fd() const { return fd_; }

private:
    static constexpr size_t kFlushAt = 64 * 1024;
    int fd_;
    bool timestamps_;
    std::string buf_;
};

// Atomic-safe throughout: printk may be called from any context.
class Printk {
public:
    // caller() names the printing task (its pid), for KERN_CONT's same-caller rule.
    Printk(Clock &clock, std::function<int()> caller, int console_fd, bool timestamps, int console_level);
    ~Printk();

    int vprintk(const char *fmt, va_list ap);
    void print(const char *fmt, ...) __attribute__((format(printf, 2, 3)));
    // Stores one complete message whose level prefix (if any) is already parsed off.
    void emit(int level, std::string_view text);
    // Finalizes an open (newline-less) record and writes the console buffer out.
    void flush();
    void flush_console() { console_.flush(); }

    // The retained records, oldest first (the log is a ring of kRecords, like log_buf).
    std::vector<const LogRecord *> records() const;
    size_t size() const { return count_; }
    std::vector<std::string> texts() const;
    bool has_open_record() const { return open_; }
    int console_level() const;
    Console &console() { return console_; }

private:
    void store(int level, bool cont, std::string_view text, bool newline);
    void finalize();

    LogRecord &back() { return ring_[(head_ + count_ - 1) % ring_.size()]; }

    static constexpr size_t kRecords = 1u << 16;
    Clock &clock_;
    Console console_;
    std::vector<LogRecord> ring_;   // records keep their string capacity when reused
    size_t head_ = 0;
    size_t count_ = 0;
    uint64_t next_seq_ = 0;
    bool open_ = false;
    std::function<int()> caller_;
};

}  // namespace kshim
