// debugobjects' report text: "ODEBUG: free active (active state 0) object type: work_struct hint: ...".
#include "debug/debugobjects.hpp"

#include <cstdarg>
#include <string>

#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"
#include "printk/format.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"

namespace kshim {

namespace {

const char *state_name(OdebugState s)
{
    switch (s) {
    case OdebugState::None: return "none";
    case OdebugState::Init: return "initialized";
    case OdebugState::Inactive: return "inactive";
    case OdebugState::Active: return "active";
    case OdebugState::Destroyed: return "destroyed";
    case OdebugState::NotAvailable: return "not available";
    }
    return "none";
}

// The kernel's own formatting (%p hashed as printk hashes it).
std::string kernel_format(const char *fmt, ...)
{
    char buf[160];
    va_list ap;
    va_start(ap, fmt);
    vformat(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return buf;
}

}  // namespace

void odebug_stack_mismatch(Kernel &k, const void *addr, bool annotated, const void *stack_page, uintptr_t site)
{
    if (k.reports().count(ReportKind::OdebugOnStack) > 4)
        return;
    const char *how = annotated ? "is NOT on stack %p, but annotated." : "is on stack %p, but NOT annotated.";
    std::string fmt = std::string("ODEBUG: object %p ") + how;
    k.log().emit(4, kernel_format(fmt.c_str(), addr, stack_page));
    k.reports().warn("lib/debugobjects.c", 558, site, "", ReportKind::OdebugOnStack);
}

void odebug_report(Kernel &k, const char *msg, OdebugState state, const char *type, const void *hint,
                   uintptr_t site)
{
    const std::string h = hint ? k.symbols().text((uintptr_t)hint, 'S') : std::string("0x0");
    k.reports().warn("lib/debugobjects.c", 515, site,
                     strprintf("ODEBUG: %s %s (active state 0) object type: %s hint: %s", msg, state_name(state),
                               type, h.c_str()));
}

}  // namespace kshim
