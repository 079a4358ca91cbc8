// get_random_*'s generator: splitmix64 steps over the seed, and byte fills from them.
#include "lib/random.hpp"

#include <cstring>

namespace kshim {

uint64_t Random::u64()
{
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void Random::fill(void *buf, size_t len)
{
    unsigned char *p = static_cast<unsigned char *>(buf);
    while (len) {
        uint64_t v = u64();
        size_t n = len < sizeof v ? len : sizeof v;
        std::memcpy(p, &v, n);
        p += n;
        len -= n;
    }
}

}  // namespace kshim
