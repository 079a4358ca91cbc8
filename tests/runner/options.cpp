// Tests for the runner's command line (shim/src/runner/options.cpp): durations, options, module parameters.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "runner/runner.hpp"

TEST_CASE("Durations parse with s, ms, us, ns, min and h units", "[runner]")
{
    uint64_t ns = 0;
    CHECK(kshim::parse_duration("5s", ns));
    CHECK(ns == 5'000'000'000ull);
    CHECK(kshim::parse_duration("5", ns));
    CHECK(ns == 5'000'000'000ull);
    CHECK(kshim::parse_duration("1500ms", ns));
    CHECK(ns == 1'500'000'000ull);
    CHECK(kshim::parse_duration("250us", ns));
    CHECK(ns == 250'000ull);
    CHECK(kshim::parse_duration("2h", ns));
    CHECK(ns == 7'200'000'000'000ull);
    CHECK(kshim::parse_duration("10min", ns));
    CHECK(ns == 600'000'000'000ull);
    CHECK_FALSE(kshim::parse_duration("abc", ns));
    CHECK_FALSE(kshim::parse_duration("5 parsecs", ns));
    CHECK_FALSE(kshim::parse_duration("-1s", ns));
    CHECK_FALSE(kshim::parse_duration("", ns));
}

TEST_CASE("Runner arguments attach parameters to the module before them", "[runner]")
{
    const char *argv[] = {"kshim-run", "a.ko", "x=1", "--cpus", "3", "b.ko", "y", "--time", "virtual", "--strict"};
    kshim::RunnerConfig cfg;
    CHECK(kshim::parse_runner_args(10, const_cast<char **>(argv), "", cfg) == "");
    REQUIRE(cfg.modules.size() == 2);
    CHECK(cfg.modules[0].path == "a.ko");
    CHECK(cfg.modules[0].params == std::vector<std::string>{"x=1"});
    CHECK(cfg.modules[1].params == std::vector<std::string>{"y"});
    CHECK(cfg.kernel.cpus == 3);
    CHECK(cfg.kernel.time == kshim::TimeMode::Virtual);
    CHECK(cfg.strict);

    const char *plain[] = {"hello", "whom=x"};
    kshim::RunnerConfig c2;
    CHECK(kshim::parse_runner_args(2, const_cast<char **>(plain), "/b/hello.ko", c2) == "");
    CHECK(c2.kernel.time == kshim::TimeMode::Real);  // standalone runs default to real time
    REQUIRE(c2.modules.size() == 1);
    CHECK(c2.modules[0].params == std::vector<std::string>{"whom=x"});
}
