// The UBSan build's death callback: the kernel log flushed before UBSan ends the process.
#include "debug/ubsan.hpp"

#if defined(KSHIM_SANITIZE_UNDEFINED)

#include <sanitizer/common_interface_defs.h>

#include <cstdio>

#include "kernel.hpp"
#include "printk/log.hpp"

namespace kshim {

namespace {

// Called by UBSan once its report is printed, just before it exits (the check is fatal:
// -fno-sanitize-recover), on whatever stack the undefined behaviour happened.
void on_ubsan_death()
{
    if (Kernel *k = Kernel::active())
        k->log().flush();
    std::fprintf(stderr, "kshim: UndefinedBehaviorSanitizer's report of it is above; the run ends here\n");
    std::fflush(stderr);
}

}  // namespace

void install_ubsan_reports() { __sanitizer_set_death_callback(&on_ubsan_death); }

}  // namespace kshim

#else

namespace kshim {
void install_ubsan_reports() {}
}  // namespace kshim

#endif
