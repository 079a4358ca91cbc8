// Module reference counts refuse rmmod while held; module_param_cb runs the module's own setter.
#include <catch2/catch.hpp>

#include <string>

#include "kshim/testing.hpp"
#include "support/subprocess.hpp"

using kshim::testing::TestKernel;

namespace {
const std::string kMod = kshim_test::test_module("module_refs");
}

TEST_CASE("try_module_get and module_put move the module's reference count", "[module]")
{
    TestKernel k;
    REQUIRE(k.load(kMod) == 0);
    CHECK(k.log_contains("module_refs: get 1 refcount 1 level 1"));
    CHECK(k.log_contains("module_refs: refcount after init 0"));
    CHECK(k.unload("module_refs").error == 0);
    CHECK(k.log_contains("module_refs: exit"));
}

TEST_CASE("A module whose reference is still held cannot be removed", "[module]")
{
    TestKernel k;
    REQUIRE(k.load(kMod, {"hold"}) == 0);
    CHECK(k.unload("module_refs").error == -11);  // -EWOULDBLOCK, as delete_module returns
    CHECK_FALSE(k.log_contains("module_refs: exit"));

    kshim_test::ProcResult r =
        kshim_test::run_process({kshim_test::kshim_run(), "--time", "virtual", "--no-timestamps", kMod, "hold=1"});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 1);
    std::string out = r.out + r.err;
    CHECK(out.find("rmmod: ERROR: Module module_refs is in use") != std::string::npos);
}

TEST_CASE("module_param_cb values go through the module's setter, which may refuse them", "[params]")
{
    {
        TestKernel k;
        REQUIRE(k.load(kMod, {"level=2"}) == 0);
        CHECK(k.log_contains("module_refs: level set to 2"));
        CHECK(k.log_contains("module_refs: get 1 refcount 1 level 2"));
    }
    TestKernel k;
    CHECK(k.load(kMod, {"level=9"}) == -22);
    CHECK(k.log_contains("module_refs: `9' invalid for parameter `level'"));
    CHECK_FALSE(k.log_contains("module_refs: get"));
}
