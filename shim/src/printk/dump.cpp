// Hex dumps (hex_dump_to_buffer, print_hex_dump) and ___ratelimit.
#include "printk/dump.hpp"
#include <cstring>
#include <string>
#include "printk/log.hpp"
#include "printk/strprintf.hpp"

#include "linux/printk.h"
#include "linux/ratelimit_types.h"

namespace kshim {

int hex_dump_line(const void *buf, size_t len, int rowsize, int groupsize, char *linebuf,
                  size_t linebuflen, bool ascii)
{
    const unsigned char *p = static_cast<const unsigned char *>(buf);
    if (rowsize != 16 && rowsize != 32)
        rowsize = 16;
    if (len > (size_t)rowsize)
        len = (size_t)rowsize;
    if (groupsize != 1 && groupsize != 2 && groupsize != 4 && groupsize != 8)
        groupsize = 1;
    if (len % (size_t)groupsize)
        groupsize = 1;
    std::string out;
    size_t ngroups = len / (size_t)groupsize;
    for (size_t g = 0; g < ngroups; ++g) {
        unsigned long long v = 0;
        std::memcpy(&v, p + g * (size_t)groupsize, (size_t)groupsize);
        out += strprintf("%s%0*llx", g ? " " : "", groupsize * 2, v);
    }
    if (ascii) {
        size_t column = (size_t)rowsize * 2 + (size_t)(rowsize / groupsize) + 1;
        if (out.size() < column)
            out.append(column - out.size(), ' ');
        for (size_t i = 0; i < len; ++i)
            out.push_back(p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '.');
    }
    if (linebuflen) {
        size_t n = std::min(out.size(), linebuflen - 1);
        std::memcpy(linebuf, out.data(), n);
        linebuf[n] = '\0';
    }
    return (int)out.size();
}

void print_hex_dump(Printk &log, const char *level, const char *prefix_str, int prefix_type,
                    int rowsize, int groupsize, const void *buf, size_t len, bool ascii)
{
    if (rowsize != 16 && rowsize != 32)
        rowsize = 16;
    const unsigned char *p = static_cast<const unsigned char *>(buf);
    char line[200];
    for (size_t i = 0; i < len; i += (size_t)rowsize) {
        size_t n = std::min(len - i, (size_t)rowsize);
        hex_dump_line(p + i, n, rowsize, groupsize, line, sizeof line, ascii);
        if (prefix_type == DUMP_PREFIX_ADDRESS)
            log.print("%s%s%p: %s\n", level, prefix_str, (const void *)(p + i), line);
        else if (prefix_type == DUMP_PREFIX_OFFSET)
            log.print("%s%s%.8zx: %s\n", level, prefix_str, i, line);
        else
            log.print("%s%s%s\n", level, prefix_str, line);
    }
}

int ratelimit(Printk &log, ratelimit_state *rs, const char *func, unsigned long now)
{
    if (!rs->interval)
        return 1;
    if (!rs->begin)
        rs->begin = now;
    if ((long)(now - (rs->begin + (unsigned long)rs->interval)) > 0) {
        if (rs->missed && !(rs->flags & RATELIMIT_MSG_ON_RELEASE)) {
            log.print(KERN_WARNING "%s: %d callbacks suppressed\n", func, rs->missed);
            rs->missed = 0;
        }
        rs->begin = now;
        rs->printed = 0;
    }
    if (rs->burst && rs->burst > rs->printed) {
        rs->printed++;
        return 1;
    }
    rs->missed++;
    return 0;
}

}  // namespace kshim
