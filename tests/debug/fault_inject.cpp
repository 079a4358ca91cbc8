// Tests for shim/src/debug/fault_inject.cpp: failslab's attributes, __GFP_NOFAIL, ignore-gfp-wait, fail-nth, module code only.
#include <algorithm>
#include <string>
#include <vector>

#include "debug/fault_inject.hpp"
#include "kshim/testing.hpp"
#include "support/log_match.hpp"
#include "support/subprocess.hpp"

#include "linux/slab.h"

#undef WARN
#include <catch2/catch.hpp>

using kshim::testing::Config;
using kshim::testing::TestKernel;
using kshim_test::count_lines;
using kshim_test::test_module;

namespace {

// Loads fault_allocs with params under the --fail specs; the line it prints ("N of M: +-+...").
std::string allocs_under(const std::vector<std::string> &fail, const std::vector<std::string> &params,
                         unsigned long fail_nth = 0)
{
    Config cfg;
    cfg.fail = fail;
    cfg.fail_nth = fail_nth;
    TestKernel k(cfg);
    REQUIRE(k.load(test_module("fault_allocs"), params) == 0);
    for (const std::string &t : k.log_texts())
        if (t.rfind("fault_allocs: ", 0) == 0)
            return t.substr(14);
    return "";
}

}  // namespace

TEST_CASE("failslab's probability and times fail the first allocations and then let them through", "[debug]")
{
    CHECK(allocs_under({"kmalloc:probability=100,times=3"}, {"count=6"}) == "3 of 6: ---+++");
    CHECK(allocs_under({"kmalloc:probability=100,times=-1"}, {"count=4"}) == "0 of 4: ----");
    CHECK(allocs_under({"kmalloc:probability=0,times=-1"}, {"count=4"}) == "4 of 4: ++++");
}

TEST_CASE("failslab's interval fails every N-th call and space lets the first bytes through", "[debug]")
{
    CHECK(allocs_under({"kmalloc:probability=100,interval=3,times=-1"}, {"count=7"}) == "5 of 7: ++-++-+");
    // space=250: two 100-byte calls pass (250 -> 150 -> 50), then space <= size and calls fail.
    CHECK(allocs_under({"kmalloc:probability=100,space=250,times=-1"}, {"count=4"}) == "2 of 4: ++--");
}

TEST_CASE("a probability between 0 and 100 fails some calls, the same ones for the same seed", "[debug]")
{
    std::string a = allocs_under({"kmalloc:probability=50,times=-1"}, {"count=40"});
    CHECK(a == allocs_under({"kmalloc:probability=50,times=-1"}, {"count=40"}));
    int failed = (int)std::count(a.begin(), a.end(), '-');
    CHECK(failed > 5);
    CHECK(failed < 35);
}

TEST_CASE("__GFP_NOFAIL never fails, and ignore-gfp-wait=Y spares sleeping allocations as failslab's default does", "[debug]")
{
    CHECK(allocs_under({"kmalloc:probability=100,times=-1"}, {"count=3", "nofail=1"}) == "3 of 3: +++");
    CHECK(allocs_under({"kmalloc:probability=100,times=-1,ignore-gfp-wait=Y"}, {"count=3"}) == "3 of 3: +++");
    CHECK(allocs_under({"kmalloc:probability=100,times=-1,ignore-gfp-wait=Y"}, {"count=3", "atomic=1"}) ==
          "0 of 3: ---");
}

TEST_CASE("fail-nth fails only the N-th fallible call of the run", "[debug]")
{
    CHECK(allocs_under({}, {"count=5"}, 4) == "4 of 5: +++-+");
    CHECK(allocs_under({}, {"count=5", "nofail=1"}, 2) == "5 of 5: +++++");
}

TEST_CASE("an injected failure prints FAULT_INJECTION's notice with the attributes and a stack", "[debug]")
{
    Config cfg;
    cfg.fail = {"kmalloc:probability=100,interval=1,times=2"};
    TestKernel k(cfg);
    REQUIRE(k.load(test_module("fault_allocs"), {"count=1"}) == 0);
    auto texts = k.log_texts();
    long at = kshim_test::find_line(texts, "FAULT_INJECTION: forcing a failure.");
    REQUIRE(at >= 0);
    CHECK(texts[at + 1] == "name failslab, interval 1, probability 100, space 0, times 2");
    CHECK(texts[at + 2].rfind("CPU: 0 PID: 100 Comm: insmod", 0) == 0);
    CHECK(k.log_contains(" fault_allocs_init+"));
    CHECK(k.reports().empty());
}

TEST_CASE("allocations outside module code never fail", "[debug]")
{
    Config cfg;
    cfg.fail = {"kmalloc:probability=100,times=-1"};
    cfg.fail_nth = 1;
    TestKernel k(cfg);
    long ok = k.run_task([] {
        void *p = kmalloc(32, GFP_KERNEL);
        kfree(p);
        return (long)(p != nullptr);
    });
    CHECK(ok == 1);
}

TEST_CASE("The --fail specs parse failslab's attributes and reject unknown ones", "[debug]")
{
    kshim::FaultConfig c;
    CHECK(kshim::FaultInject::parse("kmalloc:probability=10,interval=2,times=5,space=4096,verbose=1", c).empty());
    CHECK(c.slab_on);
    CHECK(c.slab.probability == 10);
    CHECK(c.slab.interval == 2);
    CHECK(c.slab.times == 5);
    CHECK(c.slab.space == 4096);
    CHECK(c.slab.verbose == 1);
    CHECK_FALSE(c.slab.ignore_gfp_reclaim);
    CHECK(kshim::FaultInject::parse("vmalloc:probability=100", c).empty());
    CHECK(c.page_on);
    CHECK_FALSE(kshim::FaultInject::parse("kmalloc:probability=101", c).empty());
    CHECK_FALSE(kshim::FaultInject::parse("kmalloc:bogus=1", c).empty());
    CHECK_FALSE(kshim::FaultInject::parse("pagecache:probability=1", c).empty());
}
