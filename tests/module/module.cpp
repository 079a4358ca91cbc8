// Tests for the module loader (shim/src/module/module.cpp): fresh state on reload, insmod/rmmod task names, failed init, double load, reference counts.
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include "debug/report.hpp"
#include "kernel.hpp"
#include "kshim/testing.hpp"
#include "module/module.hpp"
#include "support/log_match.hpp"
#include "support/oracle.hpp"
#include "support/subprocess.hpp"

#include "linux/errno.h"

using kshim::testing::TestKernel;
using kshim_test::count_lines;
using kshim_test::test_module;

namespace {

// Loads module_state into k and returns its Module (the test stops if that fails).
kshim::Module *load_module_state(TestKernel &k)
{
    REQUIRE(k.load(test_module("module_state")) == 0);
    kshim::Module *m = k.kernel().modules().find("module_state");
    REQUIRE(m != nullptr);
    return m;
}

}  // namespace

TEST_CASE("Loading a module again after unloading it starts from fresh static state", "[module]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("module_state")) == 0);
    CHECK(k.unload("module_state").error == 0);
    REQUIRE(k.load(test_module("module_state")) == 0);
    CHECK(k.unload("module_state").error == 0);
    std::vector<std::string> want = {
        "module_state: init comm=insmod counter=6 bss=1",
        "module_state: exit comm=rmmod counter=6",
        "module_state: init comm=insmod counter=6 bss=1",
        "module_state: exit comm=rmmod counter=6",
    };
    CHECK(k.log_texts() == want);
}

TEST_CASE("A second kernel in the same process loads the module with fresh state too", "[module]")
{
    for (int round = 0; round < 2; ++round) {
        TestKernel k;
        REQUIRE(k.load(test_module("module_state")) == 0);
        CHECK(k.log_contains("module_state: init comm=insmod counter=6 bss=1"));
        CHECK(k.unload("module_state").error == 0);
    }
}

TEST_CASE("A module whose init fails with -ENOMEM is not loaded and its exit never runs", "[module]")
{
    TestKernel k;
    CHECK(k.load(test_module("init_enomem")) == -ENOMEM);
    CHECK(k.log_texts() == std::vector<std::string>{"init_enomem: failing"});
    CHECK(k.kernel().modules().find("init_enomem") == nullptr);
    CHECK(k.unload("init_enomem").error == -ENOENT);
    // It can be loaded again: nothing of the failed attempt is left.
    CHECK(k.load(test_module("init_enomem")) == -ENOMEM);
}

TEST_CASE("Loading a module that is already loaded fails with -EEXIST", "[module]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("module_state")) == 0);
    CHECK(k.load(test_module("module_state")) == -EEXIST);
    CHECK(k.log_texts().size() == 1);  // init ran once
    CHECK(k.unload("module_state").error == 0);
}

TEST_CASE("A file that does not exist cannot be loaded", "[module]")
{
    TestKernel k;
    CHECK(k.load(test_module("no_such_module")) < 0);
    CHECK(k.kernel().modules().list().empty());
}

TEST_CASE("Several modules live in one kernel and unload independently", "[module]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("module_state")) == 0);
    REQUIRE(k.load(test_module("params_all"), {"num=3"}) == 0);
    CHECK(k.kernel().modules().linked_in() == "params_all module_state");
    CHECK(k.unload("module_state").error == 0);
    CHECK(k.kernel().modules().find("params_all") != nullptr);
    CHECK(k.unload("params_all").error == 0);
    CHECK(k.kernel().modules().list().empty());
}

TEST_CASE("A kernel torn down with a module still loaded leaves no module state to the next kernel", "[module]")
{
    // Kernel teardown must unmap its modules: otherwise the next kernel's dlopen of the same
    // file finds the old mapping and its statics.
    {
        TestKernel k;
        REQUIRE(k.load(test_module("module_state")) == 0);
    }
    TestKernel k;
    REQUIRE(k.load(test_module("module_state")) == 0);
    CHECK(k.log_texts() == std::vector<std::string>{"module_state: init comm=insmod counter=6 bss=1"});
    k.unload("module_state");
}

TEST_CASE("At unload the loader reports and retires the timers, delayed and queued work and workqueues a module forgot", "[module]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("unload_leftovers")) == 0);
    CHECK(k.unload("unload_leftovers").error == 0);
    CHECK(count_lines(k, "kshim: work item forgotten_work_fn [unload_leftovers] is still queued on forgotten after "
                         "module_exit of unload_leftovers; a real kernel would oops running it") == 1);
    CHECK(count_lines(k, "kshim: workqueue forgotten of unload_leftovers was not destroyed at module_exit (leaked)") == 1);
    // The delayed item's timer is named after the work function it would queue.
    CHECK(count_lines(k, "kshim: timer for forgotten_dwork_fn [unload_leftovers] is still pending after module_exit "
                         "of unload_leftovers; a real kernel would oops when it fires") == 1);
    CHECK(count_lines(k, "kshim: timer for forgotten_timer_fn [unload_leftovers] is still pending after module_exit "
                         "of unload_leftovers; a real kernel would oops when it fires") == 1);
    // Retired: nothing of the module runs afterwards.
    k.run_for(20ull * 1000000000ull);
    CHECK(count_lines(k, " ran") == 0);
}

TEST_CASE("try_module_get and module_put move the module's reference count", "[module]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("module_refs")) == 0);
    CHECK(k.log_contains("module_refs: get 1 refcount 1 level 1"));
    CHECK(k.log_contains("module_refs: refcount after init 0"));
    CHECK(k.unload("module_refs").error == 0);
    CHECK(k.log_contains("module_refs: exit"));
}

TEST_CASE("A module whose reference is still held cannot be removed", "[module]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("module_refs"), {"hold"}) == 0);
    CHECK(k.unload("module_refs").error == -11);  // -EWOULDBLOCK, as delete_module returns
    CHECK_FALSE(k.log_contains("module_refs: exit"));

    kshim_test::ProcResult r = kshim_test::run_process(
        {kshim_test::kshim_run(), "--time", "virtual", "--no-timestamps", test_module("module_refs"), "hold=1"});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 1);
    std::string out = r.out + r.err;
    CHECK(out.find("rmmod: ERROR: Module module_refs is in use") != std::string::npos);
}

TEST_CASE("Modules counts the references on a loaded module, and built-in code is always there", "[module]")
{
    TestKernel k;
    kshim::Modules &mods = k.kernel().modules();
    kshim::Module *m = load_module_state(k);
    CHECK(mods.refcount(m->mod) == 0);
    CHECK(mods.try_get(m->mod));
    mods.get(m->mod);
    CHECK(mods.refcount(m->mod) == 2);
    CHECK(k.unload("module_state").error == -EWOULDBLOCK);
    CHECK(mods.is_live(m->mod));  // a refused rmmod leaves the module live
    mods.put(m->mod);
    CHECK(mods.refcount(m->mod) == 1);
    mods.put(m->mod);
    CHECK(mods.refcount(m->mod) == 0);
    // nullptr is THIS_MODULE of built-in code: always gettable, never counted.
    CHECK(mods.try_get(nullptr));
    mods.get(nullptr);
    mods.put(nullptr);
    CHECK(mods.refcount(nullptr) == 0);
    CHECK(k.unload("module_state").error == 0);
}

// Linux 6.1's module_put decrements only a positive count (atomic_dec_if_positive) and WARNs
// on an unbalanced put.
TEST_CASE("An unbalanced module_put warns and leaves the reference count at zero", "[module]")
{
    TestKernel k;
    kshim::Modules &mods = k.kernel().modules();
    kshim::Module *m = load_module_state(k);
    mods.put(m->mod);
    CHECK(mods.refcount(m->mod) == 0);
    CHECK(k.warnings() == 1);
    CHECK(k.unload("module_state").error == 0);
}

TEST_CASE("A module sees Debian 6.1's configuration through kbuild's forced kconfig.h, as the real build does", "[module][kconfig]")
{
    kshim_test::OracleRun r = kshim_test::run_against_oracle("kconfig_branches");
    CHECK(r.exit_code == 0);
    REQUIRE(r.want.size() == 7);
    CHECK(r.got == r.want);
}

TEST_CASE("A kworker asleep in a work function of a module being unloaded is reported and parked instead of resumed into freed code", "[module]")
{
    kshim::testing::TestKernel k;
    REQUIRE(k.load(kshim_test::test_module("unload_sleeping_work")) == 0);
    k.run_for(100'000'000);  // the work is asleep in msleep(500)
    auto r = k.unload("unload_sleeping_work");
    CHECK(r.tasks_left == 1);
    CHECK(k.bugs() == 1);
    bool saw = false;
    std::regex line(R"(^kshim: kworker/\d+:\d+:\d+ is still inside sleepy_fn \[unload_sleeping_work\] \(asleep in sleepy_fn\+0x[0-9a-f]+/0x[0-9a-f]+ \[unload_sleeping_work\]\) after module_exit of unload_sleeping_work; .* parked for good$)");
    for (const std::string &t : k.log_texts())
        saw |= std::regex_match(t, line);
    CHECK(saw);
    CHECK(k.log_contains(" sleepy_fn+0x"));  // its call trace
    k.run_for(2'000'000'000);  // the msleep would have ended: nothing runs the unmapped code
    CHECK_FALSE(k.log_contains("work wakes"));
    CHECK(k.bugs() == 1);
    REQUIRE(k.load(kshim_test::test_module("unload_clean_work")) == 0);  // the pools still work
    CHECK(k.unload("unload_clean_work").tasks_left == 0);
    CHECK(k.log_contains("unload_clean_work: work done"));
}

TEST_CASE("The correct twin whose exit cancels its sleeping work item is not flagged", "[module]")
{
    kshim::testing::TestKernel k;
    REQUIRE(k.load(kshim_test::test_module("unload_clean_work")) == 0);
    k.run_for(100'000'000);
    auto r = k.unload("unload_clean_work");
    CHECK(r.tasks_left == 0);
    CHECK(k.bugs() == 0);
    CHECK(k.log_contains("unload_clean_work: work done"));
}

TEST_CASE("An RCU callback in a module's code still pending at unload is reported and dropped", "[module]")
{
    kshim::testing::TestKernel k;
    REQUIRE(k.load(kshim_test::test_module("unload_rcu_pending")) == 0);
    k.unload("unload_rcu_pending");
    CHECK(k.log_contains("kshim: RCU callback rcu_box_free [unload_rcu_pending] is still pending after module_exit of "
                         "unload_rcu_pending (no rcu_barrier); a real kernel would oops when it runs"));
    k.run_for(1'000'000'000);  // the grace period ends: the dropped callback does not run
    CHECK(k.live_allocations() == 1);  // so its object stays allocated
}

TEST_CASE("Modules linked in names the last unloaded module, as an oops through a stale pointer needs", "[module]")
{
    kshim::testing::TestKernel k;
    REQUIRE(k.load(kshim_test::test_module("unload_clean_work")) == 0);
    k.unload("unload_clean_work");
    CHECK(k.kernel().reports().linked_in() == "[last unloaded: unload_clean_work]");
}
