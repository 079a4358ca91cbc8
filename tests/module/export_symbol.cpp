// EXPORT_SYMBOL between modules of one process: resolution, refusal of unknown and duplicate symbols.
#include <catch2/catch.hpp>

#include <string>

#include "kshim/testing.hpp"
#include "support/subprocess.hpp"

using kshim::testing::TestKernel;
using kshim_test::test_module;

TEST_CASE("A module calls a function and reads a variable another module exported", "[module]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("export_provider")) == 0);
    REQUIRE(k.load(test_module("export_consumer")) == 0);
    CHECK(k.log_contains("consumer: 2 + 3 = 5 (calls 1)"));
    CHECK(k.unload("export_consumer").error == 0);
    CHECK(k.unload("export_provider").error == 0);
    CHECK(k.log_contains("provider: unloaded after 1 calls"));
}

TEST_CASE("A module that needs a symbol nobody exports fails to load with Unknown symbol", "[module]")
{
    TestKernel k;
    CHECK(k.load(test_module("export_consumer")) == -2);
    // The kernel names every missing symbol; the dynamic loader stops at the first one.
    CHECK(k.log_contains("export_consumer: Unknown symbol provider_"));
    CHECK(k.log_contains("(err -2)"));
    REQUIRE(k.load(test_module("export_provider")) == 0);
    CHECK(k.load(test_module("export_private_user")) == -2);
    CHECK(k.log_contains("export_private_user: Unknown symbol provider_private (err -2)"));
}

TEST_CASE("A second module exporting the same name is refused as the kernel does", "[module]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("export_provider")) == 0);
    CHECK(k.load(test_module("export_duplicate")) == -8);  // -ENOEXEC
    CHECK(k.log_contains("export_duplicate: exports duplicate symbol provider_add (owned by export_provider)"));
    CHECK(k.load(test_module("export_consumer")) == 0);
    CHECK(k.log_contains("consumer: 2 + 3 = 5 (calls 1)"));
}

TEST_CASE("The generic runner loads modules in order and unloads them in reverse", "[module]")
{
    kshim_test::ProcResult r = kshim_test::run_process({kshim_test::kshim_run(), "--time", "virtual", "--no-timestamps",
                                                        test_module("export_provider"), test_module("export_consumer")});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 0);
    CHECK(r.term_signal == 0);
    CHECK(r.err == "");
    const std::string &out = r.out;
    CHECK(out == "provider: loaded\n"
                 "consumer: 2 + 3 = 5 (calls 1)\n"
                 "consumer: unloaded\n"
                 "provider: unloaded after 1 calls\n");
}
