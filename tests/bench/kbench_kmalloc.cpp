// Memory benchmark: kmalloc + kfree pairs from a kernel task (SLUB debug's cost) against glibc's malloc + free.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "kshim/testing.hpp"
#include "linux/gfp.h"
#include "linux/slab.h"

namespace {

constexpr long kPairs = 200'000;  // kmalloc + kfree pairs per sample
constexpr int kSamples = 5;
constexpr size_t kSizes[] = {24, 64, 200, 1000};

// Keeps the compiler from dropping an allocation it can see is unused.
void touch(void *p)
{
    asm volatile("" : : "r"(p) : "memory");
}

// ns per kmalloc + kfree pair, sizes in rotation, from a task of a fresh kernel. KFENCE samples
// as the runner does (--kfence=100): guarding every pair, as the test API's default does, costs
// two mprotect calls per pair and measures KFENCE, not the slabs.
double kshim_sample()
{
    kshim::testing::Config cfg;
    cfg.kfence_sample_ms = 100;
    kshim::testing::TestKernel k(cfg);
    double ns = 0;
    k.run_task([&ns] {
        uint64_t t0 = bench::now_ns();
        for (long i = 0; i < kPairs; ++i) {
            void *p = kmalloc(kSizes[i & 3], GFP_KERNEL);
            touch(p);
            kfree(p);
        }
        ns = double(bench::now_ns() - t0) / kPairs;
        return 0L;
    });
    return ns;
}

// The peer: glibc's malloc + free of the same sizes.
double malloc_sample()
{
    uint64_t t0 = bench::now_ns();
    for (long i = 0; i < kPairs; ++i) {
        void *p = std::malloc(kSizes[i & 3]);
        touch(p);
        std::free(p);
    }
    return double(bench::now_ns() - t0) / kPairs;
}

}  // namespace

int main()
{
    std::vector<double> ks, ms;
    for (int s = 0; s < kSamples; ++s) {
        ks.push_back(kshim_sample());
        ms.push_back(malloc_sample());
    }
    double k = bench::median(ks), m = bench::median(ms);
    std::printf("kbench_kmalloc: kmalloc+kfree %.0f ns per pair, malloc+free %.0f ns per pair, ratio %.1fx\n", k, m,
                m > 0 ? k / m : 0);
    return bench::verdict("kbench_kmalloc", k < 2000, "< 2 us per kmalloc+kfree pair");
}
