// Tests for shim/src/module/notifier.cpp: chain order and results as on 6.1, the module chain's events and veto, blocks left at unload.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kshim/testing.hpp"
#include "support/log_match.hpp"
#include "support/oracle.hpp"
#include "support/subprocess.hpp"

#include "linux/errno.h"
#include "linux/notifier.h"
#include "linux/reboot.h"

using kshim::testing::TestKernel;
using kshim_test::count_lines;
using kshim_test::test_module;

TEST_CASE("Notifier chains of every flavour call, stop, veto and roll back exactly as Linux 6.1 does", "[module]")
{
    kshim_test::OracleRun r = kshim_test::run_against_oracle("notifier_chains");
    CHECK(r.exit_code == 0);
    CHECK(r.got == r.want);
}

TEST_CASE("The module chain hears other modules come, go live and go, and its veto fails their load", "[module]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("notifier_chains"), {"veto_module=module_state"}) == 0);
    CHECK(count_lines(k, "module notifier_chains is now in state 0") == 1);  // its own LIVE
    REQUIRE(k.load(test_module("notifier_leak")) == 0);
    CHECK(count_lines(k, "module notifier_leak is now in state 1") == 1);    // COMING
    CHECK(count_lines(k, "module notifier_leak is now in state 0") == 1);    // LIVE
    CHECK(k.load(test_module("module_state")) == -EPERM);
    CHECK(count_lines(k, "module module_state is now in state 1") == 1);
    CHECK_FALSE(k.log_contains("module_state: init"));
    k.unload("notifier_leak");
    CHECK(count_lines(k, "module notifier_leak is now in state 2") == 1);    // GOING, after exit
    CHECK(k.unload("notifier_chains").error == 0);
    CHECK(k.log_contains("notifier_chains: unregister module notifier: 0, reboot: 0"));
}

TEST_CASE("A module that leaves notifier blocks on kernel chains is reported and its blocks unlinked", "[module]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("notifier_leak")) == 0);
    CHECK(k.log_contains("notifier_leak: reboot 0, module 0, own chain 0"));
    k.unload("notifier_leak");
    CHECK(count_lines(k, "kshim: notifier block forgotten_reboot [notifier_leak] is still registered after "
                         "module_exit of notifier_leak") == 1);
    CHECK(count_lines(k, "kshim: notifier block forgotten_module [notifier_leak] is still registered") == 1);
    CHECK(count_lines(k, "is still registered") == 2);  // the block on its own chain went with it
    CHECK(k.report_count("unload-leftover") == 2);
    CHECK(reboot_notifier_list.head == nullptr);
    // The module chain is empty again: a later load calls nothing from the unloaded code.
    REQUIRE(k.load(test_module("module_state")) == 0);
}

TEST_CASE("A module that unregisters its notifier blocks leaves nothing to report", "[module]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("notifier_chains")) == 0);
    CHECK(k.unload("notifier_chains").error == 0);
    CHECK(k.report_count("unload-leftover") == 0);
    CHECK(k.bugs() == 0);
    CHECK(k.warnings() == 0);
}

namespace {

int dup_cb(struct notifier_block *, unsigned long, void *) { return NOTIFY_OK; }

}  // namespace

TEST_CASE("Registering a block twice warns as 6.1 does and answers -EEXIST", "[module]")
{
    TestKernel k;
    k.run_task([] {
        static RAW_NOTIFIER_HEAD(chain);
        static struct notifier_block nb = {dup_cb, nullptr, 0};
        CHECK(raw_notifier_chain_register(&chain, &nb) == 0);
        CHECK(raw_notifier_chain_register(&chain, &nb) == -EEXIST);
        CHECK(raw_notifier_call_chain(&chain, 0, nullptr) == NOTIFY_OK);
        CHECK(raw_notifier_chain_unregister(&chain, &nb) == 0);
        return 0L;
    });
    CHECK(k.warnings() == 1);
    CHECK(k.log_contains("dup_cb"));  // the callback by name (%ps)
    CHECK(k.log_contains(" already registered"));
    CHECK(k.log_contains("at kernel/notifier.c:28"));
}
