// The UBSan build's end of run: the kernel log flushed and the run's end said, after UBSan's own report.
#pragma once

namespace kshim {

// In a KSHIM_SANITIZE=undefined build: registers UBSan's death callback, which flushes the
// active kernel's log (everything printk'd before the undefined behaviour, which UBSan's exit
// would otherwise lose) and says on stderr that UBSan's report above ended the run. Nothing in
// other builds. Process context; idempotent.
void install_ubsan_reports();

}  // namespace kshim
