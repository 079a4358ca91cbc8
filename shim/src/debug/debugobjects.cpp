// debugobjects' report text: "ODEBUG: free active (active state 0) object type: work_struct hint: ...".
#include "debug/debugobjects.hpp"

#include <string>

#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"
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

}  // namespace

void odebug_report(Kernel &k, const char *msg, OdebugState state, const char *type, const void *hint,
                   uintptr_t site)
{
    const std::string h = hint ? k.symbols().text((uintptr_t)hint, 'S') : std::string("0x0");
    k.reports().warn("lib/debugobjects.c", 515, site,
                     strprintf("ODEBUG: %s %s (active state 0) object type: %s hint: %s", msg, state_name(state),
                               type, h.c_str()));
}

}  // namespace kshim
