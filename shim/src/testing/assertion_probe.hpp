// How a test framework's assertions reach explore(): the hook the Catch2 glue installs (catch2/explore_probe.cpp).
#pragma once

#include <functional>
#include <string>

#include "kshim/testing.hpp"

namespace kshim::testing {

// begin() before each run's fn; failure() after it: "" or the first assertion that failed since
// begin() (a CHECK that went on, or a REQUIRE that threw), which fails the run; failed_run(r)
// when explore() or replay() ends on a failed run, to print r.describe(). Without a probe, a
// failed run's describe() goes to stderr. All on the test's thread.
struct AssertionProbe {
    std::function<void()> begin;
    std::function<std::string()> failure;
    std::function<void(const ExploreResult &)> failed_run;
};
// Installs p (an empty one removes it). Called before main(), or from the test's thread.
void set_assertion_probe(AssertionProbe p);

}  // namespace kshim::testing
