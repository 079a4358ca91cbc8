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

TEST_CASE("Durations beyond 64 bits of nanoseconds, infinities and NaN are refused", "[runner]")
{
    uint64_t ns = 7;
    CHECK(kshim::parse_duration("18446744073s", ns));  // just under 2^64 ns
    CHECK(ns > 18'446'744'072'000'000'000ull);
    ns = 7;
    CHECK_FALSE(kshim::parse_duration("18446744074s", ns));
    CHECK_FALSE(kshim::parse_duration("5e38s", ns));  // the fuzzer's find (tests/fuzz/regressions)
    CHECK_FALSE(kshim::parse_duration("1e300", ns));
    CHECK_FALSE(kshim::parse_duration("inf", ns));
    CHECK_FALSE(kshim::parse_duration("nan", ns));
    CHECK_FALSE(kshim::parse_duration("300000d", ns));
    CHECK(ns == 7);  // untouched on failure

    const char *argv[] = {"kshim-run", "a.ko", "--run-for", "1e300"};
    kshim::RunnerConfig cfg;
    CHECK(kshim::parse_runner_args(4, const_cast<char **>(argv), "", cfg) == "invalid duration for --run-for: '1e300'");
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

namespace {

// Parses a runner command line for a module-carrying executable; returns the error, if any.
std::string parse(std::vector<const char *> args, kshim::RunnerConfig &cfg)
{
    args.insert(args.begin(), "hello");
    return kshim::parse_runner_args((int)args.size(), const_cast<char **>(args.data()), "/b/hello.ko", cfg);
}

}  // namespace

TEST_CASE("The runner option --color takes dmesg's modes, auto when given alone", "[runner]")
{
    kshim::RunnerConfig def, bare, always, never, bad;
    CHECK(parse({}, def) == "");
    CHECK(def.color == kshim::ColorWhen::Auto);   // as dmesg: colours on a terminal
    CHECK(parse({"--color=never", "--color"}, bare) == "");
    CHECK(bare.color == kshim::ColorWhen::Auto);
    CHECK(parse({"--color=always"}, always) == "");
    CHECK(always.color == kshim::ColorWhen::Always);
    CHECK(parse({"--color=never"}, never) == "");
    CHECK(never.color == kshim::ColorWhen::Never);
    CHECK(parse({"--color=sometimes"}, bad) == "unsupported color mode: 'sometimes'");
}

TEST_CASE("The runner option --level keeps the console to dmesg's named levels", "[runner]")
{
    kshim::RunnerConfig all, some, eq, bad, empty;
    CHECK(parse({}, all) == "");
    CHECK(all.kernel.console_levels == 0xffu);
    CHECK(parse({"--level", "err,warn"}, some) == "");
    CHECK(some.kernel.console_levels == (1u << 3 | 1u << 4));
    CHECK(parse({"--level=emerg,debug"}, eq) == "");
    CHECK(eq.kernel.console_levels == (1u << 0 | 1u << 7));
    CHECK(parse({"-l", "err,bogus"}, bad) == "unknown level 'bogus'");
    CHECK(parse({"--level", ""}, empty) == "");   // as dmesg -l '': nothing is shown
    CHECK(empty.kernel.console_levels == 0u);
}

TEST_CASE("The runner options --trace, --trace-text and --timeline name where the trace goes", "[runner]")
{
    kshim::RunnerConfig none, all, file, bad;
    CHECK(parse({}, none) == "");
    CHECK_FALSE(none.trace.any());
    CHECK(parse({"--trace", "t.json", "--trace-text", "--timeline=t.html"}, all) == "");
    CHECK(all.trace.json == "t.json");
    CHECK(all.trace.text);
    CHECK(all.trace.text_path.empty());   // stdout, after the log
    CHECK(all.trace.timeline == "t.html");
    CHECK(parse({"--trace-text=t.txt"}, file) == "");
    CHECK(file.trace.text);
    CHECK(file.trace.text_path == "t.txt");
    CHECK(parse({"--trace"}, bad) == "option --trace needs a FILE (the trace-event JSON)");
}
