// Fault injection: should_fail's semantics (lib/fault-inject.c, mm/failslab.c) over the calls module code makes.
#include "debug/fault_inject.hpp"

#include <cstdlib>
#include <cstring>

#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"
#include "module/address_map.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"

#include "linux/gfp.h"

namespace kshim {

FaultInject::FaultInject(Kernel &k, const FaultConfig &cfg)
    : k_(k), cfg_(cfg), active_(cfg.slab_on || cfg.page_on || cfg.fail_nth), rng_(k.options().seed ^ 0xfa17)
{
}

const char *FaultInject::call_name(FaultCall call)
{
    static const char *const names[] = {"kmalloc",        "kmem_cache_alloc", "vmalloc",     "alloc_pages",
                                        "kthread_create", "alloc_workqueue",  "request_irq", "register_chrdev"};
    return names[(unsigned)call];
}

// should_fail_ex after fail-nth: probability, times, space, interval, then the dice.
bool FaultInject::attr_fails(FaultAttr &a, size_t size)
{
    if (a.probability == 0 || a.times == 0)
        return false;
    if (a.space > (long)size) {
        a.space -= (long)size;
        return false;
    }
    if (a.interval > 1 && ++a.count % a.interval)
        return false;
    rng_ = rng_ * 6364136223846793005ull + 1442695040888963407ull;
    return a.probability > (rng_ >> 33) % 100;
}

bool FaultInject::decide(FaultCall call, size_t size, unsigned gfp, uintptr_t caller)
{
    if (gfp & __GFP_NOFAIL)
        return false;
    if (!k_.module_map().find(caller))
        return false;                      // kshim's own allocations never fail
    const bool page = call == FaultCall::Vmalloc || call == FaultCall::Pages;
    FaultAttr &a = page ? cfg_.page : cfg_.slab;
    if (a.ignore_gfp_reclaim && (gfp & __GFP_DIRECT_RECLAIM))
        return false;
    const bool nth = cfg_.fail_nth && ++calls_ == cfg_.fail_nth;
    if (!nth && !((page ? cfg_.page_on : cfg_.slab_on) && attr_fails(a, size)))
        return false;
    if (!(gfp & __GFP_NOWARN))
        dump(a, page ? "fail_page_alloc" : "failslab", call, caller, nth);
    if (a.times > 0 && !nth)
        --a.times;
    return true;
}

// fail_dump's notice, then (for --fail-nth, which the sweep reads) which call failed where.
void FaultInject::dump(const FaultAttr &a, const char *name, FaultCall call, uintptr_t caller, bool nth)
{
    Printk &log = k_.log();
    if (a.verbose > 0 || nth) {
        log.emit(5, "FAULT_INJECTION: forcing a failure.");
        log.emit(5, strprintf("name %s, interval %lu, probability %lu, space %ld, times %ld", name, a.interval,
                              a.probability, a.space, a.times));
        if (a.verbose > 1)
            k_.reports().dump_stack(4, 3);
    }
    if (nth)
        log.emit(5, strprintf("kshim: fail-nth: call %lu (%s) from %s fails", calls_, call_name(call),
                              k_.symbols().text(caller, 'S').c_str()));
}

namespace {

// One key=value of --fail into a; false if the key is unknown or the value malformed.
bool set_key(FaultAttr &a, const std::string &key, const std::string &val)
{
    char *end = nullptr;
    long v = std::strtol(val.c_str(), &end, 10);
    bool num = !val.empty() && *end == 0;
    if (key == "ignore-gfp-wait" && (val == "Y" || val == "N" || val == "1" || val == "0")) {
        a.ignore_gfp_reclaim = val == "Y" || val == "1";
        return true;
    }
    if (!num)
        return false;
    if (key == "probability" && v >= 0 && v <= 100)
        a.probability = (unsigned long)v;
    else if (key == "interval" && v >= 1)
        a.interval = (unsigned long)v;
    else if (key == "times" && v >= -1)
        a.times = v;
    else if (key == "space" && v >= 0)
        a.space = v;
    else if (key == "verbose" && v >= 0 && v <= 2)
        a.verbose = (int)v;
    else
        return false;
    return true;
}

}  // namespace

std::string FaultInject::parse(const std::string &spec, FaultConfig &cfg)
{
    size_t colon = spec.find(':');
    std::string what = spec.substr(0, colon);
    if (what != "kmalloc" && what != "vmalloc")
        return "unknown fault '" + what + "' (kmalloc or vmalloc)";
    FaultAttr &a = what == "kmalloc" ? cfg.slab : cfg.page;
    (what == "kmalloc" ? cfg.slab_on : cfg.page_on) = true;
    std::string rest = colon == std::string::npos ? "" : spec.substr(colon + 1);
    for (size_t pos = 0; pos < rest.size();) {
        size_t comma = rest.find(',', pos);
        std::string kv = rest.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        size_t eq = kv.find('=');
        if (eq == std::string::npos || !set_key(a, kv.substr(0, eq), kv.substr(eq + 1)))
            return "bad attribute '" + kv + "' (probability=0..100, interval>=1, times>=-1, space>=0, verbose=0..2, ignore-gfp-wait=Y|N)";
        pos = comma == std::string::npos ? rest.size() : comma + 1;
    }
    return {};
}

}  // namespace kshim
