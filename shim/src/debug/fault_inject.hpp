// Fault injection: failslab / fail_page_alloc attributes and fail-nth, the one decision point allocation paths ask.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace kshim {

class Kernel;

// One fault_attr (lib/fault-inject.c): fail with `probability` percent, on every
// `interval`-th eligible call, at most `times` times (-1: no limit), once `space` bytes have
// been allocated without failing. verbose: 0 silent, 1 the FAULT_INJECTION lines, 2 also a
// stack dump. ignore_gfp_reclaim: sleeping allocations never fail (failslab's default, not
// kshim's: see docs/detectors.md).
struct FaultAttr {
    unsigned long probability = 0;
    unsigned long interval = 1;
    long times = 1;
    long space = 0;
    int verbose = 2;
    bool ignore_gfp_reclaim = false;
    unsigned long count = 0;   // eligible calls seen (for interval)
};

// What the runner's --fail / --fail-nth options ask for.
struct FaultConfig {
    bool slab_on = false, page_on = false;
    FaultAttr slab;            // --fail=kmalloc:...  (failslab)
    FaultAttr page;            // --fail=vmalloc:...  (fail_page_alloc)
    unsigned long fail_nth = 0;   // --fail-nth=N: the N-th fallible call from module code fails
};

// The fallible calls fault injection can fail. Each fails as its kernel counterpart does when
// the allocation inside it fails.
enum class FaultCall : unsigned char {
    Kmalloc, KmemCacheAlloc, Vmalloc, Pages, KthreadCreate, AllocWorkqueue, RequestIrq, RegisterChrdev
};

// Decides which allocations fail. Only calls made from module code are eligible (kshim's own
// allocations never fail), and never one with __GFP_NOFAIL. Single host thread; atomic-safe.
class FaultInject {
public:
    FaultInject(Kernel &k, const FaultConfig &cfg);

    // Whether this call (size bytes, gfp flags, made from code at caller) fails. Atomic-safe:
    // a failure prints FAULT_INJECTION's notice (and a stack dump when verbose).
    bool should_fail(FaultCall call, size_t size, unsigned gfp, uintptr_t caller)
    {
        return active_ && decide(call, size, gfp, caller);
    }
    // --fail=NAME:key=value,...: parses one attribute into cfg; an error message or empty.
    static std::string parse(const std::string &spec, FaultConfig &cfg);
    static const char *call_name(FaultCall call);
    // Fallible calls from module code so far this run (what --fail-nth counts). Atomic-safe.
    unsigned long calls() const { return calls_; }

private:
    bool decide(FaultCall call, size_t size, unsigned gfp, uintptr_t caller);
    bool attr_fails(FaultAttr &a, size_t size);
    void dump(const FaultAttr &a, const char *name, FaultCall call, uintptr_t caller, bool nth);

    Kernel &k_;
    FaultConfig cfg_;
    bool active_;
    unsigned long calls_ = 0;
    uint64_t rng_;             // prandom state of its own: module-visible randomness is unchanged
};

}  // namespace kshim
