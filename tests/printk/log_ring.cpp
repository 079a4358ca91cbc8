// The printk log is bounded like log_buf: the oldest records go first, texts stay intact.
#include <catch2/catch.hpp>

#include <string>

#include "kshim/testing.hpp"

#include "linux/printk.h"

using kshim::testing::TestKernel;

TEST_CASE("The log keeps the newest 65536 records and drops the oldest", "[printk]")
{
    TestKernel k;
    k.run_task([] {
        for (int i = 0; i < 70000; ++i)
            printk(KERN_INFO "line %d\n", i);
        return 0L;
    });
    auto texts = k.log_texts();
    REQUIRE(texts.size() == 65536);
    CHECK(texts.front() == "line 4464");
    CHECK(texts.back() == "line 69999");
}

TEST_CASE("Long records wrap the text ring without corrupting the texts kept", "[printk]")
{
    TestKernel k;
    std::string pad(900, 'x');
    k.run_task([&pad] {
        for (int i = 0; i < 10000; ++i)
            printk(KERN_INFO "%05d %s\n", i, pad.c_str());
        printk(KERN_INFO "start ");
        printk(KERN_CONT "%s", pad.c_str());
        printk(KERN_CONT " end\n");
        return 0L;
    });
    auto texts = k.log_texts();
    REQUIRE(texts.size() > 1000);
    CHECK(texts.size() < 10000);
    CHECK(texts.back() == "start " + pad + " end");
    int first = std::stoi(texts.front().substr(0, 5));
    for (size_t i = 0; i + 1 < texts.size(); ++i)
        CHECK(texts[i] == std::string(5 - std::to_string(first + (int)i).size(), '0') +
                              std::to_string(first + (int)i) + " " + pad);
}
