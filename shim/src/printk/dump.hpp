// Hex dumps and message rate limiting, with the kernel's formats.
#pragma once

#include <cstddef>

struct ratelimit_state;

namespace kshim {

class Printk;

// hex_dump_to_buffer: one row of `len` bytes; returns the length the full line would have.
int hex_dump_line(const void *buf, size_t len, int rowsize, int groupsize, char *linebuf,
                  size_t linebuflen, bool ascii);
void print_hex_dump(Printk &log, const char *level, const char *prefix_str, int prefix_type,
                    int rowsize, int groupsize, const void *buf, size_t len, bool ascii);
// ___ratelimit: 1 if the caller may print now; reports suppressed callbacks when a window ends.
int ratelimit(Printk &log, ratelimit_state *rs, const char *func, unsigned long now_jiffies);

}  // namespace kshim
