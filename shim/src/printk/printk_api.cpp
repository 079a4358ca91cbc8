// C API bridges for printk (linux/printk.h, ratelimit.h).
#include <string>
#include "debug/report.hpp"
#include "kernel.hpp"
#include "printk/dump.hpp"
#include "printk/log.hpp"

#include "linux/jiffies.h"
#include "linux/printk.h"

using kshim::Kernel;

extern "C" {

int vprintk(const char *fmt, va_list args) { return Kernel::get().log().vprintk(fmt, args); }

int _printk(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = Kernel::get().log().vprintk(fmt, ap);
    va_end(ap);
    return n;
}

int __trace_printk(unsigned long, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = Kernel::get().log().vtrace_printk(fmt, ap);
    va_end(ap);
    return n;
}

void dump_stack_lvl(const char *log_lvl)
{
    Kernel::get().reports().dump_stack(kshim::Printk::level_of(log_lvl), 1);
}

void dump_stack(void) { Kernel::get().reports().dump_stack(4, 1); }

int hex_dump_to_buffer(const void *buf, unsigned long len, int rowsize, int groupsize, char *linebuf,
                       unsigned long linebuflen, bool ascii)
{
    return kshim::hex_dump_line(buf, len, rowsize, groupsize, linebuf, linebuflen, ascii);
}

void print_hex_dump(const char *level, const char *prefix_str, int prefix_type, int rowsize,
                    int groupsize, const void *buf, unsigned long len, bool ascii)
{
    kshim::print_hex_dump(Kernel::get().log(), level, prefix_str, prefix_type, rowsize, groupsize,
                          buf, len, ascii);
}

int ___ratelimit(struct ratelimit_state *rs, const char *func)
{
    return kshim::ratelimit(Kernel::get().log(), rs, func, jiffies);
}

}  // extern "C"
