// The ASan build's reports in KASAN's 6.1 wording (BUG: KASAN: slab-out-of-bounds / use-after-free in FUNC), before ASan's own.
#pragma once

namespace kshim {

// In a KSHIM_SANITIZE=address build: registers the ASan error-report callback that prints,
// into the kernel log, mm/kasan/report.c's report of the access ASan found (the bug type
// taken from kshim's own objects: a live object's red zone is slab-out-of-bounds, a
// quarantined one use-after-free), and flushes the log before ASan ends the process.
// Nothing in other builds. Process context; idempotent.
void install_kasan_reports();

}  // namespace kshim
