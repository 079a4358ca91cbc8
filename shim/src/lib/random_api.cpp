// C API bridges for get_random_* (linux/random.h): the current kernel's seeded generator.
#include "kernel.hpp"
#include "lib/random.hpp"

#include "linux/random.h"

using kshim::Kernel;

extern "C" {

u64 get_random_u64(void) { return Kernel::get().random().u64(); }
u32 get_random_u32(void) { return (u32)Kernel::get().random().u64(); }
void get_random_bytes(void *buf, size_t len) { Kernel::get().random().fill(buf, len); }

}  // extern "C"
