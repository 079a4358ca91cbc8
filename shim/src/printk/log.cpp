// The printk log and console: record creation, continuation lines, console formatting.
#include "printk/log.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "printk/format.hpp"
#include "time/clock.hpp"

extern "C" {
/* console_level, default_message_loglevel, minimum, default console level: in globals.cpp */
extern int console_printk[4];
}

namespace kshim {

namespace {

constexpr size_t kLineMax = 1024 - 48;  // LOG_LINE_MAX in 6.1

// Strips the level headers (SOH followed by a level digit, 'c' for a continuation or 'd' for the
// default level) off text, noting what they said in level and cont. Atomic-safe.
std::string_view strip_headers(std::string_view text, int &level, bool &cont)
{
    while (text.size() >= 2 && text[0] == '\001') {
        char c = text[1];
        if (c >= '0' && c <= '7')
            level = c - '0';
        else if (c == 'c')
            cont = true;
        else if (c != 'd')
            break;
        text.remove_prefix(2);
    }
    return text;
}

}  // namespace

// "[%5lu.%06lu] " for ts_ns, as the kernel's print_time() writes it, into out (32 bytes);
// returns its length. Atomic-safe.
size_t Console::format_prefix(char *out, uint64_t ts_ns)
{
    const uint64_t sec = ts_ns / 1'000'000'000ull;
    const uint64_t usec = ts_ns % 1'000'000'000ull / 1000;
    return fmt::format_to_n(out, 32, FMT_COMPILE("[{:5}.{:06}] "), sec, usec).size;
}

// The prefix of a record stamped ts_ns: consecutive records often share a timestamp (always in
// virtual time between two clock advances), so the last one is kept. Atomic-safe.
std::string_view Console::prefix(uint64_t ts_ns)
{
    if (ts_ns != prefix_ts_ || prefix_len_ == 0) {
        prefix_len_ = format_prefix(prefix_, ts_ns);
        prefix_ts_ = ts_ns;
    }
    return {prefix_, prefix_len_};
}

Console::Console(int fd, bool timestamps, ConsoleStyle style)
    : fd_(fd), timestamps_(timestamps), style_(style), buf_(new char[kBufBytes])
{
}

Console::~Console() { flush(); }

void Console::put(const char *p, size_t n)
{
    if (used_ + n > kBufBytes) {
        flush();
        if (n > kBufBytes)
            return write_out(p, n);
    }
    std::memcpy(buf_.get() + used_, p, n);
    used_ += n;
}

void Console::put_line(std::string_view stamp, std::string_view line)
{
    const size_t n = stamp.size() + line.size() + 1;
    if (used_ + n > kBufBytes) {
        put(stamp.data(), stamp.size());
        put(line.data(), line.size());
        return put("\n", 1);
    }
    char *p = buf_.get() + used_;
    if (!stamp.empty())   // an empty view may have no data pointer, which memcpy must not get
        std::memcpy(p, stamp.data(), stamp.size());
    if (!line.empty())
        std::memcpy(p + stamp.size(), line.data(), line.size());
    p[n - 1] = '\n';
    used_ += n;
}

namespace {

// util-linux dmesg's escape for a record's text at level (alert and crit, err, warn), or none.
std::string_view level_color(int level)
{
    switch (level) {
    case 1: return "\033[7m\033[31m";   // alert: reversed red
    case 2: return "\033[1m\033[31m";   // crit: bold red
    case 3: return "\033[31m";          // err: red
    case 4: return "\033[1m";           // warn: bold
    default: return {};
    }
}

// dmesg's subsystem prefix: up to the first ':' that a blank follows, with that blank; or 0.
size_t subsystem_length(std::string_view line)
{
    for (size_t i = line.find(':'); i != std::string_view::npos; i = line.find(':', i + 1))
        if (i + 1 < line.size() && (line[i + 1] == ' ' || line[i + 1] == '\t'))
            return i + 2;
    return 0;
}

}  // namespace

void Console::put_colored_line(std::string_view stamp, std::string_view line, int level)
{
    constexpr std::string_view green = "\033[32m", yellow = "\033[33m", reset = "\033[0m";
    if (!stamp.empty()) {
        put(green.data(), green.size());
        put(stamp.data(), stamp.size());
        put(reset.data(), reset.size());
    }
    if (size_t sub = subsystem_length(line)) {
        put(yellow.data(), yellow.size());
        put(line.data(), sub);
        put(reset.data(), reset.size());
        line.remove_prefix(sub);
    }
    std::string_view color = level_color(level);
    if (!color.empty() && !line.empty())
        put(color.data(), color.size());
    put(line.data(), line.size());
    if (!color.empty() && !line.empty())
        put(reset.data(), reset.size());
    put("\n", 1);
}

void Console::print(const LogRecord &r, std::string_view text)
{
    if (fd_ < 0 || !(style_.levels >> (r.level & 7) & 1))
        return;
    if (style_.raw && text.rfind("kshim: ", 0) == 0)
        return;
    const std::string_view stamp = timestamps_ ? prefix(r.ts_ns) : std::string_view();
    // Every line of a multi-line record gets the record's prefix, as the kernel's console does.
    for (;;) {
        size_t nl = text.find('\n');
        if (style_.color)
            put_colored_line(stamp, text.substr(0, nl), r.level);
        else
            put_line(stamp, text.substr(0, nl));
        if (nl == std::string_view::npos)
            break;
        text.remove_prefix(nl + 1);
    }
    if (used_ >= kFlushAt)
        flush();
}

void Console::write_out(const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd_, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        p += w;
        n -= (size_t)w;
    }
}

void Console::flush()
{
    if (mid_line_ && used_) {
        write_out("\n", 1);
        mid_line_ = false;
    }
    write_out(buf_.get(), used_);
    used_ = 0;
}

void Console::write_text(std::string_view text)
{
    flush();
    if (text.empty())
        return;
    write_out(text.data(), text.size());
    mid_line_ = text.back() != '\n';
}

Printk::Printk(Clock &clock, std::function<LogCaller()> caller, int console_fd, bool timestamps,
               int console_level, ConsoleStyle style)
    : clock_(clock), console_(console_fd, timestamps, style), text_(new char[kTextBytes]),
      caller_(std::move(caller))
{
    ring_.reserve(kRecords);  // address space only: pages are touched as records arrive
    console_printk[0] = console_level;
    console_printk[1] = 4;
}

Printk::~Printk() { flush(); }

int Printk::level_of(const char *kern_level)
{
    return kern_level && kern_level[0] == '\001' ? kern_level[1] - '0' : 4;
}

int Printk::console_level() const { return console_printk[0]; }

void Printk::print(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

std::string_view Printk::format_line(char (&buf)[1024], const char *fmt, va_list ap, int &level, bool &cont,
                                     bool &newline)
{
    int n = vformat(buf, sizeof buf, fmt, ap);
    size_t len = n < 0 ? 0 : std::min((size_t)n, sizeof buf - 1);
    std::string_view text = strip_headers(std::string_view(buf, len), level, cont);
    newline = !text.empty() && text.back() == '\n';
    if (newline)
        text.remove_suffix(1);
    if (text.size() > kLineMax)
        text = text.substr(0, kLineMax);
    return text;
}

int Printk::vprintk(const char *fmt, va_list ap)
{
    char buf[1024];
    int level = -1;
    bool cont = false, newline = false;
    std::string_view text = format_line(buf, fmt, ap, level, cont, newline);
    store(level, cont, text, newline);
    return (int)text.size();
}

int Printk::vtrace_printk(const char *fmt, va_list ap)
{
    static constexpr const char *kNotice[] = {
        "", "**********************************************************",
        "**   NOTICE NOTICE NOTICE NOTICE NOTICE NOTICE NOTICE   **",
        "**                                                      **",
        "** trace_printk() being used. Allocating extra memory.  **",
        "**                                                      **",
        "** This means that this is a DEBUG kernel and it is     **",
        "** unsafe for production use.                           **",
        "**                                                      **",
        "** If you see this message and you are not debugging    **",
        "** the kernel, report this immediately to your vendor!  **",
        "**                                                      **",
        "**   NOTICE NOTICE NOTICE NOTICE NOTICE NOTICE NOTICE   **",
        "**********************************************************"};
    if (!trace_notice_done_) {
        trace_notice_done_ = true;
        for (const char *line : kNotice)
            emit(4, line);
    }
    char buf[1024];
    int level = 6;   // KERN_INFO unless the format names a level
    bool cont = false, newline = false;
    std::string_view text = format_line(buf, fmt, ap, level, cont, newline);
    store(level, false, text, true);   // each call is an entry of its own, newline or not
    return (int)text.size();
}

void Printk::emit(int level, std::string_view text)
{
    bool newline = !text.empty() && text.back() == '\n';
    if (newline)
        text.remove_suffix(1);
    store(level, false, text, true);
}

void Printk::drop_oldest()
{
    head_ = (head_ + 1) % kRecords;
    --count_;
}

void Printk::reclaim(size_t from, size_t len)
{
    // Drop the oldest records whose text [from, from + len) would overwrite; texts are laid out
    // in record order around the ring, so only the oldest can be in the way.
    while (count_ > 1) {
        const LogRecord &old = ring_[head_];
        if (old.off >= from + len || old.off + old.len <= from)
            break;
        drop_oldest();
    }
}

uint32_t Printk::place(size_t len)
{
    if (wpos_ + len > kTextBytes)
        wpos_ = 0;
    reclaim(wpos_, len);
    uint32_t off = (uint32_t)wpos_;
    wpos_ += len;
    return off;
}

void Printk::append(std::string_view more)
{
    LogRecord &r = back();
    if (r.off + r.len == wpos_ && wpos_ + more.size() <= kTextBytes) {
        reclaim(wpos_, more.size());
        std::memcpy(text_.get() + wpos_, more.data(), more.size());
        wpos_ += more.size();
        r.len += (uint32_t)more.size();
        return;
    }
    std::string joined(text(r));
    joined.append(more);
    r.off = place(joined.size());
    r.len = (uint32_t)joined.size();
    std::memcpy(text_.get() + r.off, joined.data(), joined.size());
}

LogRecord &Printk::new_record()
{
    if (count_ == kRecords)
        drop_oldest();
    tail_ = count_ ? (tail_ + 1) % kRecords : head_;
    if (ring_.size() < kRecords)
        ring_.emplace_back();
    ++count_;
    return back();
}

void Printk::store(int level, bool cont, std::string_view text, bool newline)
{
    LogCaller who = caller_();
    int caller = who.pid;
    // A continuation joins the open record of the same caller; anything else closes it.
    if (open_ && cont && back().caller == caller) {
        append(text);
        if (newline)
            finalize();
        return;
    }
    if (open_)
        finalize();
    LogRecord &r = new_record();
    r.seq = next_seq_++;
    r.ts_ns = clock_.now();
    r.level = level < 0 ? console_printk[1] : level;
    r.caller = caller;
    r.cpu = who.cpu;
    std::strncpy(r.comm, who.comm, sizeof r.comm - 1);
    r.comm[sizeof r.comm - 1] = 0;
    r.len = 0;
    r.off = place(text.size());
    std::memcpy(text_.get() + r.off, text.data(), text.size());
    r.len = (uint32_t)text.size();
    open_ = true;
    if (newline)
        finalize();
}

void Printk::finalize()
{
    open_ = false;
    const LogRecord &r = back();
    if (r.level < console_printk[0])
        console_.print(r, text(r));
}

void Printk::flush()
{
    if (open_)
        finalize();
    console_.flush();
}

std::vector<const LogRecord *> Printk::records() const
{
    std::vector<const LogRecord *> out;
    out.reserve(count_);
    for (size_t i = 0; i < count_; ++i)
        out.push_back(&ring_[(head_ + i) % kRecords]);
    return out;
}

std::vector<std::string> Printk::texts() const
{
    std::vector<std::string> out;
    for (const LogRecord *r : records())
        out.emplace_back(text(*r));
    return out;
}

}  // namespace kshim
