// C API bridges for BUG/WARN, might_sleep, panic, taint and not-implemented reports.
#include <cstdarg>
#include "debug/report.hpp"
#include "kernel.hpp"
#include "printk/strprintf.hpp"

#include "linux/bug.h"
#include "linux/kernel.h"
#include "linux/utsname.h"
#include "linux/uidgid.h"

#include "generated/compile.h"
#include "generated/utsrelease.h"

using kshim::Kernel;

extern "C" {

// As 6.1's init_uts_ns: two references, the initial user namespace, proc inode PROC_UTS_INIT_INO.
struct uts_namespace init_uts_ns = {
    .name = {"Linux", "kshim", UTS_RELEASE, UTS_VERSION, UTS_MACHINE, "(none)"},
    .user_ns = &init_user_ns,
    .ucounts = nullptr,
    .ns = {.stashed = {}, .ops = nullptr, .inum = 0xEFFFFFFEU, .count = REFCOUNT_INIT(2)},
};

void kshim_bug(const char *file, int line, unsigned long ip) { Kernel::get().reports().bug(file, line, ip); }

void kshim_warn(const char *file, int line, unsigned long ip, int taint, const char *fmt, ...)
{
    (void)taint;
    va_list ap;
    va_start(ap, fmt);
    std::string msg = kshim::Reports::message(fmt, ap);
    va_end(ap);
    Kernel::get().reports().warn(file, line, ip, msg);
}

void kshim_might_sleep(const char *file, int line) { Kernel::get().reports().check_might_sleep(file, line); }

void panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    std::string msg = kshim::Reports::message(fmt, ap);
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
    kshim::Reports::refcount_warn(__FILE__, __LINE__, (uintptr_t)__builtin_return_address(0), what);
}

}  // extern "C"
