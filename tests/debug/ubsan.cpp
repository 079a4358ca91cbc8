// Tests for shim/src/debug/ubsan.cpp and the modules' UBSan checks: what a UBSan build reports in module code, and the log kept.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support/log_match.hpp"
#include "support/sanitizer.hpp"
#include "support/subprocess.hpp"

using namespace kshim_test;

TEST_CASE("In the UBSan build an oversized shift in module code ends the run after the log printed before it", "[debug]")
{
    KSHIM_ONLY_UNDER_UBSAN();
    ProcResult r = run_module("ubsan_shift");
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 1);
    auto t = texts_of(r.out);
    CHECK(index_of(t, "ubsan_shift: shifting by 40") < t.size());
    CHECK(index_of(t, "ubsan_shift: got") == t.size());
    CHECK(r.err.find("shift exponent 40 is too large for 32-bit type 'int'") != std::string::npos);
    CHECK(r.err.find("kshim: UndefinedBehaviorSanitizer's report of it is above; the run ends here") != std::string::npos);
}

TEST_CASE("In the UBSan build a NULL dereference in module code is kshim's oops, not a UBSan report", "[debug]")
{
    KSHIM_ONLY_UNDER_UBSAN();
    ProcResult r = run_module("crash_null");
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 1);
    CHECK(index_of(texts_of(r.out), "BUG: kernel NULL pointer dereference, address: 0000000000000000") <
          texts_of(r.out).size());
    CHECK(r.err.find("runtime error") == std::string::npos);
}

TEST_CASE("A shift within its type's width in the ubsan_shift module is no report in any build", "[debug]")
{
    ProcResult r = run_module("ubsan_shift", {"shift=3"});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 0);
    CHECK(index_of(texts_of(r.out), "ubsan_shift: got 8") < texts_of(r.out).size());
}
