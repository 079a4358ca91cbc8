// get_random_*: deterministic numbers from the kernel's seeded generator (same seed, same run).
#include <cstring>

#include "kernel.hpp"

#include "linux/random.h"

extern "C" {

u64 get_random_u64(void) { return kshim::Kernel::get().random_u64(); }
u32 get_random_u32(void) { return (u32)kshim::Kernel::get().random_u64(); }

void get_random_bytes(void *buf, size_t len)
{
    unsigned char *p = static_cast<unsigned char *>(buf);
    while (len) {
        uint64_t v = kshim::Kernel::get().random_u64();
        size_t n = len < sizeof v ? len : sizeof v;
        std::memcpy(p, &v, n);
        p += n;
        len -= n;
    }
}

}  // extern "C"
