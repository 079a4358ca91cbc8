// The kernel's random numbers: splitmix64 over the run's seed, so one seed gives one run.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kshim {

// Deterministic per seed. Not thread-safe (one host thread); every member is atomic-safe.
class Random {
public:
    explicit Random(uint64_t seed) : state_(seed) {}
    uint64_t u64();
    // Fills len bytes, eight at a time from u64().
    void fill(void *buf, size_t len);

private:
    uint64_t state_;
};

}  // namespace kshim
