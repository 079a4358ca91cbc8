// Golden tests for the workqueue seed samples: exact expected.txt output, the real kernel's lines in order, determinism.
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include "support/log_match.hpp"
#include "support/oracle.hpp"
#include "support/sanitizer.hpp"

using namespace kshim_test;

namespace {

ProcResult run_sample(const std::string &name)
{
    return run_process({sample_bin(name), "--time", "virtual", "--run-for", "5s"}, 20000);
}

// The real kernel's log lines (timestamped ones, up to a crash report), without timestamps.
std::vector<std::string> kernel_lines(const std::string &log)
{
    std::vector<std::string> out;
    for (const std::string &line : lines_of(log)) {
        if (line.empty() || line[0] != '[')
            continue;
        std::string text = strip_timestamp(line);
        if (text.rfind("BUG: ", 0) == 0 || text.rfind("Oops", 0) == 0)
            break;
        if (!text.empty())
            out.push_back(text);
    }
    return out;
}

// Every wanted line appears in the run's output, in the same order; returns the first missing one.
std::string first_missing(const std::string &run, const std::vector<std::string> &want)
{
    std::vector<std::string> got = texts_of(run);
    size_t at = 0;
    for (const std::string &w : want) {
        while (at < got.size() && got[at] != w)
            ++at;
        if (at == got.size())
            return w;
        ++at;
    }
    return "";
}

// A sanitizer build's code is larger: call-trace offsets (FUNC+0xOFF/0xSIZE) differ from
// expected.txt there, and only there are they left out of the comparison.
std::string comparable(const std::string &log)
{
    if (!kshim::testing::kAsan && !kshim::testing::kUbsan)
        return log;
    return std::regex_replace(log, std::regex(R"(\+0x[0-9a-f]+/0x[0-9a-f]+)"), "+OFF");
}

void check_seed(const std::string &name, const std::vector<std::string> &kernel)
{
    ProcResult r = run_sample(name);
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 0);
    std::string want = read_file(sample_src(name + "/expected.txt"));
    REQUIRE_FALSE(want.empty());
    CHECK(comparable(r.out + r.err) == comparable(want));
    REQUIRE_FALSE(kernel.empty());
    CHECK(first_missing(r.out + r.err, kernel) == "");
    ProcResult again = run_sample(name);
    CHECK(again.out == r.out);
    CHECK(again.err == r.err);
    CHECK(again.exit_code == r.exit_code);
}

std::vector<std::string> oracle(const std::string &name)
{
    return kernel_lines(kshim_test::oracle_log(name));
}

}  // namespace

TEST_CASE("seed_my_wq prints expected.txt, and the real kernel's lines, deterministically", "[workqueue][samples]")
{
    check_seed("seed_my_wq", oracle("seed_my_wq"));
}

TEST_CASE("shared_workqueue prints expected.txt, and the real kernel's lines, deterministically", "[workqueue][samples]")
{
    check_seed("shared_workqueue", oracle("shared_workqueue"));
}

TEST_CASE("custom_workqueue prints expected.txt, and the real kernel's lines, deterministically", "[workqueue][samples]")
{
    check_seed("custom_workqueue", oracle("custom_workqueue"));
}

TEST_CASE("container_of_param prints expected.txt, and the real kernel's lines, deterministically", "[workqueue][samples]")
{
    check_seed("container_of_param", oracle("container_of_param"));
}

TEST_CASE("the kernel-line check rejects a run that lacks a line or has them out of order", "[workqueue][samples]")
{
    std::string run = "[    0.000000] a\n[    0.100000] b\n[    0.200000] c\n";
    CHECK(first_missing(run, {"a", "c"}) == "");
    CHECK(first_missing(run, {"c", "a"}) == "a");
    CHECK(first_missing(run, {"a", "d"}) == "d");
    CHECK(kernel_lines("[    1.000000] x\ninsmod exit status: 0\n[    2.000000] BUG: oops\n[    3.000000] y\n") ==
          std::vector<std::string>{"x"});
}
