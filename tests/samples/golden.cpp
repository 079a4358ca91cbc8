// Golden tests for the samples (samples/*): a virtual-time run prints exactly samples/NAME/expected.txt.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support/subprocess.hpp"

using namespace kshim_test;

namespace {

void check_golden(const std::string &name, const std::vector<std::string> &args)
{
    std::vector<std::string> argv = {sample_bin(name)};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcResult r = run_process(argv);
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    std::string want = read_file(sample_src(name + "/expected.txt"));
    REQUIRE_FALSE(want.empty());
    CHECK(r.out == want);
}

}  // namespace

TEST_CASE("hello greets as expected.txt says", "[samples]")
{
    check_golden("hello", {"--time", "virtual", "whom=kernel", "howmany=2"});
}

TEST_CASE("kthread_loop ticks for 5 seconds as expected.txt says", "[samples]")
{
    check_golden("kthread_loop", {"--time", "virtual", "--run-for", "5s"});
}
