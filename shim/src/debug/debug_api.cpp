// C API bridges for BUG/WARN, might_sleep, panic, taint and not-implemented reports.
#include <cstdarg>
#include <cstdio>
#include "debug/report.hpp"
#include "kernel.hpp"
#include "printk/strprintf.hpp"

#include "linux/bug.h"
#include "linux/kernel.h"
#include "linux/utsname.h"

#include "generated/compile.h"
#include "generated/utsrelease.h"

using kshim::Kernel;

namespace {

// The report text of a printf-style message, without its trailing newline.
std::string message(const char *fmt, va_list ap)
{
    std::string msg = kshim::vstrprintf(fmt, ap);
    if (!msg.empty() && msg.back() == '\n')
        msg.pop_back();
    return msg;
}

}  // namespace

extern "C" {

struct new_utsname init_uts_ns_name = {"Linux", "kshim", UTS_RELEASE, UTS_VERSION, UTS_MACHINE, "(none)"};

void kshim_bug(const char *file, int line, unsigned long ip) { Kernel::get().reports().bug(file, line, ip); }

void kshim_warn(const char *file, int line, unsigned long ip, int taint, const char *fmt, ...)
{
    (void)taint;
    std::string msg;
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        msg = message(fmt, ap);
        va_end(ap);
    }
    Kernel::get().reports().warn(file, line, ip, msg);
}

void kshim_might_sleep(const char *file, int line) { Kernel::get().reports().check_might_sleep(file, line); }

void panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    std::string msg = message(fmt, ap);
    va_end(ap);
    Kernel::get().reports().panic(msg);
}

void add_taint(unsigned int flag, int lockdep_ok)
{
    (void)lockdep_ok;
    Kernel::get().reports().add_taint(flag);
}

int test_taint(unsigned int flag) { return (Kernel::get().reports().taint() >> flag) & 1; }
unsigned long get_taint(void) { return Kernel::get().reports().taint(); }

int kshim_not_implemented(const char *name)
{
    Kernel::get().reports().not_implemented(name);
    return -ENOSYS;
}

void kshim_refcount_warn(const char *what)
{
    if (!Kernel::active()) {
        std::fprintf(stderr, "refcount_t: %s\n", what);
        return;
    }
    Kernel::get().reports().warn(__FILE__, __LINE__, (unsigned long)__builtin_return_address(0),
                                 std::string("refcount_t: ") + what);
}

}  // extern "C"
