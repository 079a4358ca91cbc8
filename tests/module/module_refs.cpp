// Module reference counts refuse rmmod while held; module_param_cb runs the module's own setter.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "kshim/testing.hpp"

using kshim::testing::TestKernel;

namespace {
const std::string kMod = std::string(KSHIM_TEST_MODULES) + "/module_refs.ko";
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

    std::string cmd = std::string(KSHIM_RUN) + " --time virtual --no-timestamps " + kMod + " hold=1 2>&1";
    FILE *p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[512];
    while (size_t n = fread(buf, 1, sizeof buf, p))
        out.append(buf, n);
    int status = pclose(p);
    CHECK(WEXITSTATUS(status) == 1);
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
