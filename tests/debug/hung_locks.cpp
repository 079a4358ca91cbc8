// A deadlock report ends with the locks held in the system, as khungtaskd's does with lockdep.
#include <catch2/catch.hpp>

#include <string>

#include "kshim/testing.hpp"
#include "support/subprocess.hpp"

#include "linux/errno.h"

TEST_CASE("A mutex self-deadlock's deadlock report lists the lock the task holds", "[debug]")
{
    kshim::testing::TestKernel k;
    CHECK(k.load(kshim_test::test_module("hung_mutex")) == -EDEADLK);   // kshim gives up on an init that never returns
    auto texts = k.log_texts();
    auto at = [&](const std::string &needle, size_t from = 0) {
        for (size_t i = from; i < texts.size(); ++i)
            if (texts[i].find(needle) != std::string::npos)
                return (long)i;
        return -1L;
    };
    long hung = at("kshim: deadlock: every task is blocked");
    long shown = at("Showing all locks held in the system:");
    long held = at("2 locks held by insmod/");  // the one owned and the one waited for, as lockdep lists them
    REQUIRE(hung >= 0);
    CHECK(shown > hung);
    CHECK(held > shown);
    CHECK(at("(cfg_lock)", (size_t)shown) > held);
}
