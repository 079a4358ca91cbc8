// EXPORT_SYMBOL between modules of one process: resolution, refusal of unknown and duplicate symbols.
#include <catch2/catch.hpp>

#include <string>

#include "kshim/testing.hpp"

using kshim::testing::TestKernel;

namespace {
std::string mod(const char *name) { return std::string(KSHIM_TEST_MODULES) + "/" + name + ".ko"; }
}

TEST_CASE("A module calls a function and reads a variable another module exported", "[module]")
{
    TestKernel k;
    REQUIRE(k.load(mod("export_provider")) == 0);
    REQUIRE(k.load(mod("export_consumer")) == 0);
    CHECK(k.log_contains("consumer: 2 + 3 = 5 (calls 1)"));
    CHECK(k.unload("export_consumer").error == 0);
    CHECK(k.unload("export_provider").error == 0);
    CHECK(k.log_contains("provider: unloaded after 1 calls"));
}

TEST_CASE("A module that needs a symbol nobody exports fails to load with Unknown symbol", "[module]")
{
    TestKernel k;
    CHECK(k.load(mod("export_consumer")) == -2);
    // The kernel names every missing symbol; the dynamic loader stops at the first one.
    CHECK(k.log_contains("export_consumer: Unknown symbol provider_"));
    CHECK(k.log_contains("(err -2)"));
    REQUIRE(k.load(mod("export_provider")) == 0);
    CHECK(k.load(mod("export_private_user")) == -2);
    CHECK(k.log_contains("export_private_user: Unknown symbol provider_private (err -2)"));
}

TEST_CASE("A second module exporting the same name is refused as the kernel does", "[module]")
{
    TestKernel k;
    REQUIRE(k.load(mod("export_provider")) == 0);
    CHECK(k.load(mod("export_duplicate")) == -8);  // -ENOEXEC
    CHECK(k.log_contains("export_duplicate: exports duplicate symbol provider_add (owned by export_provider)"));
    CHECK(k.load(mod("export_consumer")) == 0);
    CHECK(k.log_contains("consumer: 2 + 3 = 5 (calls 1)"));
}

TEST_CASE("The generic runner loads modules in order and unloads them in reverse", "[module]")
{
    std::string cmd = std::string(KSHIM_RUN) + " --time virtual --no-timestamps " + mod("export_provider") +
                      " " + mod("export_consumer") + " 2>&1";
    FILE *p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[512];
    while (size_t n = fread(buf, 1, sizeof buf, p))
        out.append(buf, n);
    int status = pclose(p);
    CHECK(status == 0);
    CHECK(out == "provider: loaded\n"
                 "consumer: 2 + 3 = 5 (calls 1)\n"
                 "consumer: unloaded\n"
                 "provider: unloaded after 1 calls\n");
}
