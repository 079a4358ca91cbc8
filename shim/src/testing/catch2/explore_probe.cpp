// The Catch2 side of explore(): a listener that sees every failed assertion, so a CHECK or REQUIRE inside a run fails that run.
#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include <catch2/catch.hpp>

#include <string>

#include "kshim/catch2.hpp"
#include "../assertion_probe.hpp"

namespace kshim::testing {

namespace {

// The failed assertions since explore()'s last begin(): how many, and the first one's text.
struct Failures {
    unsigned long count = 0;
    std::string first;
};

Failures &failures()
{
    static Failures f;
    return f;
}

// "CHECK( n == 2 ) with expansion: 1 == 2 at file.cpp:12", or a FAIL's message, as Catch2 shows them.
std::string describe(const Catch::AssertionResult &r)
{
    std::string text;
    if (r.hasExpression()) {
        text = r.getExpressionInMacro();
        if (r.hasExpandedExpression())
            text += " with expansion: " + r.getExpandedExpression();
    }
    if (r.hasMessage())
        text += (text.empty() ? "" : ": ") + r.getMessage();
    const Catch::SourceLineInfo &at = r.getSourceInfo();
    return text + " at " + at.file + ":" + std::to_string(at.line);
}

// Told of every assertion Catch2 ends (failed ones always, passing ones when it reports them).
class ExploreListener : public Catch::TestEventListenerBase {
public:
    using TestEventListenerBase::TestEventListenerBase;
    bool assertionEnded(const Catch::AssertionStats &stats) override
    {
        const Catch::AssertionResult &r = stats.assertionResult;
        Failures &f = failures();
        if (!r.isOk() && f.count++ == 0)
            f.first = describe(r);
        return true;
    }
};

// Installs the probe before main() runs (explore.cpp keeps it in a function-local static).
bool install()
{
    AssertionProbe p;
    p.begin = [] { failures() = {}; };
    p.failure = [] { return failures().count ? failures().first : std::string(); };
    p.failed_run = [](const ExploreResult &r) { WARN(r.describe()); };
    set_assertion_probe(std::move(p));
    return true;
}

const bool installed = install();

}  // namespace

// Referenced by kshim::testing's main(), so a static link keeps this file (and its listener).
bool explore_probe_linked() { return installed; }

}  // namespace kshim::testing

using kshim::testing::ExploreListener;
CATCH_REGISTER_LISTENER(ExploreListener)
