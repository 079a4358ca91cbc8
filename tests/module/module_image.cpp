// Tests for shim/src/module/module_image.cpp: a module kept mapped across kernels starts every load from its pristine statics.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kshim/testing.hpp"
#include "module/module_image.hpp"
#include "support/subprocess.hpp"

#include "linux/errno.h"

using kshim::testing::TestKernel;
using kshim_test::test_module;

namespace {

// One kernel: load image_state with params, unload it; the log texts.
std::vector<std::string> load_once(const std::vector<std::string> &params)
{
    TestKernel k;
    REQUIRE(k.load(test_module("image_state"), params) == 0);
    REQUIRE(k.unload("image_state").error == 0);
    return k.log_texts();
}

}  // namespace

TEST_CASE("A kept module image starts each load from its static initialisers, whatever the run before it wrote", "[module]")
{
    const std::vector<std::string> fresh = load_once({});
    REQUIRE(fresh.size() >= 2);
    CHECK(fresh[0].find("loads=100 sum=0 name=pristine greeting=hello dirty=0") != std::string::npos);
    kshim::KeepModuleImages keep;
    const std::vector<std::string> a = load_once({});
    const std::vector<std::string> dirtied = load_once({"dirty=1"});
    CHECK(dirtied[0].find("loads=100 sum=0 name=pristine") != std::string::npos);
    CHECK(dirtied.back().find("exit loads=-1") != std::string::npos);
    const std::vector<std::string> again = load_once({});
    CHECK(a == fresh);
    CHECK(again == a);
}

TEST_CASE("Loading a kept module twice in one kernel restores nothing under the loaded one", "[module]")
{
    kshim::KeepModuleImages keep;
    TestKernel k;
    REQUIRE(k.load(test_module("image_state"), {"dirty=1"}) == 0);
    CHECK(k.load(test_module("image_state")) == -EEXIST);
    REQUIRE(k.unload("image_state").error == 0);
    CHECK(k.log_texts().back().find("exit loads=-1") != std::string::npos);
}
